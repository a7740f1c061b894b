package sauron.train;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Index;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Deep-supervised CE + soft Dice (docs/SAURON.md section 2): sum over heads s of CE(p_s, y_s) + softDice(p_s, y_s),
 * where y_s is the one-hot label taken at the head's resolution by nearest neighbour (every 2^s-th voxel on
 * every spatial axis, which is how a stride-2 encoder samples the grid).
 */
public final class SegmentationLoss {

	static final float DICE_EPS = 1e-5f;

	private SegmentationLoss() {}

	/**
	 * @param logits heads, full resolution first, each [B, spatial..., classes]
	 * @param oneHot [B, spatial..., classes] at full resolution
	 */
	public static Operand<TFloat32> build(final Ops tf, final List<Operand<TFloat32>> logits, final Operand<TFloat32> oneHot, final int dims) {
		final List<Operand<TFloat32>> terms = new ArrayList<>();
		for (int s = 0; s < logits.size(); s++) {
			final Operand<TFloat32> y = downsample(tf, oneHot, dims, 1 << s);
			terms.add(crossEntropy(tf, logits.get(s), y, dims));
			terms.add(softDiceLoss(tf, tf.nn.softmax(logits.get(s)), y, dims));
		}
		return tf.math.addN(terms);
	}

	static Operand<TFloat32> downsample(final Ops tf, final Operand<TFloat32> oneHot, final int dims, final int factor) {
		if (factor == 1) return oneHot;
		final Index[] index = new Index[dims + 2];
		index[0] = Indices.all();
		for (int d = 1; d <= dims; d++) index[d] = Indices.step(factor);
		index[dims + 1] = Indices.all();
		return tf.stridedSlice(oneHot, index);
	}

	/** Mean over voxels and batch of -sum_c y_c log softmax(z)_c. */
	static Operand<TFloat32> crossEntropy(final Ops tf, final Operand<TFloat32> logits, final Operand<TFloat32> y, final int dims) {
		final Operand<TFloat32> perVoxel = tf.reduceSum(tf.math.mul(y, logSoftmax(tf, logits, dims + 1)), tf.constant(dims + 1));
		return tf.math.neg(tf.math.mean(perVoxel, tf.constant(allAxes(dims + 1))));
	}

	/**
	 * log softmax from Exp/Log/Sum: the C++ gradient of TF 2.18's LogSoftmax op gives wrong values (measured
	 * against finite differences in TrainingGraphGradientTest), so that op must not appear in a training graph.
	 */
	static Operand<TFloat32> logSoftmax(final Ops tf, final Operand<TFloat32> logits, final int axis) {
		final Operand<TFloat32> shifted = tf.math.sub(logits, tf.stopGradient(tf.reduceMax(logits, tf.constant(axis), org.tensorflow.op.core.ReduceMax.keepDims(true))));
		final Operand<TFloat32> logSum = tf.math.log(tf.reduceSum(tf.math.exp(shifted), tf.constant(axis), org.tensorflow.op.core.ReduceSum.keepDims(true)));
		return tf.math.sub(shifted, logSum);
	}

	/** 1 - mean over batch and classes (background included) of 2 sum(p y) / (sum(p) + sum(y) + eps). */
	static Operand<TFloat32> softDiceLoss(final Ops tf, final Operand<TFloat32> p, final Operand<TFloat32> y, final int dims) {
		final Operand<TInt32> spatial = tf.constant(spatialAxes(dims));
		final Operand<TFloat32> intersection = tf.reduceSum(tf.math.mul(p, y), spatial);
		final Operand<TFloat32> sizes = tf.math.add(tf.reduceSum(p, spatial), tf.reduceSum(y, spatial));
		final Operand<TFloat32> dice = tf.math.div(tf.math.mul(tf.constant(2f), intersection), tf.math.add(sizes, tf.constant(DICE_EPS)));
		return tf.math.sub(tf.constant(1f), tf.math.mean(dice, tf.constant(new int[] { 0, 1 })));
	}

	static int[] spatialAxes(final int dims) {
		final int[] axes = new int[dims];
		for (int d = 0; d < dims; d++) axes[d] = d + 1;
		return axes;
	}

	static int[] allAxes(final int rank) {
		final int[] axes = new int[rank];
		for (int d = 0; d < rank; d++) axes[d] = d;
		return axes;
	}
}

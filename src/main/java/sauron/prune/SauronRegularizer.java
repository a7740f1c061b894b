package sauron.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Index;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * delta_opt (docs/SAURON.md section 3), the differentiable term that pulls every channel's feature map towards
 * channel 0's, so that delta_prune later finds them redundant. Built only from ops with C++ gradients
 * (MaxPool, MaxPool3D, AvgPool, AvgPool3D, StridedSlice, Mean, Sum, Sqrt), so it trains on every platform.
 */
public final class SauronRegularizer {

	/** Keeps the min-max division finite on constant maps and the sqrt differentiable at 0. */
	static final float EPS = 1e-8f;

	private SauronRegularizer() {}

	/**
	 * @param activations per prunable layer, channels-last [B, (D,) H, W, C] with static shapes
	 * @param sf average-pooling kernel and stride on every spatial axis (floor; axes shorter than sf are
	 *          pooled whole)
	 * @return R: the mean, over the layers with two channels or more, of the mean over batch and channels
	 *         c >= 1 of d_c = sqrt(mean_S (P0 - Pc)^2 + eps) on pooled maps normalised per sample and channel
	 *         as (F - min) / max(max - min, eps); 0 when no layer has two channels. One-channel layers are not
	 *         in R's graph at all: a gradient of R alone w.r.t. their activations is refused by TF as unreachable.
	 */
	public static Operand<TFloat32> build(final Ops tf, final Map<String, Operand<TFloat32>> activations, final int sf) {
		if (sf < 1) throw new IllegalArgumentException("pooling factor must be >= 1, got " + sf);
		final List<Operand<TFloat32>> terms = new ArrayList<>();
		for (final Map.Entry<String, Operand<TFloat32>> e : activations.entrySet()) {
			final long[] shape = e.getValue().shape().asArray();
			if (shape == null || shape.length < 3) throw new IllegalArgumentException("activations of " + e.getKey() + " need [B, spatial..., C], got " + e.getValue().shape());
			for (final long s : shape)
				if (s < 1) throw new IllegalArgumentException("activations of " + e.getKey() + " need a static shape, got " + Arrays.toString(shape));
			// One channel: nothing to be redundant with, and channels 1.. would be empty (a NaN mean).
			if (shape[shape.length - 1] < 2) continue;
			terms.add(layerTerm(tf.withSubScope("sauron_" + e.getKey()), e.getValue(), shape, sf));
		}
		if (terms.isEmpty()) return tf.constant(0f);
		return tf.math.div(tf.math.addN(terms), tf.constant((float) terms.size()));
	}

	private static Operand<TFloat32> layerTerm(final Ops tf, final Operand<TFloat32> f, final long[] shape, final int sf) {
		final int dims = shape.length - 2;
		final int channels = (int) shape[dims + 1];
		final Operand<TInt32> spatial = tf.constant(range(1, dims + 1, 1));
		// Each map's min and max as a max pooling over the whole map: the same values as ReduceMin/ReduceMax, and a
		// backward pass of one MaxPoolGrad instead of ReduceMax's (Equal, Cast, Sum, Div, Mul over the full map),
		// which made the regulariser a quarter of a step (measured: R's cost -50 % in 2D, -40 % in 3D). Where a map's
		// extreme is tied, the pooling's gradient goes to one of the tied voxels, ReduceMax's is shared: both are
		// gradients of the same function there.
		final Operand<TFloat32> max = wholeMapMax(tf, f, shape);
		final Operand<TFloat32> min = tf.math.neg(wholeMapMax(tf, tf.math.neg(f), shape));
		// max(range, eps), not range + eps: Grappler reassociates (max - min) + eps into max + (eps - min), where
		// eps vanishes in float32 and a constant map gives 0 / 0 = NaN (measured). The two differ by at most eps.
		final Operand<TFloat32> range = tf.math.maximum(tf.math.sub(max, min), tf.constant(EPS));
		// Pooling is linear and the normalisation affine per map, so P((F - min) / range) = (P(F) - min) / range:
		// normalising after pooling does the elementwise work (and its backprop) on 2^dims times fewer voxels.
		final Operand<TFloat32> pooled = tf.math.div(tf.math.sub(averagePool(tf, f, shape, sf), min), range);
		final Operand<TFloat32> reference = tf.stridedSlice(pooled, channelSlice(dims + 1, Indices.slice(0, 1)));
		final Operand<TFloat32> meanSquare = tf.math.mean(tf.math.square(tf.math.sub(pooled, reference)), spatial);
		final Operand<TFloat32> d = tf.math.sqrt(tf.math.add(meanSquare, tf.constant(EPS)));
		// The mean over batch and channels c >= 1, as a weighted sum: channel 0 (the reference, d = sqrt(eps)) weighs 0.
		// Slicing channels 1.. out instead costs a StridedSliceGrad over the pooled maps in the backward pass.
		final float[] weight = new float[channels];
		Arrays.fill(weight, 1, channels, 1f / ((channels - 1) * shape[0]));
		return tf.sum(tf.math.mul(d, tf.constant(weight)), tf.constant(new int[] { 0, 1 }));
	}

	/**
	 * Each map's maximum, [B, 1, (1,) 1, C]: a max pooling whose window is the whole map. In 2D the MaxPool op with
	 * its window as attributes: TensorFlow Java's typed maxPool is MaxPoolV2 (window as a tensor), which oneDNN does
	 * not take over, and a 2D step was 8 % slower with it (measured).
	 */
	@SuppressWarnings("unchecked")
	private static Operand<TFloat32> wholeMapMax(final Ops tf, final Operand<TFloat32> x, final long[] shape) {
		final int dims = shape.length - 2;
		final long[] window = new long[dims + 2];
		Arrays.fill(window, 1L);
		for (int d = 0; d < dims; d++) window[1 + d] = shape[1 + d];
		if (dims == 3) {
			final List<Long> w = Arrays.stream(window).boxed().toList();
			return tf.nn.maxPool3d(x, w, w, "VALID");
		}
		final org.tensorflow.Output<?> max = tf.scope().opBuilder("MaxPool", "WholeMapMax").addInput(x.asOutput()).setAttr("ksize", window)
				.setAttr("strides", window).setAttr("padding", "VALID").build().output(0);
		return (Operand<TFloat32>) (Operand<?>) max;
	}

	/**
	 * A map as both distances compress it: average-pooled with kernel = stride = sf per axis (see
	 * {@link Pooling#factor}). Sauron's criterion reads maps pooled in the graph: 2^dims times fewer values to
	 * copy out than the maps themselves.
	 *
	 * @param map [B, (D,) H, W, C] with a static shape
	 */
	public static Operand<TFloat32> pooled(final Ops tf, final Operand<TFloat32> map, final int sf) {
		return averagePool(tf, map, map.shape().asArray(), sf);
	}

	/**
	 * Average pooling, kernel = stride = the factor per axis, VALID (a trailing remainder is ignored). TF's
	 * AvgPool/AvgPool3D (oneDNN) are several times faster here than a reshape + mean over split axes.
	 */
	private static Operand<TFloat32> averagePool(final Ops tf, final Operand<TFloat32> x, final long[] shape, final int sf) {
		final int dims = shape.length - 2;
		final List<Long> window = new ArrayList<>();
		window.add(1L);
		for (int d = 0; d < dims; d++) window.add((long) Pooling.factor(shape[1 + d], sf));
		window.add(1L);
		return dims == 2 ? tf.nn.avgPool(x, window, window, "VALID") : tf.nn.avgPool3d(x, window, window, "VALID");
	}

	private static Index[] channelSlice(final int channelAxis, final Index channels) {
		final Index[] index = new Index[channelAxis + 1];
		Arrays.fill(index, Indices.all());
		index[channelAxis] = channels;
		return index;
	}

	private static int[] range(final int from, final int to, final int step) {
		final int[] r = new int[(to - from + step - 1) / step];
		for (int i = 0; i < r.length; i++) r[i] = from + i * step;
		return r;
	}
}

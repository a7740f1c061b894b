package sauron.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import sauron.net.UNetGraph;
import sauron.tf.Tensors;

/**
 * The segmented backward pass gives the gradients TensorFlow's own builder gives for a small graph with what a
 * U-Net has: convolutions in series, a strided one, a skip concatenation that feeds a later convolution, a tensor
 * that reaches the loss both directly and through convolutions, and weights between convolutions. The reference
 * is TF's C++ registry in 2D (Conv2D has a gradient there) and, in 3D, the Conv3D gradient registered from Java by the
 * test-only {@link RegisteredConv3dGradient}.
 */
class SegmentedBackpropTest {

	@Test
	void in2dItGivesTheGradientsOfTensorFlowsRegistry() {
		check(2);
	}

	@Test
	void in3dItGivesTheGradientsOfTheConv3dGradientRegisteredFromJava() {
		RegisteredConv3dGradient.ensureRegistered();
		check(3);
	}

	/** The small network, its loss, and its weights in the order the gradients are compared. */
	private record Net(Operand<TFloat32> loss, List<SegmentedBackprop.Segment> segments, List<Operand<TFloat32>> weights) {}

	/** The same network built twice: segmented, and plain for TensorFlow's builder. */
	private static void check(final int dims) {
		final List<float[]> segmented = new ArrayList<>(), reference = new ArrayList<>();
		try (Graph graph = new Graph()) {
			final Ops tf = Ops.create(graph);
			final Net net = build(tf, dims, new Random(3), true);
			final Map<Operand<TFloat32>, Operand<TFloat32>> gradients = SegmentedBackprop.gradients(graph, tf, net.loss(), net.segments());
			final List<Operand<TFloat32>> fetch = new ArrayList<>();
			for (final Operand<TFloat32> w : net.weights()) fetch.add(gradients.get(w));
			segmented.addAll(run(graph, fetch));
		}
		try (Graph graph = new Graph()) {
			final Ops tf = Ops.create(graph);
			final Net net = build(tf, dims, new Random(3), false);
			final Output<?>[] weights = new Output<?>[net.weights().size()];
			for (int i = 0; i < weights.length; i++) weights[i] = net.weights().get(i).asOutput();
			final List<Operand<TFloat32>> fetch = new ArrayList<>();
			for (final Output<?> g : graph.addGradients(net.loss().asOutput(), weights)) fetch.add(floats(g));
			reference.addAll(run(graph, fetch));
		}
		assertEquals(reference.size(), segmented.size());
		for (int i = 0; i < reference.size(); i++) {
			final float[] x = segmented.get(i), y = reference.get(i);
			assertEquals(y.length, x.length, "weight " + i);
			double scale = 0;
			for (final float v : y) scale = Math.max(scale, Math.abs(v));
			for (int j = 0; j < x.length; j++) assertEquals(y[j], x[j], 1e-5 * scale, "weight " + i + " element " + j);
		}
	}

	private static List<float[]> run(final Graph graph, final List<Operand<TFloat32>> fetch) {
		try (Session session = new Session(graph)) {
			final Session.Runner runner = session.runner();
			fetch.forEach(runner::fetch);
			try (Result r = runner.run()) {
				final List<float[]> values = new ArrayList<>();
				for (int i = 0; i < fetch.size(); i++) values.add(Tensors.toArray(r.get(i)));
				return values;
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Operand<TFloat32> floats(final Output<?> o) {
		return (Operand<TFloat32>) o;
	}

	/**
	 * image -> conv a (stride 1) -> tanh -> conv b (stride 2) -> tanh * scale -> conv c (stride 1) -> tanh;
	 * conv d reads the concatenation of c's and b's outputs (a skip); the loss reads d and, directly, a's output.
	 */
	private static Net build(final Ops tf, final int dims, final Random random, final boolean segmented) {
		final int side = 8;
		final List<SegmentedBackprop.Segment> segments = new ArrayList<>();
		final List<Operand<TFloat32>> weights = new ArrayList<>();
		final long[] imageShape = new long[dims + 2];
		java.util.Arrays.fill(imageShape, side);
		imageShape[0] = 2;
		imageShape[dims + 1] = 2;
		final Operand<TFloat32> image = constant(tf, random, imageShape);
		final Operand<TFloat32> a = layer(tf, random, dims, segmented, image, 2, 3, 1, segments, weights);
		final Operand<TFloat32> b = layer(tf, random, dims, segmented, a, 3, 4, 2, segments, weights);
		final Operand<TFloat32> scale = constant(tf, random, new long[] { 4 });
		if (segmented) segments.get(1).weights().add(scale);
		weights.add(scale);
		final Operand<TFloat32> scaled = tf.math.mul(b, scale);
		final Operand<TFloat32> c = layer(tf, random, dims, segmented, scaled, 4, 3, 1, segments, weights);
		final Operand<TFloat32> d = layer(tf, random, dims, segmented, tf.concat(List.of(c, scaled), tf.constant(dims + 1)), 7, 2, 1, segments, weights);
		if (segmented) {
			// Which convolutions read each segment's output: a -> b; b -> c and (skip) d; c -> d.
			segments.get(0).feeds().add(segments.get(1).conv());
			segments.get(1).feeds().addAll(List.of(segments.get(2).conv(), segments.get(3).conv()));
			segments.get(2).feeds().add(segments.get(3).conv());
		}
		final Operand<TFloat32> loss = tf.math.add(tf.sum(tf.math.square(d), tf.constant(allAxes(dims))),
				tf.math.mul(tf.constant(0.3f), tf.sum(tf.math.square(a), tf.constant(allAxes(dims)))));
		return new Net(loss, segments, weights);
	}

	/** conv (kernel 3, SAME) + bias + tanh, recorded as a segment. */
	private static Operand<TFloat32> layer(final Ops tf, final Random random, final int dims, final boolean segmented, final Operand<TFloat32> x, final int in, final int out,
			final int stride, final List<SegmentedBackprop.Segment> segments, final List<Operand<TFloat32>> weights) {
		final long[] kernelShape = new long[dims + 2];
		java.util.Arrays.fill(kernelShape, 3);
		kernelShape[dims] = in;
		kernelShape[dims + 1] = out;
		final Operand<TFloat32> kernel = constant(tf, random, kernelShape), bias = constant(tf, random, new long[] { out });
		final Operand<TFloat32> y;
		if (segmented) {
			final UNetGraph.Conv conv = UNetGraph.Conv.of(tf, x, kernel, stride);
			segments.add(new SegmentedBackprop.Segment(conv, new ArrayList<>(List.of(bias)), List.of(), new ArrayList<>()));
			y = conv.output();
		} else
			y = UNetGraph.convolve(tf, x, kernel, stride);
		weights.add(kernel);
		weights.add(bias);
		return tf.math.tanh(tf.nn.biasAdd(y, bias));
	}

	private static Operand<TFloat32> constant(final Ops tf, final Random random, final long[] shape) {
		long n = 1;
		for (final long s : shape) n *= s;
		final float[] v = new float[Math.toIntExact(n)];
		for (int i = 0; i < v.length; i++) v[i] = (float) (0.4 * random.nextGaussian());
		try (TFloat32 t = Tensors.floats(v, shape)) {
			return tf.constant(t);
		}
	}

	private static int[] allAxes(final int dims) {
		final int[] axes = new int[dims + 2];
		for (int i = 0; i < axes.length; i++) axes[i] = i;
		return axes;
	}
}

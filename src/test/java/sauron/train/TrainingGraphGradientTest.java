package sauron.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
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
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

import sauron.net.AdamState;
import sauron.net.Layer;
import sauron.net.Param;
import sauron.net.Topology;
import sauron.net.UNetGraph;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.prune.SauronRegularizer;
import sauron.tf.Tensors;

/**
 * The gradients of the whole network's loss, Sauron's regulariser included, match finite differences, in 2D (Conv2D,
 * TensorFlow's own gradient) and in 3D (the segmented backward pass), for every layer on its own and for all layers
 * together; in 3D they also match TensorFlow's builder on plain Conv3D ops with a Conv3D gradient registered by the
 * test; and training is reproducible.
 */
class TrainingGraphGradientTest {

	/** Sauron's regulariser's weight in the checked loss: large enough that a wrong regulariser gradient shows. */
	private static final float LAMBDA = 0.5f;

	@Test
	void gradientsOfThe2dNetMatchFiniteDifferences() {
		check(UNetSpec.create(2, 3, 4, 16, 1, 3), new int[] { 16, 16 }); // 2D: Conv2D with TF's own gradient
	}

	@Test
	void gradientsOfThe3dNetMatchFiniteDifferences() {
		check(UNetSpec.create(3, 3, 3, 12, 1, 2), new int[] { 8, 8, 8 });
	}

	/** Four levels: a decoder block feeds both a deep-supervision head and the next level's transposed conv. */
	@Test
	void gradientsOfA4LevelNetWithTwoHeadsMatchFiniteDifferences() {
		check(UNetSpec.create(3, 4, 2, 8, 1, 2), new int[] { 8, 8, 8 });
	}

	private static void check(final UNetSpec spec, final int[] patch) {
		final Topology topology = new Topology(spec);
		final Weights w0 = Weights.heNormal(topology, 7);
		final TinyBatches data = new TinyBatches(2, patch, 3);
		try (TrainingGraph graph = new TrainingGraph(topology, w0, AdamState.fresh(topology), 2, patch, 0f, LAMBDA, 2)) {
			final Weights gradient = graph.gradients(data.images, data.labels);
			final Random random = new Random(11);
			for (final Layer layer : topology.layers())
				assertDirectionalDerivative(graph, w0, gradient, direction(w0, layer.kernelName(), random), data, layer.kernelName());
			assertDirectionalDerivative(graph, w0, gradient, direction(w0, null, random), data, "all weights");
		}
	}

	/** A random unit direction over one array (or over all when name is null). */
	private static Weights direction(final Weights w, final String name, final Random random) {
		final Map<String, Param> d = new LinkedHashMap<>();
		double norm = 0;
		for (final Map.Entry<String, Param> e : w.all().entrySet()) {
			final Param p = Param.zeros(e.getValue().shape());
			if (name == null || name.equals(e.getKey()))
				for (int i = 0; i < p.values().length; i++) {
					p.values()[i] = (float) random.nextGaussian();
					norm += p.values()[i] * p.values()[i];
				}
			d.put(e.getKey(), p);
		}
		final float scale = (float) (1 / Math.sqrt(norm));
		for (final Param p : d.values()) for (int i = 0; i < p.values().length; i++) p.values()[i] *= scale;
		return new Weights(d);
	}

	private static void assertDirectionalDerivative(final TrainingGraph graph, final Weights w0, final Weights gradient, final Weights u,
			final TinyBatches data, final String what) {
		double analytic = 0;
		for (final String name : w0.all().keySet()) {
			final float[] g = gradient.get(name).values(), d = u.get(name).values();
			for (int i = 0; i < g.length; i++) analytic += (double) g[i] * d[i];
		}
		// Central differences with Richardson extrapolation: cancels the O(eps^2) curvature term, so eps can
		// stay large enough for float32 rounding not to matter.
		final double eps = 4e-3;
		final double d1 = difference(graph, w0, u, eps, data), d2 = difference(graph, w0, u, eps / 2, data), d4 = difference(graph, w0, u, eps / 4, data);
		final double numeric = (4 * d2 - d1) / 3;
		graph.load(w0, AdamState.fresh(graph.topology()));
		// 10 %: instance norm over the few voxels of the deepest level curves the loss sharply; a wrong gradient
		// (as TF's LogSoftmax gives) is off by far more, often in sign. Plus the estimate's own error, seen as how far
		// it moves at half the step: the regulariser's and LeakyReLU's kinks move it by up to 20 % in some directions.
		final double tolerance = 0.1 * Math.abs(numeric) + 1e-4 + Math.abs(numeric - (4 * d4 - d2) / 3);
		assertTrue(Math.abs(analytic - numeric) <= tolerance, what + ": analytic " + analytic + " vs finite difference " + numeric);
	}

	/** The central difference quotient of the loss along u with step eps. */
	private static double difference(final TrainingGraph graph, final Weights w0, final Weights u, final double eps, final TinyBatches data) {
		return (loss(graph, w0, u, eps, data) - loss(graph, w0, u, -eps, data)) / (2 * eps);
	}

	private static double loss(final TrainingGraph graph, final Weights w0, final Weights u, final double eps, final TinyBatches data) {
		final Map<String, Param> moved = new LinkedHashMap<>();
		for (final Map.Entry<String, Param> e : w0.all().entrySet()) {
			final float[] v = e.getValue().values().clone();
			final float[] d = u.get(e.getKey()).values();
			for (int i = 0; i < v.length; i++) v[i] += (float) (eps * d[i]);
			moved.put(e.getKey(), new Param(e.getValue().shape(), v));
		}
		graph.load(new Weights(moved), AdamState.fresh(graph.topology()));
		return graph.evaluate(data.images, data.labels).loss();
	}

	/**
	 * The segmented 3D training graph computes the loss, probabilities and gradients that TensorFlow's own builder gives
	 * for the same network with plain Conv3D ops, differentiated with the Conv3D gradient registered from Java by the
	 * test (what 3D training used before the segmented backward pass was its only form).
	 */
	@Test
	void theSegmented3dGraphComputesTheNetworkAndGradientsOfPlainConv3dWithARegisteredGradient() {
		final UNetSpec spec = UNetSpec.create(3, 3, 3, 12, 1, 2);
		final Topology topology = new Topology(spec);
		final Weights w = Weights.heNormal(topology, 5);
		final int[] patch = { 8, 16, 8 };
		final TinyBatches data = new TinyBatches(2, patch, 1);
		final PlainReference reference = PlainReference.of(topology, w, 2, patch, data);
		try (TrainingGraph segmented = new TrainingGraph(topology, w, AdamState.fresh(topology), 2, patch, 0f, LAMBDA, 2)) {
			final TrainingGraph.Evaluation a = segmented.evaluate(data.images, data.labels);
			assertEquals(reference.loss(), a.loss(), 1e-4);
			assertEquals(reference.probabilities().length, a.probabilities().length);
			for (int i = 0; i < a.probabilities().length; i++) assertEquals(reference.probabilities()[i], a.probabilities()[i], 1e-4);
			final Weights g = segmented.gradients(data.images, data.labels);
			assertEquals(reference.gradients().all().keySet(), g.all().keySet());
			for (final String name : g.all().keySet()) {
				final float[] x = g.get(name).values(), y = reference.gradients().get(name).values();
				for (int i = 0; i < x.length; i++) assertEquals(y[i], x[i], 1e-3 + 1e-3 * Math.abs(y[i]), name);
			}
		}
	}

	/** The training graph's loss (CE + Dice + lambda R), its probabilities and gradients, built on plain Conv3D ops. */
	private record PlainReference(float loss, float[] probabilities, Weights gradients) {

		static PlainReference of(final Topology topology, final Weights w, final int batch, final int[] patch, final TinyBatches data) {
			RegisteredConv3dGradient.ensureRegistered();
			final int dims = topology.spec().dims();
			final long[] imageShape = new long[dims + 2];
			imageShape[0] = batch;
			for (int d = 0; d < dims; d++) imageShape[1 + d] = patch[dims - 1 - d];
			imageShape[dims + 1] = topology.spec().inputChannels();
			try (Graph graph = new Graph()) {
				final Ops tf = Ops.create(graph);
				final Map<String, Operand<TFloat32>> weights = new LinkedHashMap<>();
				for (final Map.Entry<String, Param> e : w.all().entrySet())
					try (TFloat32 t = Tensors.floats(e.getValue().values(), e.getValue().shape())) {
						weights.put(e.getKey(), tf.constantOf(t));
					}
				final Operand<TFloat32> image;
				final Operand<TUint8> labels;
				try (TFloat32 i = Tensors.floats(data.images, imageShape); TUint8 l = Tensors.bytes(data.labels, Arrays.copyOf(imageShape, dims + 1))) {
					image = tf.constantOf(i);
					labels = tf.constantOf(l);
				}
				final UNetGraph.Forward forward = new UNetGraph(tf, topology, UNetGraph.WeightSource.byName(weights::get), UNetGraph.Convolutions.PLAIN).forward(image, true);
				final Operand<TFloat32> oneHot = tf.oneHot(tf.dtypes.cast(labels, TInt32.class), tf.constant(topology.spec().classes()), tf.constant(1f),
						tf.constant(0f));
				final Map<String, Operand<TFloat32>> prunable = new LinkedHashMap<>();
				for (final Layer layer : topology.prunable()) prunable.put(layer.name(), forward.activations().get(layer.name()));
				final Operand<TFloat32> loss = tf.math.add(SegmentationLoss.build(tf, forward.logits(), oneHot, dims),
						tf.math.mul(tf.constant(LAMBDA), SauronRegularizer.build(tf, prunable, 2)));
				final Output<?>[] xs = new Output<?>[weights.size()];
				int k = 0;
				for (final Operand<TFloat32> o : weights.values()) xs[k++] = o.asOutput();
				final Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);
				try (Session session = new Session(graph)) {
					final Session.Runner runner = session.runner().fetch(loss).fetch(tf.nn.softmax(forward.logits().get(0)));
					for (final Output<?> g : grads) runner.fetch(g);
					try (Result r = runner.run()) {
						final Map<String, Param> gradients = new LinkedHashMap<>();
						int i = 2;
						for (final Map.Entry<String, Param> e : w.all().entrySet())
							gradients.put(e.getKey(), new Param(e.getValue().shape(), Tensors.toArray(r.get(i++))));
						return new PlainReference(((TFloat32) r.get(0)).getFloat(), Tensors.toArray(r.get(1)), new Weights(gradients));
					}
				}
			}
		}
	}

	@Test
	void twoRunsFromTheSameStartEndWithIdenticalWeights() {
		final Topology topology = new Topology(UNetSpec.create(3, 3, 4, 16, 1, 2));
		final int[] patch = { 16, 8, 8 };
		final Weights w0 = Weights.heNormal(topology, 9);
		final Weights[] after = new Weights[2];
		for (int run = 0; run < 2; run++)
			try (TrainingGraph graph = new TrainingGraph(topology, w0, AdamState.fresh(topology), 2, patch, 1e-5f, LAMBDA, 2)) {
				for (int step = 0; step < 3; step++) {
					final TinyBatches data = new TinyBatches(2, patch, step);
					graph.step(data.images, data.labels, 1e-2f);
				}
				after[run] = graph.weights();
			}
		for (final String name : w0.all().keySet()) {
			assertArrayEquals(after[0].get(name).values(), after[1].get(name).values(), name);
			assertFalse(Arrays.equals(w0.get(name).values(), after[0].get(name).values()), name + " was trained");
		}
	}
}

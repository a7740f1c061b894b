package sauron.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import sauron.net.Topology;
import sauron.net.UNetGraph;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.tf.Tensors;

/** delta_opt's value matches a plain-Java computation, its gradient matches finite differences, and it never gives NaN. */
class SauronRegularizerTest {

	/** Layers of a 2D net: odd sizes (a remainder to crop), a one-channel layer (skipped), a 1x1 map (pooled whole). */
	private static final List<long[]> SHAPES_2D = List.of(new long[] { 2, 6, 5, 3 }, new long[] { 2, 4, 4, 4 }, new long[] { 2, 4, 4, 1 }, new long[] { 2, 1, 1, 3 });
	private static final List<long[]> SHAPES_3D = List.of(new long[] { 1, 4, 5, 6, 3 }, new long[] { 2, 2, 2, 2, 2 }, new long[] { 2, 3, 2, 2, 1 });

	@Test
	void valueMatchesPlainJavaIn2d() {
		checkValue(SHAPES_2D, 2);
	}

	@Test
	void valueMatchesPlainJavaIn3d() {
		checkValue(SHAPES_3D, 2);
	}

	@Test
	void valueMatchesPlainJavaWithPoolingFactorThree() {
		checkValue(SHAPES_2D, 3);
	}

	private static void checkValue(final List<long[]> shapes, final int sf) {
		final List<float[]> maps = randomMaps(shapes, new Random(4));
		try (Probe probe = new Probe(shapes, sf)) {
			assertEquals(reference(shapes, maps, sf), probe.value(maps), 1e-5);
		}
	}

	@Test
	void gradientMatchesFiniteDifferencesIn2d() {
		checkGradient(SHAPES_2D);
	}

	@Test
	void gradientMatchesFiniteDifferencesIn3d() {
		checkGradient(SHAPES_3D);
	}

	private static void checkGradient(final List<long[]> shapes) {
		final Random random = new Random(6);
		final List<float[]> x0 = randomMaps(shapes, random);
		try (Probe probe = new Probe(shapes, 2)) {
			final List<float[]> gradient = probe.gradient(x0);
			// One direction per layer on its own, then one over all layers.
			for (int layer = -1; layer < shapes.size(); layer++) {
				final List<float[]> u = randomMaps(shapes, random);
				double norm = 0;
				for (int l = 0; l < u.size(); l++) for (int i = 0; i < u.get(l).length; i++) {
					if (layer >= 0 && l != layer) u.get(l)[i] = 0;
					norm += u.get(l)[i] * u.get(l)[i];
				}
				double analytic = 0;
				for (int l = 0; l < u.size(); l++) for (int i = 0; i < u.get(l).length; i++) {
					u.get(l)[i] /= (float) Math.sqrt(norm);
					analytic += (double) gradient.get(l)[i] * u.get(l)[i];
				}
				// Central differences with Richardson extrapolation, as in TrainingGraphGradientTest.
				final double eps = 2e-3;
				final double coarse = (probe.value(moved(x0, u, eps)) - probe.value(moved(x0, u, -eps))) / (2 * eps);
				final double fine = (probe.value(moved(x0, u, eps / 2)) - probe.value(moved(x0, u, -eps / 2))) / eps;
				final double numeric = (4 * fine - coarse) / 3;
				assertEquals(numeric, analytic, 0.02 * Math.abs(numeric) + 1e-5, "direction over layer " + (layer < 0 ? "all" : layer));
			}
		}
	}

	@Test
	void oneChannelLayersAndConstantMapsGiveNoNaN() {
		final List<long[]> shapes = List.of(new long[] { 2, 4, 4, 1 }, new long[] { 2, 4, 4, 3 });
		final List<float[]> maps = randomMaps(shapes, new Random(2));
		Arrays.fill(maps.get(1), 0.7f); // max == min everywhere
		try (Probe probe = new Probe(shapes, 2)) {
			final float value = probe.value(maps);
			assertEquals(Math.sqrt(SauronRegularizer.EPS), value, 1e-6);
			for (final float[] g : probe.gradient(maps)) for (final float x : g) assertTrue(Float.isFinite(x), "gradient " + x);
		}
		final List<long[]> single = List.of(new long[] { 2, 4, 4, 1 }, new long[] { 1, 2, 2, 2, 1 });
		try (Probe probe = new Probe(single, 2)) {
			assertEquals(0f, probe.value(randomMaps(single, new Random(1))));
		}
	}

	@Test
	void acceptsTheActivationsOfAUNetGraphWithAStaticInput() {
		for (final UNetSpec spec : List.of(UNetSpec.create(2, 3, 2, 8, 1, 2), UNetSpec.create(3, 3, 2, 8, 1, 2))) {
			final Topology topology = new Topology(spec);
			final Weights w = Weights.heNormal(topology, 1);
			try (Graph g = new Graph()) {
				final Ops tf = Ops.create(g);
				final long[] shape = spec.dims() == 2 ? new long[] { 2, 8, 8, 1 } : new long[] { 1, 4, 8, 8, 1 };
				final Placeholder<TFloat32> image = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
				final UNetGraph.Forward forward = new UNetGraph(tf, topology, UNetGraph.WeightSource.byName(name -> constant(tf, w, name)), UNetGraph.Convolutions.SEGMENTED).forward(image, true);
				assertEquals(topology.prunable().size(), forward.activations().size());
				final Operand<TFloat32> r = SauronRegularizer.build(tf, forward.activations(), 2);
				// Differentiable from its own ops (the 3D convolutions between the maps are the training graph's own work).
				g.addGradients(r.asOutput(), forward.activations().values().stream().map(Operand::asOutput).toArray(Output<?>[]::new));
			}
		}
	}

	private static Operand<TFloat32> constant(final Ops tf, final Weights w, final String name) {
		try (TFloat32 t = Tensors.floats(w.get(name).values(), w.get(name).shape())) {
			return tf.constantOf(t);
		}
	}

	/**
	 * A graph with one placeholder per layer, R, and dR/d placeholders. One-channel layers are not in R's graph
	 * at all (TF refuses a gradient w.r.t. an unreachable node), so their gradient is reported as zeros.
	 */
	private static final class Probe implements AutoCloseable {

		final Graph graph = new Graph();
		final Session session;
		final List<long[]> shapes;
		final List<Placeholder<TFloat32>> inputs = new ArrayList<>();
		final Operand<TFloat32> r;
		final Output<?>[] gradients;

		Probe(final List<long[]> shapes, final int sf) {
			this.shapes = shapes;
			final Ops tf = Ops.create(graph);
			final Map<String, Operand<TFloat32>> activations = new LinkedHashMap<>();
			for (int l = 0; l < shapes.size(); l++) {
				final Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shapes.get(l))));
				inputs.add(p);
				activations.put("layer" + l, p);
			}
			r = SauronRegularizer.build(tf, activations, sf);
			final List<Output<?>> x = new ArrayList<>();
			for (int l = 0; l < shapes.size(); l++) if (channels(l) > 1) x.add(inputs.get(l).asOutput());
			gradients = x.isEmpty() ? new Output<?>[0] : graph.addGradients(r.asOutput(), x.toArray(new Output<?>[0]));
			session = new Session(graph);
		}

		private long channels(final int layer) {
			return shapes.get(layer)[shapes.get(layer).length - 1];
		}

		float value(final List<float[]> maps) {
			try (Result out = run(maps, false)) {
				return ((TFloat32) out.get(0)).getFloat();
			}
		}

		List<float[]> gradient(final List<float[]> maps) {
			try (Result out = run(maps, true)) {
				final List<float[]> g = new ArrayList<>();
				int fetched = 0;
				for (int l = 0; l < shapes.size(); l++)
					g.add(channels(l) > 1 ? Tensors.toArray(out.get(fetched++)) : new float[maps.get(l).length]);
				return g;
			}
		}

		private Result run(final List<float[]> maps, final boolean gradient) {
			final List<Tensor> open = new ArrayList<>();
			try {
				final Session.Runner runner = session.runner();
				for (int l = 0; l < shapes.size(); l++) {
					final TFloat32 t = Tensors.floats(maps.get(l), shapes.get(l));
					open.add(t);
					runner.feed(inputs.get(l), t);
				}
				if (gradient) for (final Output<?> g : gradients) runner.fetch(g);
				else runner.fetch(r);
				return runner.run();
			} finally {
				open.forEach(Tensor::close);
			}
		}

		@Override
		public void close() {
			session.close();
			graph.close();
		}
	}

	private static List<float[]> moved(final List<float[]> x, final List<float[]> u, final double eps) {
		final List<float[]> m = new ArrayList<>();
		for (int l = 0; l < x.size(); l++) {
			final float[] v = x.get(l).clone();
			for (int i = 0; i < v.length; i++) v[i] += (float) (eps * u.get(l)[i]);
			m.add(v);
		}
		return m;
	}

	private static List<float[]> randomMaps(final List<long[]> shapes, final Random random) {
		final List<float[]> maps = new ArrayList<>();
		for (final long[] s : shapes) maps.add(PruningCriterionTest.randomMaps(s, random));
		return maps;
	}

	/** docs/SAURON.md section 3 in plain Java, in double precision. */
	private static double reference(final List<long[]> shapes, final List<float[]> maps, final int sf) {
		double sum = 0;
		int layers = 0;
		for (int l = 0; l < shapes.size(); l++) {
			final long[] shape = shapes.get(l);
			final int dims = shape.length - 2, batch = (int) shape[0], channels = (int) shape[dims + 1];
			if (channels < 2) continue;
			int voxels = 1, pooledVoxels = 1;
			final int[] size = new int[dims], factor = new int[dims], pooled = new int[dims];
			for (int d = 0; d < dims; d++) {
				size[d] = (int) shape[1 + d];
				factor[d] = Math.min(sf, size[d]);
				pooled[d] = size[d] / factor[d];
				voxels *= size[d];
				pooledVoxels *= pooled[d];
			}
			double layerSum = 0;
			for (int b = 0; b < batch; b++) {
				final double[][] p = new double[channels][pooledVoxels];
				for (int c = 0; c < channels; c++) {
					double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
					for (int v = 0; v < voxels; v++) {
						final double x = maps.get(l)[(b * voxels + v) * channels + c];
						min = Math.min(min, x);
						max = Math.max(max, x);
					}
					int window = 1;
					for (final int f : factor) window *= f;
					for (int v = 0; v < voxels; v++) {
						int rest = v, target = 0;
						boolean inside = true;
						for (int d = 0; d < dims; d++) { // first spatial axis slowest
							int stride = 1;
							for (int e = d + 1; e < dims; e++) stride *= size[e];
							final int coordinate = rest / stride;
							rest %= stride;
							int pooledStride = 1;
							for (int e = d + 1; e < dims; e++) pooledStride *= pooled[e];
							if (coordinate / factor[d] >= pooled[d]) inside = false;
							target += coordinate / factor[d] * pooledStride;
						}
						if (!inside) continue;
						final double x = maps.get(l)[(b * voxels + v) * channels + c];
						p[c][target] += (x - min) / Math.max(max - min, SauronRegularizer.EPS) / window;
					}
				}
				for (int c = 1; c < channels; c++) {
					double ms = 0;
					for (int v = 0; v < pooledVoxels; v++) ms += (p[0][v] - p[c][v]) * (p[0][v] - p[c][v]);
					layerSum += Math.sqrt(ms / pooledVoxels + SauronRegularizer.EPS);
				}
			}
			sum += layerSum / (batch * (channels - 1));
			layers++;
		}
		return layers == 0 ? 0 : sum / layers;
	}
}

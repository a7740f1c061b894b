package sauron.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

import sauron.net.AdamState;
import sauron.net.Topology;
import sauron.net.Weights;
import sauron.train.TrainingGraph;

/**
 * Prints where a training step spends its time on this machine, for an {@link EngineBenchmark} configuration: traced
 * steps of the training graph with Sauron's regulariser on (lambda 0.5, sf 2, as training runs it) summed by TensorFlow
 * op type and by kind of work (convolutions, normalisation and other element-wise maths, pooling, data movement, the
 * optimiser). Op times overlap (ops run in parallel), so the shares are of the summed op time, not of the wall time.
 * The regulariser's backward ops cannot be told from the rest by name (TF names gradient ops by type), so its whole
 * cost is measured apart: untraced steps with lambda 0.5 and with lambda 0 (no regulariser in the graph), alternating.
 * A program, not a test.
 * <p>
 * {@code java -cp target/test-classes:target/classes:<test classpath> sauron.bench.TrainingOpProfile [CONFIG] [--steps N]}
 * (default 3d-small, 4 traced steps).
 */
public final class TrainingOpProfile {

	private static final float LAMBDA = 0.5f;

	public static void main(final String[] args) {
		Locale.setDefault(Locale.ROOT);
		String name = "3d-small";
		int n = 4;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--steps")) n = Integer.parseInt(args[++i]);
			else name = args[i];
		}
		final int steps = n;
		final EngineBenchmark.Config c = EngineBenchmark.CONFIGS.get(name);
		if (c == null) throw new IllegalArgumentException("unknown configuration '" + name + "', expected one of " + EngineBenchmark.CONFIGS.keySet());
		final Topology topology = new Topology(c.spec());
		final Weights weights = Weights.heNormal(topology, 1);
		final Random random = new Random(7);
		final int voxels = Math.toIntExact(c.batch() * c.patchVoxels());
		final float[] images = new float[voxels * EngineBenchmark.INPUT_CHANNELS];
		for (int i = 0; i < images.length; i++) images[i] = (float) random.nextGaussian();
		final byte[] labels = new byte[voxels];
		for (int i = 0; i < voxels; i++) labels[i] = (byte) random.nextInt(EngineBenchmark.CLASSES);

		final Map<String, Long> micros = new TreeMap<>();
		final double[] withR = new double[steps], withoutR = new double[steps];
		long tracedWall = 0;
		try (TrainingGraph g = new TrainingGraph(topology, weights, AdamState.fresh(topology), c.batch(), c.patch(), EngineBenchmark.WEIGHT_DECAY, LAMBDA, 2);
				TrainingGraph plain = new TrainingGraph(topology, weights, AdamState.fresh(topology), c.batch(), c.patch(), EngineBenchmark.WEIGHT_DECAY, 0f, 2)) {
			for (int w = 0; w < 2; w++) {
				g.step(images, labels, EngineBenchmark.LEARNING_RATE);
				plain.step(images, labels, EngineBenchmark.LEARNING_RATE);
			}
			for (int s = 0; s < steps; s++) {
				final long t0 = System.nanoTime();
				g.tracedStep(images, labels, EngineBenchmark.LEARNING_RATE, metadata -> add(micros, metadata));
				tracedWall += System.nanoTime() - t0;
			}
			for (int s = 0; s < steps; s++) {
				final TrainingGraph first = s % 2 == 0 ? g : plain, second = s % 2 == 0 ? plain : g;
				final double a = timedStep(first, images, labels), b = timedStep(second, images, labels);
				withR[s] = first == g ? a : b;
				withoutR[s] = first == g ? b : a;
			}
		}
		final long total = micros.values().stream().mapToLong(Long::longValue).sum();
		System.out.printf("%s: %d traced steps, %.2f s per traced step (wall), %.2f s summed op time per step%n", c.name(), steps,
				tracedWall / 1e9 / steps, total / 1e6 / steps);
		final Map<String, Long> kinds = new LinkedHashMap<>();
		for (final Map.Entry<String, Long> e : micros.entrySet()) kinds.merge(kind(e.getKey()), e.getValue(), Long::sum);
		System.out.println("by kind of work (share of summed op time):");
		kinds.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).forEach(e -> System.out
				.printf("  %-44s %8.1f ms  %5.1f %%%n", e.getKey(), e.getValue() / 1000.0 / steps, 100.0 * e.getValue() / total));
		System.out.println("by op type (top 20):");
		micros.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(20).forEach(e -> System.out
				.printf("  %-30s %-14s %8.1f ms  %5.1f %%%n", e.getKey(), kind(e.getKey()).split(" ")[0], e.getValue() / 1000.0 / steps,
						100.0 * e.getValue() / total));
		final double r = EngineBenchmark.median(withR), p = EngineBenchmark.median(withoutR);
		System.out.printf("Sauron's regulariser (lambda %.1f vs 0, untraced, alternating): %.3f vs %.3f s per step median: %.1f %% of the step%n",
				LAMBDA, r, p, 100 * (r - p) / r);
	}

	private static double timedStep(final TrainingGraph g, final float[] images, final byte[] labels) {
		final long t0 = System.nanoTime();
		g.step(images, labels, EngineBenchmark.LEARNING_RATE);
		return (System.nanoTime() - t0) / 1e9;
	}

	private static void add(final Map<String, Long> micros, final RunMetadata metadata) {
		for (final DeviceStepStats device : metadata.getStepStats().getDevStatsList())
			for (final NodeExecStats node : device.getNodeStatsList())
				micros.merge(InferenceOpProfile.opType(node), node.getAllEndRelMicros(), Long::sum);
	}

	/** The kind of work an op type does in this network (oneDNN's rewrites, _MklNativeConv3D etc., as their op). */
	static String kind(final String type) {
		final String opType = type.replaceFirst("^_Mkl(Native)?", "");
		if (opType.startsWith("Conv")) return "convolution (forward and backward)";
		if (opType.equals("MatMul")) return "matmul (transposed convs, heads)";
		if (opType.equals("Max") || opType.equals("Min") || opType.equals("Equal") || opType.equals("Div"))
			return "max/min and their gradients (regulariser normalisation)";
		if (opType.startsWith("AvgPool")) return "pooling (regulariser)";
		if (opType.equals("ApplyAdam")) return "optimiser (Adam)";
		return switch (opType) {
			case "Transpose", "Reshape", "ConcatV2", "Concat", "Slice", "StridedSlice", "StridedSliceGrad", "Identity", "StopGradient", "Pad", "Tile",
					"Shape", "ShapeN", "Fill", "ZerosLike", "OnesLike", "Cast", "OneHot", "Squeeze", "ExpandDims", "Pack", "ConcatOffset", "BroadcastTo",
					"BroadcastGradientArgs", "Const", "_Arg", "_Retval", "NoOp", "VariableV2", "Placeholder", "Range", "Size", "Prod" ->
				"data movement and bookkeeping";
			default -> "element-wise and reductions (norm, activation, loss, regulariser)";
		};
	}
}

package sauron.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

import sauron.model.ModelStore;
import sauron.model.SauronModel;

/**
 * Prints where a model's forward pass spends its time on this machine, by TensorFlow op type: each model's stored
 * graph runs on a batch of training-patch-sized tiles (the batch segmentation uses by default) a few times untraced,
 * then traced with TensorFlow's step statistics; the table sums each op type's time per call (ops run in parallel,
 * so the column can add up to more than the wall time per call, which is printed too). Give a baseline and a pruned
 * model to see which costs shrink with the filters and which do not. A program, not a test.
 * <p>
 * {@code java -cp target/test-classes:target/classes:<test classpath> sauron.bench.InferenceOpProfile MODEL... [--calls N]}
 */
public final class InferenceOpProfile {

	public static void main(final String[] args) throws Exception {
		int calls = 4;
		for (int i = 0; i < args.length; i++)
			if (args[i].equals("--calls")) calls = Integer.parseInt(args[i + 1]);
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--calls")) { i++; continue; }
			profile(Path.of(args[i]), calls);
		}
	}

	private static void profile(final Path dir, final int calls) throws Exception {
		final SauronModel model = ModelStore.load(dir);
		final int[] patch = model.metadata().patchShape();
		final int batch = model.metadata().recordedTraining().batchSize(), dims = patch.length;
		final long[] shape = new long[dims + 2];
		shape[0] = batch;
		for (int d = 0; d < dims; d++) shape[1 + d] = patch[dims - 1 - d];
		shape[dims + 1] = model.spec().inputChannels();
		final Map<String, Long> micros = new TreeMap<>();
		long wallMicros = 0;
		try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve"); TFloat32 tiles = TFloat32.tensorOf(Shape.of(shape))) {
			final Session session = bundle.session();
			for (int warm = 0; warm < 2; warm++)
				session.runner().feed("image", tiles).fetch("probabilities").run().close();
			for (int c = 0; c < calls; c++) {
				final long t0 = System.nanoTime();
				try (Result r = session.runner().feed("image", tiles).fetch("probabilities")
						.setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build()).runAndFetchMetadata()) {
					wallMicros += (System.nanoTime() - t0) / 1000;
					final RunMetadata metadata = r.getMetadata().orElseThrow();
					for (final DeviceStepStats device : metadata.getStepStats().getDevStatsList())
						for (final NodeExecStats node : device.getNodeStatsList())
							micros.merge(opType(node), node.getAllEndRelMicros(), Long::sum);
				}
			}
		}
		final long total = micros.values().stream().mapToLong(Long::longValue).sum();
		System.out.printf(Locale.ROOT, "%s: %d parameters, %d tiles of %s per call, %.1f ms per call (traced), op times:%n", dir,
				model.topology().parameterCount(), batch, java.util.Arrays.toString(patch), wallMicros / 1000.0 / calls);
		final int n = calls;
		micros.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(12).forEach(e -> System.out.printf(Locale.ROOT,
				"  %-26s %8.1f ms  %4.1f %%%n", e.getKey(), e.getValue() / 1000.0 / n, 100.0 * e.getValue() / total));
	}

	/** The op type from a node's timeline label ("name = Type(inputs)"), else its name's last part; also TrainingOpProfile's. */
	static String opType(final NodeExecStats node) {
		final String label = node.getTimelineLabel();
		final int eq = label.indexOf(" = "), paren = label.indexOf('(', Math.max(eq, 0));
		if (eq >= 0 && paren > eq) return label.substring(eq + 3, paren);
		final String name = node.getNodeName();
		return name.substring(name.lastIndexOf('/') + 1);
	}
}

package sauron.bench;

import java.nio.file.Path;
import java.util.Locale;

import sauron.data.Volume;
import sauron.io.ImageFiles;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Devices;
import sauron.net.PatchPredictor;
import sauron.segment.ModelSegmenter;
import sauron.segment.Segmentation;
import sauron.segment.SlidingWindowSegmenter;

/**
 * Where one {@code sauron segment} run spends its time, phase by phase, in the CLI's order: reading the image, loading
 * TensorFlow (its native library, listed devices), reading the model, building the inference graph and its session,
 * normalising, the network calls (each timed), the tiling around them (tile copies, Gaussian blending, division and
 * argmax) and writing the labels. Then the same segmentation again in the same JVM, to tell first-time costs (class
 * loading, JIT, TensorFlow's first run) from steady ones. A program, not a test; run it as bin/sauron runs segment
 * (same JIT flag) to see what the CLI sees. TensorFlow's loader searches the class path for 18 CUDA libraries before
 * it loads its own, so with the test class path (more jars than bin/sauron's) that phase reads longer than in the CLI:
 * <p>
 * {@code java -XX:TieredStopAtLevel=1 -Xmx8g -cp target/test-classes:target/classes:<test classpath> sauron.bench.SegmentPhases MODEL IMAGE OUT.nii.gz}
 */
public final class SegmentPhases {

	private static long last;

	public static void main(final String[] args) throws Exception {
		final Path model = Path.of(args[0]), in = Path.of(args[1]), out = Path.of(args[2]);
		last = System.nanoTime();
		final long start = last;
		final Volume image = ImageFiles.readImage(in);
		phase("read image");
		Devices.describe();
		phase("load TensorFlow, list devices");
		final SauronModel m = ModelStore.load(model);
		phase("read model");
		try (ModelSegmenter segmenter = new ModelSegmenter(m)) {
			phase("build graph and session");
			final int batch = Math.max(1, m.metadata().recordedTraining().batchSize());
			for (int run = 1; run <= 2; run++) {
				System.out.println("run " + run + (run == 1 ? " (as the CLI)" : " (same JVM, warm)"));
				final Volume normalised = segmenter.prepare(image, in.getFileName().toString());
				phase("  normalise");
				final TimedNet net = new TimedNet(segmenter.network());
				final Segmentation s = new SlidingWindowSegmenter(m.metadata().patchShape()).withBatchSize(batch).segment(normalised, net);
				final double window = sinceLast();
				System.out.printf(Locale.ROOT, "  %-32s %7.0f ms in %d calls (first %.0f ms)%n", "network calls", net.nanos / 1e6, net.calls, net.first / 1e6);
				System.out.printf(Locale.ROOT, "  %-32s %7.0f ms%n", "tiling, blending, argmax", window - net.nanos / 1e6);
				ImageFiles.writeLabels(s.labels(), out);
				phase("  write labels");
				if (run == 1) System.out.printf(Locale.ROOT, "%-34s %7.0f ms%n", "total", (System.nanoTime() - start) / 1e6);
			}
		}
	}

	private static double sinceLast() {
		final long now = System.nanoTime();
		final double ms = (now - last) / 1e6;
		last = now;
		return ms;
	}

	private static void phase(final String name) {
		System.out.printf(Locale.ROOT, "%-34s %7.0f ms%n", name, sinceLast());
	}

	/** The model's network, timing each call. */
	private static final class TimedNet implements PatchPredictor {
		private final PatchPredictor net;
		long nanos, first;
		int calls;

		TimedNet(final PatchPredictor net) { this.net = net; }

		@Override public int dims() { return net.dims(); }
		@Override public int inputChannels() { return net.inputChannels(); }
		@Override public int classes() { return net.classes(); }
		@Override public int sizeMultiple() { return net.sizeMultiple(); }

		@Override
		public float[] predict(final float[] tiles, final int batch, final int[] tileShape) {
			final long t = System.nanoTime();
			final float[] p = net.predict(tiles, batch, tileShape);
			final long d = System.nanoTime() - t;
			if (calls++ == 0) first = d;
			nanos += d;
			return p;
		}
	}
}

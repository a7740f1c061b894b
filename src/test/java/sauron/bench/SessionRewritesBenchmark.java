package sauron.bench;

import java.util.Locale;
import java.util.Random;

import sauron.net.AdamState;
import sauron.net.InferenceGraph;
import sauron.net.Sessions;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.train.TrainingGraph;

/**
 * Prints what TensorFlow's graph rewrites (Grappler) cost and buy on the CPU, side by side in one JVM: for the
 * sample's Sauron training graph (3D, 4 levels, base 24, patch 32x64x48, batch 2, lambda 0.5) the seconds to
 * build it, its first step (where Grappler runs) and the mean of the next steps, and for the inference graph
 * the build and first prediction of one tile; rewrites off and on alternate, so load drifts hit both. A
 * program, not a test: it asserts nothing about time.
 * <p>
 * {@code java -cp target/test-classes:target/classes:<test classpath> sauron.bench.SessionRewritesBenchmark [repeats] [steps]}
 */
public final class SessionRewritesBenchmark {

	public static void main(final String[] args) {
		final int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3, steps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		final Topology topology = new Topology(UNetSpec.create(3, 4, 24, 320, 1, 2));
		final int[] patch = { 32, 64, 48 };
		final int voxels = 32 * 64 * 48, batch = 2;
		final float[] images = new float[batch * voxels];
		final byte[] labels = new byte[batch * voxels];
		final Random random = new Random(1);
		for (int i = 0; i < images.length; i++) {
			images[i] = (float) random.nextGaussian();
			labels[i] = (byte) (images[i] > 0.5 ? 1 : 0);
		}
		final Weights weights = Weights.heNormal(topology, 1);
		System.out.println("rewrites  build s  first step s  next steps s/step  | inference build s  first tile s");
		for (int r = 0; r < repeats; r++)
			for (final String mode : new String[] { "off", "on" }) {
				System.setProperty(Sessions.PROPERTY, mode);
				long t0 = System.nanoTime();
				final double build, first, next;
				try (TrainingGraph g = new TrainingGraph(topology, weights, AdamState.fresh(topology), batch, patch, 1e-5f, 0.5f, 2)) {
					final long t1 = System.nanoTime();
					g.step(images, labels, 1e-3f);
					final long t2 = System.nanoTime();
					for (int s = 0; s < steps; s++) g.step(images, labels, 1e-3f);
					build = (t1 - t0) / 1e9;
					first = (t2 - t1) / 1e9;
					next = (System.nanoTime() - t2) / 1e9 / steps;
				}
				t0 = System.nanoTime();
				final double inferBuild, inferFirst;
				try (InferenceGraph g = new InferenceGraph(topology, weights)) {
					final long t1 = System.nanoTime();
					g.predict(java.util.Arrays.copyOf(images, voxels), 1, patch);
					inferBuild = (t1 - t0) / 1e9;
					inferFirst = (System.nanoTime() - t1) / 1e9;
				}
				System.out.println(String.format(Locale.ROOT, "%-8s  %7.2f  %12.2f  %17.2f  | %17.2f  %12.2f", mode, build, first, next, inferBuild, inferFirst));
			}
	}
}

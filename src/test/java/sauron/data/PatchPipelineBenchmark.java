package sauron.data;

import java.util.List;
import java.util.Random;

/**
 * Prints milliseconds per batch for patch extraction + augmentation (all steps forced on, so this is
 * the worst case). Run on demand, e.g. from the IDE; not part of the test suite.
 */
public final class PatchPipelineBenchmark {

	public static void main(final String[] args) {
		System.out.println("ms per batch; augmentation steps forced on (p = 1), each timed alone, then all together; best of 5 rounds");
		System.out.println("case                      extract  +flip/rot   +gamma   +noise     +all");
		final TrainingPair volume = randomPair(new int[] { 160, 160, 96 });
		final TrainingPair image = randomPair(new int[] { 512, 512 });
		run("3D 64^3, batch 2", volume, new int[] { 64, 64, 64 }, 2);
		run("2D 256^2, batch 8", image, new int[] { 256, 256 }, 8);
		run("2D 128^2 z-slices, b 8", volume, new int[] { 128, 128 }, 8);
	}

	private static TrainingPair randomPair(final int[] shape) {
		final Random r = new Random(1);
		final Volume v = Volume.zeros(shape, 1, TestData.ones(shape.length));
		for (int i = 0; i < v.data().length; i++) v.data()[i] = (float) r.nextGaussian();
		final LabelVolume l = TestData.labels(shape);
		for (int i = 0; i < l.voxels(); i++) if (v.data()[i] > 1.5f) l.set(i, 1);
		return new TrainingPair("random" + java.util.Arrays.toString(shape), v, l, 2);
	}

	private static void run(final String name, final TrainingPair pair, final int[] patch, final int batch) {
		System.out.printf("%-25s %8.2f %9.2f %8.2f %8.2f %8.2f%n", name,
			time(pair, patch, batch, Augmentation.Settings.NONE),
			time(pair, patch, batch, new Augmentation.Settings(true, true, 0, 1, 1, 0, 0)),
			time(pair, patch, batch, new Augmentation.Settings(false, false, 1, 0.7, 1.5, 0, 0)),
			time(pair, patch, batch, new Augmentation.Settings(false, false, 0, 1, 1, 1, 0.1)),
			time(pair, patch, batch, new Augmentation.Settings(true, true, 1, 0.7, 1.5, 1, 0.1)));
	}

	private static double time(final TrainingPair pair, final int[] patch, final int batch, final Augmentation.Settings settings) {
		final PatchSampler sampler = new PatchSampler(List.of(pair), patch, batch, 2, 1);
		final Augmentation augmentation = new Augmentation(settings, 2);
		for (int i = 0; i < 20; i++) augmentation.apply(sampler.nextBatch()); // JIT warm-up
		// best of 5 rounds: the machine is shared, the minimum is the stable figure
		double best = Double.MAX_VALUE;
		for (int round = 0; round < 5; round++) {
			final long t0 = System.nanoTime();
			for (int i = 0; i < 10; i++) augmentation.apply(sampler.nextBatch());
			best = Math.min(best, (System.nanoTime() - t0) / 1e6 / 10);
		}
		return best;
	}
}

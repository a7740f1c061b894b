package sauron.segment;

import java.util.Random;

import sauron.data.Volume;

/**
 * Prints how long tiling costs by itself: a 181 x 217 x 181 image (MNI 1 mm) with 64^3 tiles and a fake
 * network that returns constants at no cost, so the time is all copying tiles in, blending them out and
 * the final division. Run on demand, e.g.
 * {@code java -cp target/classes:target/test-classes:$(deps) sauron.segment.SlidingWindowBenchmark}.
 */
public final class SlidingWindowBenchmark {

	public static void main(final String... args) {
		final int[] shape = { 181, 217, 181 };
		final Volume image = Volume.zeros(shape, 1, new double[] { 1, 1, 1 });
		final Random random = new Random(1);
		for (int i = 0; i < image.data().length; i++) image.data()[i] = (float) random.nextGaussian();
		final FakeNets.Constant net = new FakeNets.Constant(3, 2);

		System.out.println("blending  batch  tiles  ms (best of 3, after warm-up)  ms/tile");
		for (final boolean gaussian : new boolean[] { true, false }) {
			for (final int batch : new int[] { 1, 4 }) {
				final int[] tiles = new int[1];
				final SlidingWindowSegmenter segmenter = new SlidingWindowSegmenter(64, 64, 64).withBatchSize(batch)
					.withGaussianBlending(gaussian).withProgress((done, total) -> tiles[0] = total);
				segmenter.segment(image, net); // warm-up: JIT
				long best = Long.MAX_VALUE;
				for (int run = 0; run < 3; run++) {
					final long start = System.nanoTime();
					segmenter.segment(image, net);
					best = Math.min(best, System.nanoTime() - start);
				}
				System.out.printf("%-9s %5d  %5d  %29.0f  %7.2f%n", gaussian ? "gaussian" : "uniform", batch, tiles[0],
					best / 1e6, best / 1e6 / tiles[0]);
			}
		}
	}
}

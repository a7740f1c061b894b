package sauron.metrics;

import java.util.List;
import java.util.Random;

import sauron.data.LabelVolume;

/**
 * Times {@link SegmentationMetrics#evaluate} on a brain-sized (181 x 217 x 181, MNI 1 mm) volume with
 * three nested ellipsoid classes, the prediction shifted and speckled. A program, not a test:
 * {@code java -cp target/classes:target/test-classes:<imglib2 jar> sauron.metrics.MetricsBenchmark}.
 */
public final class MetricsBenchmark {

	public static void main(final String[] args) {
		final int[] shape = { 181, 217, 181 };
		final double[] voxel = { 1.0, 1.0, 1.2 };
		final LabelVolume truth = ellipsoids(shape, voxel, 0);
		final LabelVolume prediction = ellipsoids(shape, voxel, 2);
		final Random random = new Random(7);
		for (int k = 0; k < 2000; k++) prediction.set(random.nextInt(prediction.labels().length), 1 + random.nextInt(3));
		System.out.printf("volume %s, %d cores%n", truth, Runtime.getRuntime().availableProcessors());

		final boolean[] features = new boolean[truth.labels().length];
		for (int i = 0; i < features.length; i++) features[i] = truth.get(i) == 3;
		for (int run = 0; run < 3; run++) {
			final long t0 = System.nanoTime();
			EuclideanDistanceTransform.squaredDistances(features, shape, voxel);
			System.out.printf("full-volume EDT           run %d: %6.0f ms%n", run, (System.nanoTime() - t0) / 1e6);
		}
		for (int run = 0; run < 3; run++) {
			final long t0 = System.nanoTime();
			final List<ClassScores> scores = SegmentationMetrics.evaluate(prediction, truth, 4);
			System.out.printf("evaluate (3 classes)      run %d: %6.0f ms%n", run, (System.nanoTime() - t0) / 1e6);
			if (run == 2) for (final ClassScores s : scores) System.out.println("  " + s);
		}
	}

	/** Nested ellipsoids labelled 1 (outer) to 3 (inner), centred {@code shift} voxels off the middle. */
	private static LabelVolume ellipsoids(final int[] shape, final double[] voxel, final int shift) {
		final LabelVolume v = LabelVolume.zeros(shape, voxel);
		final double cx = shape[0] / 2.0 + shift, cy = shape[1] / 2.0, cz = shape[2] / 2.0 - shift;
		int i = 0;
		for (int z = 0; z < shape[2]; z++)
			for (int y = 0; y < shape[1]; y++)
				for (int x = 0; x < shape[0]; x++, i++) {
					final double r = sq((x - cx) / 70) + sq((y - cy) / 90) + sq((z - cz) / 70);
					v.set(i, r <= 0.05 ? 3 : r <= 0.3 ? 2 : r <= 1 ? 1 : 0);
				}
		return v;
	}

	private static double sq(final double v) { return v * v; }
}

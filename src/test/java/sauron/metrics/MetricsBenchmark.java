package sauron.metrics;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import sauron.data.LabelVolume;

/**
 * Times the exact Euclidean distance transform of a brain-sized volume (181 x 217 x 181, MNI 1 mm, voxels
 * 1 x 1 x 1.2 mm) and {@link SegmentationMetrics#evaluate} (Dice, HD95, volumes) of three nested ellipsoid
 * classes against a shifted, speckled prediction. A JMH benchmark, run on demand: bench/micro-benchmarks.sh
 * MetricsBenchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class MetricsBenchmark {

	private static final int[] SHAPE = { 181, 217, 181 };
	private static final double[] VOXEL = { 1.0, 1.0, 1.2 };

	private LabelVolume truth, prediction;
	private boolean[] innerClass;

	@Setup
	public void makeVolumes() {
		truth = ellipsoids(0);
		prediction = ellipsoids(2);
		final Random random = new Random(7);
		for (int k = 0; k < 2000; k++) prediction.set(random.nextInt(prediction.labels().length), 1 + random.nextInt(3));
		innerClass = new boolean[truth.labels().length];
		for (int i = 0; i < innerClass.length; i++) innerClass[i] = truth.get(i) == 3;
	}

	@Benchmark
	public Object fullVolumeDistanceTransform() {
		return EuclideanDistanceTransform.squaredDistances(innerClass, SHAPE, VOXEL);
	}

	@Benchmark
	public List<ClassScores> evaluateThreeClasses() {
		return SegmentationMetrics.evaluate(prediction, truth, 4);
	}

	/** Nested ellipsoids labelled 1 (outer) to 3 (inner), centred {@code shift} voxels off the middle. */
	private static LabelVolume ellipsoids(final int shift) {
		final LabelVolume v = LabelVolume.zeros(SHAPE, VOXEL);
		final double cx = SHAPE[0] / 2.0 + shift, cy = SHAPE[1] / 2.0, cz = SHAPE[2] / 2.0 - shift;
		int i = 0;
		for (int z = 0; z < SHAPE[2]; z++)
			for (int y = 0; y < SHAPE[1]; y++)
				for (int x = 0; x < SHAPE[0]; x++, i++) {
					final double r = sq((x - cx) / 70) + sq((y - cy) / 90) + sq((z - cz) / 70);
					v.set(i, r <= 0.05 ? 3 : r <= 0.3 ? 2 : r <= 1 ? 1 : 0);
				}
		return v;
	}

	private static double sq(final double v) { return v * v; }
}

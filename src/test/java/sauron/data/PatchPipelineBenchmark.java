package sauron.data;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Times one training batch: patch extraction, then augmentation with each step forced on (p = 1, so this is the
 * worst case), alone and all together. A JMH benchmark, run on demand: bench/micro-benchmarks.sh PatchPipelineBenchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PatchPipelineBenchmark {

	/** What is cut from what: a 3D volume in 3D patches, a 2D image, and 2D patches from the volume's z-slices. */
	@Param({ "3d-64^3-batch2", "2d-256^2-batch8", "2d-128^2-slices-batch8" })
	public String patches;

	@Param({ "extract", "flip-rotate", "gamma", "noise", "all" })
	public String augmentation;

	private PatchSampler sampler;
	private Augmentation augment;

	@Setup
	public void makeSampler() {
		switch (patches) {
		case "3d-64^3-batch2" -> sampler = new PatchSampler(List.of(randomPair(new int[] { 160, 160, 96 })), new int[] { 64, 64, 64 }, 2, 2, 1);
		case "2d-256^2-batch8" -> sampler = new PatchSampler(List.of(randomPair(new int[] { 512, 512 })), new int[] { 256, 256 }, 8, 2, 1);
		case "2d-128^2-slices-batch8" -> sampler = new PatchSampler(List.of(randomPair(new int[] { 160, 160, 96 })), new int[] { 128, 128 }, 8, 2, 1);
		default -> throw new IllegalArgumentException("unknown patches " + patches);
		}
		augment = new Augmentation(switch (augmentation) {
		case "extract" -> Augmentation.Settings.NONE;
		case "flip-rotate" -> new Augmentation.Settings(true, true, 0, 1, 1, 0, 0);
		case "gamma" -> new Augmentation.Settings(false, false, 1, 0.7, 1.5, 0, 0);
		case "noise" -> new Augmentation.Settings(false, false, 0, 1, 1, 1, 0.1);
		case "all" -> new Augmentation.Settings(true, true, 1, 0.7, 1.5, 1, 0.1);
		default -> throw new IllegalArgumentException("unknown augmentation " + augmentation);
		}, 2);
	}

	@Benchmark
	public PatchBatch oneBatch() {
		return augment.apply(sampler.nextBatch());
	}

	/** Gaussian noise as the image; the voxels above 1.5 as foreground. */
	private static TrainingPair randomPair(final int[] shape) {
		final Random r = new Random(1);
		final Volume v = Volume.zeros(shape, 1, TestData.ones(shape.length));
		for (int i = 0; i < v.data().length; i++) v.data()[i] = (float) r.nextGaussian();
		final LabelVolume l = TestData.labels(shape);
		for (int i = 0; i < l.voxels(); i++) if (v.data()[i] > 1.5f) l.set(i, 1);
		return new TrainingPair("random" + java.util.Arrays.toString(shape), v, l, 2);
	}
}

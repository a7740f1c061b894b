package sauron.segment;

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

import sauron.data.Volume;

/**
 * What tiling costs by itself: a 181 x 217 x 181 image (MNI 1 mm) in 64^3 tiles at overlap 0.5 (5 x 6 x 5 = 150 tiles), with a
 * fake network that returns constants at no cost, so the time is all copying tiles in, blending them out and the
 * final division; per tile, divide by 150. A JMH benchmark, run on demand: bench/micro-benchmarks.sh
 * SlidingWindowBenchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class SlidingWindowBenchmark {

	@Param({ "true", "false" })
	public boolean gaussian;

	@Param({ "1", "4" })
	public int batch;

	private Volume image;
	private FakeNets.Constant net;
	private SlidingWindowSegmenter segmenter;

	@Setup
	public void makeImage() {
		image = Volume.zeros(new int[] { 181, 217, 181 }, 1, new double[] { 1, 1, 1 });
		final Random random = new Random(1);
		for (int i = 0; i < image.data().length; i++) image.data()[i] = (float) random.nextGaussian();
		net = new FakeNets.Constant(3, 2);
		segmenter = new SlidingWindowSegmenter(64, 64, 64).withBatchSize(batch).withGaussianBlending(gaussian);
	}

	@Benchmark
	public Segmentation wholeImage() {
		return segmenter.segment(image, net);
	}
}

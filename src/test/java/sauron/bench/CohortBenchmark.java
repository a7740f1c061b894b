package sauron.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import sauron.data.FileTrees;
import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.io.ImageFiles;
import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/**
 * Prints images per second for one folder of images segmented three ways, side by side in one run: {@code sauron
 * segment --input-dir} (one JVM, one image after the other), and {@code sauron cohort segment} on Spark
 * {@code local[1]} and {@code local[2]}; and each way's fixed start-up cost. A program, not a test: it asserts
 * nothing about time, and its figures mean nothing on a machine that is busy with something else.
 * <p>
 * Method. Each way runs as the user runs it, a fresh JVM per command (the segment command on the engine's runtime
 * class path, the cohort commands with Spark added), timed from start to exit, on the first image alone and on all N
 * images; the runs alternate way by way so that load drifts hit all alike. Wall time is taken as fixed + N / rate:
 * the steady rate is (N - 1) / (wall(N) - wall(1)) and the fixed start-up cost (JVM, TensorFlow, Spark, model load,
 * the results table) is wall(1) - 1 / rate. All ways must write the same labels; the program checks that they do.
 * <p>
 * Data: N copies of the sample's whole head (59 x 72 x 60 at 3 mm) and an untrained 3D U-Net of the demo's size
 * (4 levels, base 24, 3.15 M parameters; a trained one of the same widths costs the same), or {@code --model DIR} and
 * {@code --image FILE}; {@code --tiny} is a smoke check (a 2D 2-level net on 24 x 20 images).
 * <p>
 * Run: {@code bench/cohort-benchmark.sh [--images N] [--repeats R] [--model DIR] [--image FILE] [--tiny]}.
 */
public final class CohortBenchmark {

	/** @param master the Spark master of a cohort command, or null for {@code segment --input-dir} */
	record Way(String name, String master) {

		boolean spark() { return master != null; }

		String folder() { return name.replaceAll("[^a-z0-9]+", "-").replaceAll("-$", ""); }

		List<String> arguments(final Path model, final Path in, final Path out) {
			return spark() ? List.of("cohort", "segment", "-m", model.toString(), "--input", in.toString(), "--output", out.toString(), "--master", master)
					: List.of("segment", "-m", model.toString(), "--input-dir", in.toString(), "--output-dir", out.toString());
		}
	}

	public static void main(final String[] args) throws Exception {
		Locale.setDefault(Locale.ROOT);
		int images = 16, repeats = 1;
		Path model = null, image = Path.of("sample-data", "colin27-3mm-image.nii.gz"), work = Path.of("target", "cohort-benchmark");
		boolean tiny = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--images" -> images = Integer.parseInt(args[++i]);
				case "--repeats" -> repeats = Integer.parseInt(args[++i]);
				case "--model" -> model = Path.of(args[++i]);
				case "--image" -> image = Path.of(args[++i]);
				case "--work" -> work = Path.of(args[++i]);
				case "--tiny" -> tiny = true;
				default -> {
					System.err.println("usage: CohortBenchmark [--images N (>= 2)] [--repeats R] [--model DIR] [--image FILE] [--tiny] [--work DIR]");
					System.exit(2);
				}
			}
		}
		if (images < 2) throw new IllegalArgumentException("--images " + images + ": give at least 2, the fit needs one image and more");
		final String runtime = System.getProperty("bench.runtimeClasspath"), spark = System.getProperty("bench.sparkClasspath");
		if (runtime == null || spark == null) throw new IllegalStateException("run through bench/cohort-benchmark.sh (it sets the class paths)");
		deleteTree(work);
		final Path one = Files.createDirectories(work.resolve("in-1")), all = Files.createDirectories(work.resolve("in-" + images));
		if (tiny) {
			model = tinyModel(work.resolve("model"));
			final Volume v = disc();
			for (int i = 0; i < images; i++) ImageFiles.writeImage(v, all.resolve(String.format("img-%03d.nii.gz", i)));
		} else {
			if (model == null) model = demoSizedModel(work.resolve("model"));
			for (int i = 0; i < images; i++) Files.copy(image, all.resolve(String.format("img-%03d%s", i, extension(image))));
		}
		try (Stream<Path> s = Files.list(all)) {
			final Path first = s.sorted().findFirst().orElseThrow();
			Files.copy(first, one.resolve(first.getFileName()));
		}
		final Volume sample = ImageFiles.readImage(one.resolve(names(one).get(0)));
		System.out.printf("cohort benchmark, %s: %d images of %s voxels, model %s (%,d parameters), %d cores, repeats %d%n", LocalDate.now(), images,
				java.util.Arrays.toString(sample.shape()), model, ModelStore.load(model).topology().parameterCount(), Runtime.getRuntime().availableProcessors(),
				repeats);

		final List<Way> ways = List.of(new Way("segment --input-dir", null), new Way("cohort local[1]", "local[1]"), new Way("cohort local[2]", "local[2]"));
		final Map<String, double[]> wall1 = new LinkedHashMap<>(), wallN = new LinkedHashMap<>();
		for (final Way w : ways) {
			wall1.put(w.name(), new double[repeats]);
			wallN.put(w.name(), new double[repeats]);
		}
		for (int r = 0; r < repeats; r++)
			for (final int n : new int[] { 1, images })
				for (final Way w : ways) {
					final Path out = work.resolve("out-" + w.folder() + "-" + n + "-" + r);
					final double s = time(w, model, n == 1 ? one : all, out, runtime, spark, work);
					(n == 1 ? wall1 : wallN).get(w.name())[r] = s;
				}
		System.out.printf("%-22s %12s %14s %14s %16s %14s%n", "way", "1 image s", images + " images s", "images/s", "steady images/s", "fixed s");
		for (final Way w : ways) {
			final double t1 = median(wall1.get(w.name())), tn = median(wallN.get(w.name()));
			final double rate = (images - 1) / (tn - t1);
			if (tn > t1) System.out.printf("%-22s %12.1f %14.1f %14.3f %16.3f %14.1f%n", w.name(), t1, tn, images / tn, rate, t1 - 1 / rate);
			else System.out.printf("%-22s %12.1f %14.1f %14.3f %16s %14s   (N images took no longer than one: too noisy to fit)%n", w.name(), t1, tn, images / tn, "-", "-");
		}
		System.out.println(sameLabels(work, ways, images, repeats) ? "labels: identical across the three ways" : "labels: DIFFER between the ways");
		System.out.println("(wall times are medians over the repeats of a fresh JVM per command; steady = (N-1) / (wall(N) - wall(1)), fixed = wall(1) - 1/steady)");
	}

	/** Seconds from the start of the command's JVM to its exit; fails unless it succeeded. */
	private static double time(final Way way, final Path model, final Path in, final Path out, final String runtime, final String spark, final Path work)
			throws IOException, InterruptedException {
		final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g"));
		if (way.spark()) command.add("@" + Path.of("bin", "spark-java-options").toAbsolutePath());
		command.addAll(List.of("-cp", way.spark() ? runtime + File.pathSeparator + spark : runtime, "sauron.cli.SauronCli"));
		command.addAll(way.arguments(model, in, out));
		final Path log = work.resolve(out.getFileName() + ".log");
		final ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		b.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
		final long start = System.nanoTime();
		final int exit = b.start().waitFor();
		final double seconds = (System.nanoTime() - start) / 1e9;
		if (exit != 0) throw new IllegalStateException(way.name() + " failed (exit " + exit + "); see " + log);
		return seconds;
	}

	private static boolean sameLabels(final Path work, final List<Way> ways, final int images, final int repeats) throws IOException {
		final Path reference = work.resolve("out-" + ways.get(0).folder() + "-" + images + "-0");
		for (final Way w : ways)
			for (int r = 0; r < repeats; r++) {
				final Path out = work.resolve("out-" + w.folder() + "-" + images + "-" + r);
				for (final String name : names(reference))
					if (Files.mismatch(reference.resolve(name), out.resolve(name)) != -1) return false;
			}
		return true;
	}

	private static List<String> names(final Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> ImageFiles.isSupported(Path.of(n))).sorted().toList();
		}
	}

	private static double median(final double[] values) {
		final double[] v = values.clone();
		java.util.Arrays.sort(v);
		return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
	}

	private static String extension(final Path image) {
		final String name = image.getFileName().toString();
		return name.endsWith(".nii.gz") ? ".nii.gz" : name.substring(name.lastIndexOf('.'));
	}

	/** The demo's network size (3D, 4 levels, base 24) untrained: the same FLOPs as the trained baseline. */
	private static Path demoSizedModel(final Path dir) throws IOException {
		final UNetSpec spec = UNetSpec.create(3, 4, 24, 320, 1, 2);
		ModelStore.save(new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[] { 3, 3, 3 }, new int[] { 32, 64, 48 }, new JsonObject(), List.of())), dir);
		return dir;
	}

	private static Path tinyModel(final Path dir) throws IOException {
		final UNetSpec spec = UNetSpec.create(2, 2, 4, 16, 1, 2);
		ModelStore.save(new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, new JsonObject(), List.of())), dir);
		return dir;
	}

	private static Volume disc() {
		final int[] shape = { 24, 20 };
		final LabelVolume mask = LabelVolume.zeros(shape, new double[] { 1, 1 });
		final float[] data = new float[24 * 20];
		final java.util.Random random = new java.util.Random(1);
		for (int i = 0; i < data.length; i++) {
			final double x = i % 24 - 12, y = i / 24 - 10;
			data[i] = (float) ((x * x + y * y < 36 ? 150 : 100) + random.nextGaussian() * 5);
		}
		return new Volume(shape, 1, data, mask.voxelSize());
	}

	private static void deleteTree(final Path dir) throws IOException {
		if (Files.exists(dir)) FileTrees.delete(dir);
	}
}

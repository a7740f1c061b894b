package sauron.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.tensorflow.TensorFlow;

import sauron.net.InferenceGraph;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.net.AdamState;
import sauron.train.TrainingGraph;

/**
 * Prints what the TensorFlow engine costs for a named network configuration: the training graph's build time and
 * seconds per training step ({@link TrainingGraph}: in 3D Conv3D with the segmented backward pass, the one training
 * path; in 2D Conv2D with TensorFlow's own gradient), one forward pass through {@link InferenceGraph}, voxels per
 * second, and peak resident memory. A program, not a test: it asserts nothing about time.
 * <p>
 * It measures the one training path there is. The side-by-side comparison of the 3D forms that existed before
 * (PORTABLE: depth-sliced Conv2Ds; NATIVE: Conv3D with a gradient registered from Java; SEGMENTED) was measured
 * with this program at commit 536d441; the README keeps those figures as history.
 * <p>
 * Method. The training graph and the inference graph are built in this JVM from the same He-normal weights, then
 * warmed up (the first run of a session includes TensorFlow's graph optimisation), then timed in rounds: each
 * round runs one training step and one forward pass. Memory is measured separately: TensorFlow allocates natively,
 * so the JVM heap says little; the peak (VmHWM from /proc/self/status) of training and of inference is each
 * measured in its own child JVM ({@code --child TRAINING|INFERENCE CONFIG}) before the timing starts, so no other
 * graph shares the process and nothing runs concurrently with the timing.
 * <p>
 * Run: {@code bench/engine-benchmark.sh tiny} (or {@code 3d-small}, {@code 3d-default}, {@code 2d-default},
 * several names in a row; options {@code --steps N}, {@code --warmup N}, {@code --no-memory}).
 */
public final class EngineBenchmark {

	/** A network + patch to measure. Patch sides x first (ImgLib2 order). */
	record Config(String name, int dims, int levels, int base, int maxWidth, int[] patch, int batch, int warmup, int steps, String note) {

		UNetSpec spec() { return UNetSpec.create(dims, levels, base, maxWidth, INPUT_CHANNELS, CLASSES); }

		long patchVoxels() {
			long n = 1;
			for (final int s : patch) n *= s;
			return n;
		}

		String patchText() {
			final StringBuilder b = new StringBuilder();
			for (final int s : patch) b.append(b.length() == 0 ? "" : "x").append(s);
			return b + (dims == 3 ? " (x,y,z)" : " (x,y)");
		}
	}

	static final int INPUT_CHANNELS = 1, CLASSES = 2;
	static final float LEARNING_RATE = 1e-3f, WEIGHT_DECAY = 1e-5f;
	/** Steps (after one warm-up) a memory child runs: the peak is reached on the first steps. */
	static final int CHILD_STEPS = 3;

	static final Map<String, Config> CONFIGS = new LinkedHashMap<>();
	static {
		add(new Config("tiny", 3, 3, 8, 320, new int[] { 32, 32, 32 }, 1, 2, 6, "smoke test: seconds"));
		add(new Config("3d-small", 3, 4, 16, 128, new int[] { 64, 64, 64 }, 1, 2, 10,
				"docs/TENSORFLOW.md reference: ~0.35 s/training step, ~0.11 s/forward measured before"));
		add(new Config("3d-default", 3, 5, 24, 320, new int[] { 64, 64, 64 }, 1, 1, 5,
				"paper's 3D default widths (base 24, nnU-Net cap 320); patch 64^3 batch 1 to stay runnable on 2 cores"));
		add(new Config("2d-default", 2, 5, 32, 480, new int[] { 256, 256 }, 8, 2, 8, "paper's 2D default widths (base 32, cap 480)"));
	}

	private static void add(final Config c) { CONFIGS.put(c.name(), c); }

	public static void main(final String[] args) throws Exception {
		Locale.setDefault(Locale.ROOT);
		if (args.length > 0 && args[0].equals("--child")) {
			child(args);
			return;
		}
		final List<Config> configs = new ArrayList<>();
		Integer steps = null, warmup = null;
		boolean memory = true;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--steps" -> steps = Integer.parseInt(args[++i]);
				case "--warmup" -> warmup = Integer.parseInt(args[++i]);
				case "--no-memory" -> memory = false;
				case "-h", "--help" -> {
					usage();
					return;
				}
				default -> {
					final Config c = CONFIGS.get(args[i]);
					if (c == null) {
						System.err.println("unknown configuration '" + args[i] + "'");
						usage();
						System.exit(2);
					}
					configs.add(c);
				}
			}
		}
		if (configs.isEmpty()) {
			usage();
			System.exit(2);
		}
		header();
		for (Config c : configs) {
			if (steps != null || warmup != null)
				c = new Config(c.name(), c.dims(), c.levels(), c.base(), c.maxWidth(), c.patch(), c.batch(),
						warmup != null ? warmup : c.warmup(), steps != null ? steps : c.steps(), c.note());
			run(c, memory);
		}
	}

	private static void usage() {
		System.err.println("usage: EngineBenchmark CONFIG... [--steps N] [--warmup N] [--no-memory]");
		for (final Config c : CONFIGS.values())
			System.err.printf("  %-11s %dD, %d levels, base %d, max %d, patch %s, batch %d (%s)%n", c.name(), c.dims(), c.levels(), c.base(),
					c.maxWidth(), c.patchText(), c.batch(), c.note());
	}

	// ---------------------------------------------------------------- parent: header, timing, table

	private static void header() {
		System.out.println("Sauron U-Net engine benchmark");
		System.out.println("date          " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		System.out.println("java          " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
				+ System.getProperty("java.vendor") + "), max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
		System.out.println("tensorflow    " + TensorFlow.version() + " (TF Java, CPU)");
		System.out.println("cores         " + Runtime.getRuntime().availableProcessors() + " available to the JVM; cpu: " + cpuModel());
		System.out.println("memory        " + procValue("/proc/meminfo", "MemTotal") + " total");
		System.out.println("load average  " + loadAverage() + " (1/5/15 min, before; other processes share the cores)");
		System.out.println("env           TF_ENABLE_ONEDNN_OPTS=" + env("TF_ENABLE_ONEDNN_OPTS") + " TF_CPP_MIN_LOG_LEVEL="
				+ env("TF_CPP_MIN_LOG_LEVEL") + " OMP_NUM_THREADS=" + env("OMP_NUM_THREADS"));
		System.out.println("data          synthetic: gaussian images, uniform random labels, " + INPUT_CHANNELS + " channel -> " + CLASSES
				+ " classes; Adam lr " + LEARNING_RATE + ", weight decay " + WEIGHT_DECAY);
	}

	private static void run(final Config c, final boolean memory) throws Exception {
		final UNetSpec spec = c.spec();
		final Topology topology = new Topology(spec);
		final long voxels = c.patchVoxels();
		final long[] patchLong = Arrays.stream(c.patch()).asLongStream().toArray();
		final double flopsPerVoxel = (double) topology.forwardFlops(patchLong) / voxels;

		System.out.println();
		System.out.println("=== " + c.name() + ": " + spec.dims() + "D U-Net, " + spec.levels() + " levels, base " + c.base() + ", max width "
				+ c.maxWidth() + ", level widths " + levelWidths(spec) + ", patch " + c.patchText() + ", batch " + c.batch());
		System.out.println("    " + c.note());
		System.out.printf("parameters              %,d%n", topology.parameterCount());
		System.out.printf("forward FLOPs / voxel   %,.0f  (convs only, 2 x MACs, full-res head; %.2f GFLOP per patch)%n", flopsPerVoxel,
				flopsPerVoxel * voxels / 1e9);
		System.out.println("training graph          " + (c.dims() == 3 ? "Conv3D, backward pass built by the graph (segmented)"
				: "Conv2D, TensorFlow's own gradient"));

		// Memory first, one child JVM each, while this JVM holds no graph and nothing else of ours runs.
		final Map<String, Long> trainingMemory = memory ? childMemory("TRAINING", c) : Map.of();
		final Map<String, Long> inferenceMemory = memory ? childMemory("INFERENCE", c) : Map.of();

		final Weights weights = Weights.heNormal(topology, 1);
		final Random random = new Random(7);
		final int inputSize = Math.toIntExact(c.batch() * voxels * INPUT_CHANNELS);
		final float[][] images = { gaussian(random, inputSize), gaussian(random, inputSize) };
		final byte[][] labels = { labels(random, Math.toIntExact(c.batch() * voxels)), labels(random, Math.toIntExact(c.batch() * voxels)) };
		final float[] tile = Arrays.copyOf(images[0], Math.toIntExact(voxels * INPUT_CHANNELS));

		final double[] stepSeconds = new double[c.steps()];
		final double[] forwardSeconds = new double[c.steps()];
		final double buildSeconds, inferenceBuild, inferenceCold;
		double coldStep = Double.NaN;
		float firstLoss = Float.NaN, lastLoss = Float.NaN;
		long t0 = System.nanoTime();
		try (TrainingGraph graph = new TrainingGraph(topology, weights, AdamState.fresh(topology), c.batch(), c.patch(), WEIGHT_DECAY)) {
			buildSeconds = seconds(t0);
			t0 = System.nanoTime();
			try (InferenceGraph inference = new InferenceGraph(topology, weights)) {
				inferenceBuild = seconds(t0);
				// Warm-up, excluded from the statistics.
				for (int w = 0; w < Math.max(1, c.warmup()); w++) {
					t0 = System.nanoTime();
					final float loss = graph.step(images[w % 2], labels[w % 2], LEARNING_RATE);
					if (w == 0) {
						coldStep = seconds(t0);
						firstLoss = loss;
					}
				}
				t0 = System.nanoTime();
				inference.predict(tile, 1, c.patch());
				inferenceCold = seconds(t0);
				for (int w = 1; w < Math.max(1, c.warmup()); w++) inference.predict(tile, 1, c.patch());

				for (int r = 0; r < c.steps(); r++) {
					t0 = System.nanoTime();
					lastLoss = graph.step(images[r % 2], labels[r % 2], LEARNING_RATE);
					stepSeconds[r] = seconds(t0);
					t0 = System.nanoTime();
					inference.predict(tile, 1, c.patch());
					forwardSeconds[r] = seconds(t0);
				}
			}
		}

		// ---- table
		final double trainVoxels = (double) c.batch() * voxels;
		System.out.printf("timing                  %d warm-up step(s) excluded, then %d rounds; each round = one training step + one forward pass%n",
				Math.max(1, c.warmup()), c.steps());
		System.out.println();
		System.out.println("training (TrainingGraph)");
		System.out.printf("  graph build s                 %14.2f%n", buildSeconds);
		System.out.printf("  first (cold) step s           %14.2f%n", coldStep);
		final double med = median(stepSeconds);
		System.out.printf("  step s median                 %14.3f%n", med);
		System.out.printf("  step s min                    %14.3f%n", Arrays.stream(stepSeconds).min().orElse(Double.NaN));
		System.out.printf("  step s max                    %14.3f%n", Arrays.stream(stepSeconds).max().orElse(Double.NaN));
		System.out.printf("  voxels/s (median)             %,14.0f%n", trainVoxels / med);
		System.out.printf("  GFLOP/s (median, est. 3x fwd) %14.1f%n", 3 * flopsPerVoxel * trainVoxels / med / 1e9);
		System.out.printf("  loss step 1                   %14.5f%n", firstLoss);
		System.out.printf("  loss last step                %14.5f%n", lastLoss);
		if (memory) {
			System.out.printf("  peak RSS MiB (VmHWM, child)   %14.0f%n", mib(trainingMemory, "hwm"));
			System.out.printf("    of which JVM+TF at start    %14.0f%n", mib(trainingMemory, "baseHwm"));
			System.out.printf("  RSS MiB after steps (child)   %14.0f%n", mib(trainingMemory, "rss"));
			System.out.printf("  JVM heap used MiB (child)     %14.0f%n", mib(trainingMemory, "heap"));
		}
		System.out.println();
		System.out.printf("inference (InferenceGraph, %s, batch 1, one patch %s)%n", c.dims() == 3 ? "Conv3D" : "Conv2D", c.patchText());
		System.out.printf("  graph build s                 %14.2f%n", inferenceBuild);
		System.out.printf("  first (cold) forward s        %14.2f%n", inferenceCold);
		final double fMed = median(forwardSeconds), fMin = Arrays.stream(forwardSeconds).min().orElse(Double.NaN);
		System.out.printf("  forward s median              %14.3f%n", fMed);
		System.out.printf("  forward s min                 %14.3f%n", fMin);
		System.out.printf("  voxels/s (median)             %,14.0f%n", voxels / fMed);
		System.out.printf("  GFLOP/s (median)              %14.1f%n", flopsPerVoxel * voxels / fMed / 1e9);
		if (memory) {
			System.out.printf("  peak RSS MiB (VmHWM, child)   %14.0f%n", mib(inferenceMemory, "hwm"));
			System.out.printf("    of which JVM+TF at start    %14.0f%n", mib(inferenceMemory, "baseHwm"));
		}
		System.out.println();
		System.out.printf("this JVM (both graphs of this run held at once): VmHWM %.0f MiB, VmRSS %.0f MiB; load average now %s%n",
				kib("VmHWM") / 1024.0, kib("VmRSS") / 1024.0, loadAverage());
	}

	private static String levelWidths(final UNetSpec spec) {
		final StringBuilder b = new StringBuilder();
		for (int l = 0; l < spec.levels(); l++) b.append(l == 0 ? "" : "-").append(spec.width("enc" + l + "_1"));
		return b.toString();
	}

	private static double mib(final Map<String, Long> m, final String key) {
		final Long kib = m == null ? null : m.get(key);
		return kib == null ? Double.NaN : kib / 1024.0;
	}

	static double median(final double[] values) {
		if (values.length == 0) return Double.NaN;
		final double[] s = values.clone();
		Arrays.sort(s);
		final int m = s.length / 2;
		return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
	}

	private static double seconds(final long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private static float[] gaussian(final Random random, final int n) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = (float) random.nextGaussian();
		return v;
	}

	private static byte[] labels(final Random random, final int n) {
		final byte[] v = new byte[n];
		for (int i = 0; i < n; i++) v[i] = (byte) random.nextInt(CLASSES);
		return v;
	}

	// ---------------------------------------------------------------- memory: one child JVM each for training and inference

	/** Runs {@code --child WHAT CONFIG} in a fresh JVM and returns its KiB figures (hwm, rss, baseHwm, heap). */
	private static Map<String, Long> childMemory(final String what, final Config c) throws IOException, InterruptedException {
		final List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		for (final String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
			if (a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-XX:")) command.add(a);
		command.add("-cp");
		command.add(classPath());
		command.add(EngineBenchmark.class.getName());
		command.add("--child");
		command.add(what);
		command.add(c.name());
		final ProcessBuilder pb = new ProcessBuilder(command);
		pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
		final Path err = Files.createTempFile("engine-benchmark-child", ".log");
		pb.redirectError(err.toFile());
		final Process p = pb.start();
		final Map<String, Long> result = new LinkedHashMap<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = r.readLine()) != null) {
				if (!line.startsWith("RESULT ")) continue;
				for (final String kv : line.substring(7).trim().split("\\s+")) {
					final int eq = kv.indexOf('=');
					result.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
				}
			}
		}
		final int exit = p.waitFor();
		if (exit != 0 || result.isEmpty()) {
			System.out.println("memory child " + what + " failed (exit " + exit + "); its stderr ends with:");
			final List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
			lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> System.out.println("  | " + l));
		}
		Files.deleteIfExists(err);
		return result;
	}

	/**
	 * The class path of this program. Plain {@code java -cp}: java.class.path. Under {@code mvn exec:java} the
	 * JVM's class path is Maven's own, and the project's is in the URLClassLoader that loaded this class.
	 */
	private static String classPath() {
		final String explicit = System.getProperty("sauron.bench.classpath");
		if (explicit != null) return explicit;
		if (EngineBenchmark.class.getClassLoader() instanceof URLClassLoader loader) {
			final List<String> paths = new ArrayList<>();
			for (final URL url : loader.getURLs()) {
				try {
					paths.add(Path.of(url.toURI()).toString());
				} catch (final URISyntaxException | IllegalArgumentException e) {
					// not a file: skip
				}
			}
			if (!paths.isEmpty()) return String.join(File.pathSeparator, paths);
		}
		return System.getProperty("java.class.path");
	}

	/** {@code --child TRAINING|INFERENCE CONFIG}: build one graph, run it, print RESULT with KiB figures. */
	private static void child(final String[] args) {
		final String what = args[1];
		final Config c = CONFIGS.get(args[2]);
		if (c == null) throw new IllegalArgumentException("unknown configuration " + args[2]);
		TensorFlow.version(); // loads the native library: the baseline includes JVM + TensorFlow runtime
		final long baseHwm = kib("VmHWM");
		final Topology topology = new Topology(c.spec());
		final Weights weights = Weights.heNormal(topology, 1);
		final Random random = new Random(7);
		final long voxels = c.patchVoxels();
		final float[] images = gaussian(random, Math.toIntExact(c.batch() * voxels * INPUT_CHANNELS));
		final byte[] labels = labels(random, Math.toIntExact(c.batch() * voxels));
		if (what.equals("INFERENCE")) {
			try (InferenceGraph g = new InferenceGraph(topology, weights)) {
				final float[] tile = Arrays.copyOf(images, Math.toIntExact(voxels * INPUT_CHANNELS));
				for (int i = 0; i < 1 + CHILD_STEPS; i++) g.predict(tile, 1, c.patch());
				report(baseHwm);
			}
		} else if (what.equals("TRAINING")) {
			try (TrainingGraph g = new TrainingGraph(topology, weights, AdamState.fresh(topology), c.batch(), c.patch(), WEIGHT_DECAY)) {
				for (int i = 0; i < 1 + CHILD_STEPS; i++) g.step(images, labels, LEARNING_RATE);
				report(baseHwm);
			}
		} else
			throw new IllegalArgumentException("unknown child " + what + ": expected TRAINING or INFERENCE");
	}

	private static void report(final long baseHwm) {
		final Runtime rt = Runtime.getRuntime();
		System.out.println("RESULT hwm=" + kib("VmHWM") + " rss=" + kib("VmRSS") + " baseHwm=" + baseHwm + " heap="
				+ (rt.totalMemory() - rt.freeMemory()) / 1024);
	}

	// ---------------------------------------------------------------- /proc

	private static long kib(final String key) {
		final String v = procValue("/proc/self/status", key); // "123456 kB"
		return v.endsWith(" kB") ? Long.parseLong(v.substring(0, v.length() - 3).trim()) : -1;
	}

	private static String procValue(final String file, final String key) {
		try {
			for (final String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8))
				if (line.startsWith(key + ":")) return line.substring(key.length() + 1).trim();
		} catch (final IOException e) {
			// not Linux
		}
		return "n/a";
	}

	private static String cpuModel() {
		final String m = procValue("/proc/cpuinfo", "model name\t");
		return m.equals("n/a") ? procValue("/proc/cpuinfo", "model name") : m;
	}

	private static String loadAverage() {
		try {
			final String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return f[0] + " " + f[1] + " " + f[2];
		} catch (final IOException e) {
			return "n/a";
		}
	}

	private static String env(final String name) {
		final String v = System.getenv(name);
		return v == null ? "(unset)" : v;
	}
}

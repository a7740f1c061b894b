package sauron.worker;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the engine process finds its classes. Installed from the update site, our jar sits in an ImageJ/Fiji
 * application folder: the engine's jars (TensorFlow Java and everything it needs) are in {@value #ENGINE_DIR},
 * off Fiji's class path, where they never meet CSBDeep's TensorFlow 1.15, and the native library is in
 * {@value #NATIVE_DIR}/&lt;platform&gt;/ (a CPU and, from the GPU site, a GPU build; see {@link #nativeFolder}).
 * Anywhere else (development, tests, the command line) the engine runs on this JVM's own class path.
 */
public final class WorkerClasspath {

	/** The engine's private jar folder, relative to the application folder. */
	public static final String ENGINE_DIR = "lib/sauron";
	/** Where the native builds go, one folder per platform below it, relative to the application folder. */
	public static final String NATIVE_DIR = "lib";

	/** A machine as Fiji's updater names its platform folder and as TensorFlow Java names its native build. */
	public enum Platform {
		LINUX64("linux64", "linux-x86_64"), LINUX_ARM64("linux-arm64", "linux-arm64"), MACOS_ARM64("macos-arm64", "macosx-arm64"), WIN64("win64", "windows-x86_64");

		public final String fijiDir, tensorflowClassifier;

		Platform(final String fijiDir, final String tensorflowClassifier) {
			this.fijiDir = fijiDir;
			this.tensorflowClassifier = tensorflowClassifier;
		}

		/** This machine, or empty where TensorFlow Java 1.1.0 ships no native build (32-bit, Intel Macs, ...). */
		public static Optional<Platform> current() {
			final String os = System.getProperty("os.name").toLowerCase(Locale.ROOT), arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
			final boolean x64 = arch.equals("amd64") || arch.equals("x86_64"), arm64 = arch.equals("aarch64") || arch.equals("arm64");
			if (os.contains("linux")) return x64 ? Optional.of(LINUX64) : arm64 ? Optional.of(LINUX_ARM64) : Optional.empty();
			if (os.contains("mac")) return arm64 ? Optional.of(MACOS_ARM64) : Optional.empty();
			if (os.contains("windows")) return x64 ? Optional.of(WIN64) : Optional.empty();
			return Optional.empty();
		}
	}

	/** The CPU class path, and the GPU one where the GPU build is installed. */
	public record Choice(List<Path> cpu, Optional<List<Path>> gpu) {}

	private WorkerClasspath() {}

	/** For this JVM: the application folder's layout when our jar is installed in one, else this JVM's class path. */
	public static Choice resolve() {
		final Path own = ownLocation();
		final Optional<Path> app = applicationFolder(own);
		if (app.isPresent()) return forApplication(app.get(), own, Platform.current().orElseThrow(() -> new IllegalStateException(
				"TensorFlow Java has no native build for " + System.getProperty("os.name") + " on " + System.getProperty("os.arch")
						+ "; supported: Linux x86_64 and arm64, macOS on Apple silicon, Windows x86_64")));
		final List<Path> jvm = new ArrayList<>();
		for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
			if (!entry.isBlank()) jvm.add(Path.of(entry));
		return new Choice(jvm, Optional.empty());
	}

	/** The application folder our jar is installed in (ours in plugins/ or jars/, engine jars beside it), if any. */
	static Optional<Path> applicationFolder(final Path ownJar) {
		if (ownJar == null || !Files.isRegularFile(ownJar) || ownJar.getParent() == null) return Optional.empty();
		final String dir = ownJar.getParent().getFileName().toString();
		final Path app = ownJar.getParent().getParent();
		if (app == null || !(dir.equals("plugins") || dir.equals("jars"))) return Optional.empty();
		return Files.isDirectory(app.resolve(ENGINE_DIR)) ? Optional.of(app) : Optional.empty();
	}

	/** Our jar, the engine's jars and the platform's native build (an IllegalStateException naming what is missing). */
	static Choice forApplication(final Path app, final Path ownJar, final Platform platform) {
		final List<Path> base = new ArrayList<>();
		base.add(ownJar);
		base.addAll(jars(app.resolve(ENGINE_DIR), ".jar"));
		final Path natives = nativeFolder(app, platform);
		final List<Path> cpu = jars(natives, "-" + platform.tensorflowClassifier + ".jar");
		final List<Path> gpu = jars(natives, "-" + platform.tensorflowClassifier + "-gpu.jar");
		if (cpu.isEmpty()) throw new IllegalStateException("the TensorFlow native library for " + platform.fijiDir + " is missing (expected "
				+ natives.resolve("tensorflow-core-native-<version>-" + platform.tensorflowClassifier + ".jar") + "): update or reinstall the Sauron U-Net update site");
		return new Choice(concat(base, cpu.get(0)), gpu.isEmpty() ? Optional.empty() : Optional.of(concat(base, gpu.get(0))));
	}

	/**
	 * The platform's folder for TensorFlow's native builds: lib/&lt;platform&gt;/, not jars/&lt;platform&gt;/. Fiji's
	 * launcher (Jaunch, config/jaunch/fiji.toml) puts jars/*&#47;*.jar on the class path and, on Java 9+,
	 * jars/&lt;platform&gt;/ on the module path, where the CPU and GPU builds, which share one Automatic-Module-Name
	 * (tensorflow.nativelib.linux.x86_64), are a fatal duplicate module and Fiji does not start. lib/&lt;platform&gt;/
	 * is only on java.library.path, which reads no jars, and Fiji's updater still treats it as platform-specific
	 * (its Checksummer assigns the platform of jars/&lt;platform&gt;/ and lib/&lt;platform&gt;/ alike), so each user
	 * gets only their platform's build.
	 */
	public static Path nativeFolder(final Path app, final Platform platform) {
		return app.resolve(NATIVE_DIR).resolve(platform.fijiDir);
	}

	/** The jar of our own classes (or the classes folder in development). */
	static Path ownLocation() {
		try {
			return Path.of(WorkerClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		} catch (final URISyntaxException | RuntimeException e) {
			return null;
		}
	}

	public static String join(final List<Path> entries) {
		return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
	}

	private static List<Path> jars(final Path dir, final String suffix) {
		if (!Files.isDirectory(dir)) return List.of();
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
		} catch (final IOException e) {
			throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
		}
	}

	private static List<Path> concat(final List<Path> base, final Path extra) {
		final List<Path> all = new ArrayList<>(base);
		all.add(extra);
		return List.copyOf(all);
	}
}

package sauron.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import sauron.worker.WorkerClasspath.Platform;

/**
 * Lays out the Fiji update sites, as the updater uploads them and as {@link WorkerClasspath} finds them once
 * installed:
 * <ul>
 * <li>plugins/Sauron_UNet-&lt;version&gt;.jar: our jar (menu entries, commands, the engine's code);</li>
 * <li>lib/sauron/: the engine's runtime (TensorFlow Java, JavaCPP, protobuf, picocli, ...), off Fiji's class path,
 * so it cannot collide with CSBDeep's TensorFlow 1.15 there; it also carries its own copies of ij, imglib2,
 * scijava-common and gson so that Fiji's versions of them never matter to the engine;</li>
 * <li>lib/&lt;platform&gt;/tensorflow-core-native-&lt;version&gt;-&lt;classifier&gt;.jar: the native TensorFlow build per
 * platform (the updater installs only the user's platform), off Fiji's class and module paths
 * ({@link WorkerClasspath#nativeFolder} says why).</li>
 * </ul>
 * The GPU build (classifier linux-x86_64-gpu) goes to a second site folder, "gpu", in the same lib/linux64/: users who
 * want it add that site beside the main one. The plugin side needs nothing Fiji does not ship (ij, scijava-common,
 * imglib2, gson), so nothing goes into jars/ at all; {@link FijiPathCheck} checks the result.
 * <p>
 * Arguments: our jar, a folder with the runtime dependency jars, a folder with native jars (may be the same),
 * the output folder (it gets cpu/ and, with a GPU build among the natives, gpu/).
 */
public final class UpdateSiteLayout {

	private UpdateSiteLayout() {}

	public static void main(final String[] args) throws IOException {
		if (args.length != 4) {
			System.err.println("usage: UpdateSiteLayout OUR_JAR DEPENDENCY_DIR NATIVES_DIR OUTPUT_DIR");
			System.exit(2);
		}
		final Path out = Path.of(args[3]);
		final int files = write(Path.of(args[0]), jars(Path.of(args[1])), jars(Path.of(args[2])), out.resolve("cpu"), out.resolve("gpu"));
		System.out.println("wrote " + files + " files to " + out);
	}

	/**
	 * Copies the files into the CPU site folder and, for GPU natives, the GPU one; returns how many were written.
	 * Native jars of platforms Fiji has no folder for are left out.
	 */
	public static int write(final Path ourJar, final List<Path> dependencies, final List<Path> natives, final Path cpuSite, final Path gpuSite) throws IOException {
		int n = 0;
		copy(ourJar, cpuSite.resolve("plugins"));
		n++;
		for (final Path jar : dependencies)
			if (nativeBuild(jar) == null) {
				copy(jar, cpuSite.resolve(WorkerClasspath.ENGINE_DIR));
				n++;
			}
		for (final Path jar : Stream.concat(dependencies.stream(), natives.stream()).distinct().toList()) {
			final Platform platform = nativeBuild(jar);
			if (platform == null) continue;
			final boolean gpu = jar.getFileName().toString().endsWith("-gpu.jar");
			final Path target = WorkerClasspath.nativeFolder(gpu ? gpuSite : cpuSite, platform);
			if (Files.exists(target.resolve(jar.getFileName()))) continue;
			copy(jar, target);
			n++;
		}
		return n;
	}

	/** The platform of a TensorFlow native build jar (tensorflow-core-native-1.1.0-linux-x86_64[-gpu].jar), else null. */
	static Platform nativeBuild(final Path jar) {
		final String name = jar.getFileName().toString();
		if (!name.startsWith("tensorflow-core-native-")) return null;
		for (final Platform p : Platform.values())
			if (name.endsWith("-" + p.tensorflowClassifier + ".jar") || name.endsWith("-" + p.tensorflowClassifier + "-gpu.jar")) return p;
		return null;
	}

	private static void copy(final Path file, final Path dir) throws IOException {
		Files.createDirectories(dir);
		Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
	}

	private static List<Path> jars(final Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
		}
	}
}

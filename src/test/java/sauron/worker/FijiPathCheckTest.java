package sauron.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both update sites laid out by {@link UpdateSiteLayout}, read as Fiji's launcher would put them on its class and
 * module paths. The native builds are stand-ins with the real CPU build's manifest and entry names (no 600 MB of
 * library): the real CUDA build has the same Automatic-Module-Name, which is what made Fiji refuse to start when
 * both sat in jars/linux64/.
 */
class FijiPathCheckTest {

	@TempDir
	Path tmp;
	private Path deps, ours, cpuSite, gpuSite;

	@BeforeEach
	void layOutBothSites() throws IOException {
		deps = Files.createDirectories(tmp.resolve("deps"));
		final Path realNative = classpathJar("tensorflow-core-native-1.1.0-linux-x86_64.jar");
		for (final String classifier : List.of("linux-x86_64", "linux-x86_64-gpu", "linux-arm64", "macosx-arm64", "windows-x86_64"))
			standIn(realNative, deps.resolve("tensorflow-core-native-1.1.0-" + classifier + ".jar"), classifier.replace("-gpu", ""));
		for (final String name : List.of("tensorflow-core-api-1.1.0.jar", "tensorflow-core-native-1.1.0.jar", "gson-2.10.1.jar"))
			Files.copy(classpathJar(name), deps.resolve(name));
		ours = jar(tmp.resolve("Sauron_UNet-1.0.jar"), null, "sauron/worker/EngineProcess.class");
		cpuSite = tmp.resolve("site/cpu");
		gpuSite = tmp.resolve("site/gpu");
		UpdateSiteLayout.write(ours, list(deps), List.of(), cpuSite, gpuSite);
	}

	@Test
	void theBuiltSitesPutNothingOfTensorFlowOnFijisClassOrModulePath() throws IOException {
		assertEquals(List.of(), FijiPathCheck.problems(List.of(cpuSite, gpuSite)));
		assertTrue(Files.isRegularFile(cpuSite.resolve("lib/linux64/tensorflow-core-native-1.1.0-linux-x86_64.jar")));
		assertTrue(Files.isRegularFile(gpuSite.resolve("lib/linux64/tensorflow-core-native-1.1.0-linux-x86_64-gpu.jar")));
		assertTrue(Files.notExists(cpuSite.resolve("jars")) && Files.notExists(gpuSite.resolve("jars")), "nothing goes into jars/");
	}

	@Test
	void theOldLayoutWithBothBuildsInJarsLinux64IsCaught() throws IOException {
		for (final Path site : List.of(cpuSite, gpuSite)) {
			final Path lib = site.resolve("lib/linux64"), jars = Files.createDirectories(site.resolve("jars/linux64"));
			for (final Path jar : list(lib)) Files.move(jar, jars.resolve(jar.getFileName()));
		}
		final List<String> problems = FijiPathCheck.problems(List.of(cpuSite, gpuSite));
		assertTrue(problems.stream().anyMatch(p -> p.startsWith("module tensorflow.nativelib.linux.x86_64 is in 2 jars of jars/linux64/")), problems.toString());
		assertTrue(problems.stream().anyMatch(p -> p.startsWith("jars/linux64/tensorflow-core-native-1.1.0-linux-x86_64-gpu.jar") && p.contains("carries TensorFlow")),
				problems.toString());
		assertEquals(3, problems.size(), problems.toString());
	}

	@Test
	void tensorFlowClassesInJarsOrPluginsAreCaughtAndCsbdeepStyleJarsOnlyWhenTheyCarryIt() throws IOException {
		Files.copy(deps.resolve("tensorflow-core-api-1.1.0.jar"), Files.createDirectories(cpuSite.resolve("jars")).resolve("tensorflow-core-api-1.1.0.jar"));
		jar(cpuSite.resolve("plugins/Bundled_TF.jar"), null, "org/tensorflow/TensorFlow.class");
		jar(cpuSite.resolve("jars/clean-1.0.jar"), null, "org/example/Clean.class");
		final List<String> problems = FijiPathCheck.problems(List.of(cpuSite, gpuSite));
		assertEquals(List.of("jars/tensorflow-core-api-1.1.0.jar", "plugins/Bundled_TF.jar"), problems.stream().map(p -> p.substring(0, p.indexOf(' '))).toList());
	}

	@Test
	void twoJarsOfOneModuleNameInOnePlatformFolderAreCaughtEvenWithoutTensorFlow() throws IOException {
		jar(cpuSite.resolve("jars/win64/a-1.0.jar"), "same.module", "a/A.class");
		jar(gpuSite.resolve("jars/win64/b-1.0.jar"), "same.module", "b/B.class");
		jar(gpuSite.resolve("jars/linux64/c-1.0.jar"), "same.module", "c/C.class"); // another folder: never on one module path with them
		final List<String> problems = FijiPathCheck.problems(List.of(cpuSite, gpuSite));
		assertEquals(1, problems.size(), problems.toString());
		assertTrue(problems.get(0).startsWith("module same.module is in 2 jars of jars/win64/"), problems.get(0));
	}

	/** A jar like the real native build: its manifest and entry names, each entry empty, natives under the classifier's folder. */
	private static void standIn(final Path real, final Path jar, final String classifier) throws IOException {
		final List<String> entries = new ArrayList<>();
		try (JarFile zip = new JarFile(real.toFile())) {
			zip.stream().filter(e -> !e.isDirectory() && !e.getName().startsWith("META-INF/")).forEach(e -> entries.add(e.getName().replace("linux-x86_64", classifier)));
			final String module = zip.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
			jar(jar, module.replace("linux.x86_64", classifier.replace('-', '.')), entries.toArray(new String[0]));
		}
	}

	private static Path jar(final Path jar, final String moduleName, final String... entries) throws IOException {
		final Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		if (moduleName != null) manifest.getMainAttributes().putValue("Automatic-Module-Name", moduleName);
		Files.createDirectories(jar.getParent());
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
			for (final String e : entries) {
				zip.putNextEntry(new JarEntry(e));
				zip.closeEntry();
			}
		}
		return jar;
	}

	private static Path classpathJar(final String name) {
		return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).filter(p -> p.getFileName().toString().equals(name)).findFirst()
				.orElseThrow(() -> new IllegalStateException(name + " is not on the test class path"));
	}

	private static List<Path> list(final Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.sorted().toList();
		}
	}
}

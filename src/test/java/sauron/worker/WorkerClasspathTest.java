package sauron.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.worker.WorkerClasspath.Platform;

/** How an installed plugin finds its engine in the application folder the update site filled. */
class WorkerClasspathTest {

	@TempDir
	Path app;

	private Path touch(final String path) throws Exception {
		final Path p = app.resolve(path);
		Files.createDirectories(p.getParent());
		return Files.writeString(p, "");
	}

	@Test
	void ourJarInPluginsWithTheEngineFolderBesideItMarksAnApplicationFolder() throws Exception {
		final Path jar = touch("plugins/Sauron_UNet-1.0.jar");
		assertEquals(Optional.empty(), WorkerClasspath.applicationFolder(jar));
		Files.createDirectories(app.resolve(WorkerClasspath.ENGINE_DIR));
		assertEquals(Optional.of(app), WorkerClasspath.applicationFolder(jar));
		assertEquals(Optional.empty(), WorkerClasspath.applicationFolder(app.resolve("target/classes")), "a classes folder is development");
	}

	@Test
	void theEngineGetsOurJarItsRuntimeAndThePlatformsNativeBuildCpuAndGpu() throws Exception {
		final Path jar = touch("plugins/Sauron_UNet-1.0.jar");
		final Path api = touch("lib/sauron/tensorflow-core-api-1.1.0.jar"), bindings = touch("lib/sauron/tensorflow-core-native-1.1.0.jar");
		final Path cpu = touch("lib/linux64/tensorflow-core-native-1.1.0-linux-x86_64.jar");
		touch("lib/win64/tensorflow-core-native-1.1.0-windows-x86_64.jar");
		touch("jars/libtensorflow-1.15.0.jar"); // CSBDeep's, never the engine's
		final WorkerClasspath.Choice c = WorkerClasspath.forApplication(app, jar, Platform.LINUX64);
		assertEquals(List.of(jar, api, bindings, cpu), c.cpu());
		assertEquals(Optional.empty(), c.gpu());
		final Path gpu = touch("lib/linux64/tensorflow-core-native-1.1.0-linux-x86_64-gpu.jar");
		final WorkerClasspath.Choice both = WorkerClasspath.forApplication(app, jar, Platform.LINUX64);
		assertEquals(List.of(jar, api, bindings, cpu), both.cpu());
		assertEquals(Optional.of(List.of(jar, api, bindings, gpu)), both.gpu());
	}

	@Test
	void aMissingNativeBuildIsNamedWithTheFix() throws Exception {
		final Path jar = touch("plugins/Sauron_UNet-1.0.jar");
		touch("lib/sauron/tensorflow-core-api-1.1.0.jar");
		final var e = assertThrows(IllegalStateException.class, () -> WorkerClasspath.forApplication(app, jar, Platform.MACOS_ARM64));
		assertTrue(e.getMessage().contains("lib/macos-arm64") && e.getMessage().contains("macosx-arm64") && e.getMessage().contains("update site"), e.getMessage());
	}

	@Test
	void theLayoutPutsEachJarWhereTheClassPathLooks() throws Exception {
		final Path deps = Files.createDirectories(app.resolve("deps"));
		for (final String n : List.of("gson-2.10.1.jar", "tensorflow-core-api-1.1.0.jar", "tensorflow-core-native-1.1.0.jar", "tensorflow-core-native-1.1.0-linux-x86_64.jar",
				"tensorflow-core-native-1.1.0-macosx-arm64.jar", "tensorflow-core-native-1.1.0-windows-x86_64.jar", "tensorflow-core-native-1.1.0-linux-x86_64-gpu.jar"))
			Files.writeString(deps.resolve(n), n);
		final Path ours = Files.writeString(app.resolve("Sauron_UNet-1.0.jar"), "ours");
		final List<Path> jars;
		try (var s = Files.list(deps)) {
			jars = s.sorted().toList();
		}
		final Path site = app.resolve("site"), gpuSite = app.resolve("gpu");
		assertEquals(8, UpdateSiteLayout.write(ours, jars, List.of(), site, gpuSite));
		for (final String p : List.of("plugins/Sauron_UNet-1.0.jar", "lib/sauron/gson-2.10.1.jar", "lib/sauron/tensorflow-core-api-1.1.0.jar", "lib/sauron/tensorflow-core-native-1.1.0.jar",
				"lib/linux64/tensorflow-core-native-1.1.0-linux-x86_64.jar", "lib/macos-arm64/tensorflow-core-native-1.1.0-macosx-arm64.jar",
				"lib/win64/tensorflow-core-native-1.1.0-windows-x86_64.jar"))
			assertTrue(Files.isRegularFile(site.resolve(p)), p);
		assertTrue(Files.isRegularFile(gpuSite.resolve("lib/linux64/tensorflow-core-native-1.1.0-linux-x86_64-gpu.jar")));
		assertEquals(Optional.empty(), Optional.ofNullable(UpdateSiteLayout.nativeBuild(Path.of("tensorflow-core-native-1.1.0.jar"))));
		// Installed, the CPU and GPU sites make the two class paths.
		final WorkerClasspath.Choice c = WorkerClasspath.forApplication(site, site.resolve("plugins/Sauron_UNet-1.0.jar"), Platform.LINUX64);
		assertEquals(site.resolve("lib/linux64/tensorflow-core-native-1.1.0-linux-x86_64.jar"), c.cpu().get(c.cpu().size() - 1));
		assertTrue(Files.notExists(site.resolve("jars")) && Files.notExists(gpuSite.resolve("jars")), "nothing goes into jars/");
	}
}

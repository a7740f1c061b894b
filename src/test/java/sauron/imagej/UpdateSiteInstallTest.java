package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.StackStatistics;
import sauron.data.LabelVolume;
import sauron.io.ImageFiles;
import sauron.worker.FijiPathCheck;
import sauron.worker.UpdateSiteLayout;
import sauron.worker.WorkerClasspath;

/**
 * The update site installed into an ImageJ 1 application folder that also holds CSBDeep's TensorFlow 1.15,
 * first on the class path and loaded (native library included) before our plugin runs, as in a Fiji where
 * StarDist ran. ImageJ starts headless (ij1-patcher, as Fiji's --headless), finds our jar in plugins/ by
 * itself, and a recorded macro imports the bundled sample, trains briefly (30 steps: enough for the labels to find the
 * brain), segments the other hemisphere and saves the labels. ImageJ's JVM has no TensorFlow Java on its class path at all: the engine can only have
 * run from the site's lib/sauron and lib/linux64.
 */
class UpdateSiteInstallTest {

	@TempDir
	static Path tmp;
	private static Path app, site;
	private static MacroRunner.Outcome outcome;

	private static final String MACRO = """
			setBatchMode(true);
			RESULT("tensorflow in ImageJ's JVM", call("org.tensorflow.TensorFlow.version"));
			run("NIfTI (Sauron)...", "file=[SAMPLE-left-image.nii.gz]");
			run("NIfTI (Sauron)...", "file=[SAMPLE-left-mask.nii.gz]");
			run("Train U-Net", "image=colin27-3mm-left-image.nii.gz labels=colin27-3mm-left-mask.nii.gz model_dir=[MODEL] dims=3D epochs=1 steps=30 patch_size=32x32x32 validation=0 classes=0 levels=3 base_filters=4 sauron lambda=0.5");
			run("NIfTI (Sauron)...", "file=[SAMPLE-right-image.nii.gz]");
			run("Segment Image", "image=colin27-3mm-right-image.nii.gz model_dir=[MODEL]");
			RESULT("segmented", getTitle());
			saveAs("Tiff", "OUTPUT");
			""";

	@BeforeAll
	static void installAndRunTheMacro() throws Exception {
		app = tmp.resolve("ImageJ.app");
		site = tmp.resolve("site");
		final Path jars = Files.createDirectories(app.resolve("jars"));
		for (final Path jar : classpath())
			if (jar.getFileName().toString().matches("(ij|ij1-patcher|javassist|scijava-common|parsington|imglib2|gson)-[0-9].*\\.jar")) Files.copy(jar, jars.resolve(jar.getFileName()));
		final Path tf115 = Path.of("target", "csbdeep-tensorflow");
		for (final Path jar : list(tf115)) Files.copy(jar, jars.resolve(jar.getFileName()));
		final List<Path> runtime = list(Path.of("target", "engine-runtime"));
		UpdateSiteLayout.write(ourJar(tmp.resolve("Sauron_UNet-test.jar")), runtime, runtime, site, tmp.resolve("gpu-site"));
		installInto(app, site);

		final Path macro = tmp.resolve("train-and-segment.ijm");
		Files.writeString(macro, MacroRunner.withResults(MACRO).replace("SAMPLE", Path.of("sample-data", "colin27-3mm").toAbsolutePath().toString()).replace("MODEL", tmp.resolve("model").toString())
				.replace("OUTPUT", tmp.resolve("right-labels.tif").toString()));
		// As Fiji's launcher: CSBDeep's TensorFlow first, then everything in jars/; our plugin only in plugins/.
		final List<String> cp = new ArrayList<>();
		for (final Path jar : list(tf115)) cp.add(jars.resolve(jar.getFileName()).toString());
		for (final Path jar : list(jars)) if (!cp.contains(jar.toString())) cp.add(jar.toString());
		cp.add(Path.of("target", "test-classes").toAbsolutePath().toString()); // MacroRunner, our stand-in for the launcher
		final List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-opens=java.base/java.lang=ALL-UNNAMED",
				"-Djava.awt.headless=true", "-Dij.dir=" + app, "-Dplugins.dir=" + app, "-cp", String.join(File.pathSeparator, cp), MacroRunner.class.getName(),
				MacroRunner.INSTALLED, macro.toString());
		outcome = MacroRunner.run(command, Path.of("target", "update-site-test.log"));
	}

	@Test
	void theSiteHasOurJarInPluginsTheEngineInLibAndTheNativeBuildPerPlatform() throws IOException {
		assertTrue(Files.isRegularFile(app.resolve("plugins/Sauron_UNet-test.jar")));
		assertTrue(Files.isRegularFile(app.resolve(WorkerClasspath.ENGINE_DIR).resolve("tensorflow-core-api-1.1.0.jar")));
		assertTrue(Files.isRegularFile(app.resolve("lib/linux64/tensorflow-core-native-1.1.0-linux-x86_64.jar")));
		// Nothing of TensorFlow Java lands on Fiji's class or module path, the native build included.
		assertEquals(List.of(), FijiPathCheck.problems(List.of(site)));
	}

	@Test
	void tensorFlow115StaysLoadedInImageJWhileOurEngineTrains() {
		assertEquals("1.15.0", result("tensorflow in ImageJ's JVM"));
		assertTrue(outcome.log().contains("TensorFlow 2.18.0 on the CPU"), outcome.log());
	}

	@Test
	void theRecordedMacroTrainsSegmentsAndSavesTheLabels() throws Exception {
		assertEquals("colin27-3mm-right-image-labels", result("segmented"));
		assertTrue(Files.isRegularFile(tmp.resolve("model/sauron.json")), outcome.log());
		final ImagePlus labels = IJ.openImage(tmp.resolve("right-labels.tif").toString());
		final ImagePlus right = ImagePlusVolumes.toImagePlus(ImageFiles.readImage(Path.of("sample-data", "colin27-3mm-right-image.nii.gz")), "right");
		assertEquals(List.of(right.getWidth(), right.getHeight(), right.getNSlices()), List.of(labels.getWidth(), labels.getHeight(), labels.getNSlices()));
		assertEquals(8, labels.getBitDepth());
		assertTrue(new StackStatistics(labels).max <= 1, "labels are 0 (background) and 1 (brain)");
		// The labels must lie on the brain: all background scores 0, all brain 0.39 (28,143 of 116,640 voxels are brain);
		// 30 steps of this tiny network score 0.80 on the development machine.
		final LabelVolume mask = ImageFiles.readLabels(Path.of("sample-data", "colin27-3mm-right-mask.nii.gz"));
		final int nx = mask.size(0), ny = mask.size(1);
		long both = 0, predicted = 0, truth = 0;
		for (int z = 0; z < mask.size(2); z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					final boolean p = labels.getStack().getProcessor(z + 1).get(x, y) == 1, t = mask.get((z * ny + y) * nx + x) == 1;
					if (p) predicted++;
					if (t) truth++;
					if (p && t) both++;
				}
		final double dice = 2.0 * both / (predicted + truth);
		assertTrue(dice > 0.6, "Dice against the brain mask " + dice + " (" + predicted + " voxels labelled brain, " + truth + " in the mask)");
	}

	private static String result(final String key) {
		return outcome.result(key);
	}

	/** Our jar as Maven packages it: target/classes (classes, plugins.config, the SciJava plugin index). */
	private static Path ourJar(final Path jar) throws IOException {
		final Path classes = Path.of("target", "classes");
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out); Stream<Path> files = Files.walk(classes)) {
			for (final Path f : files.filter(Files::isRegularFile).sorted().toList()) {
				zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
				Files.copy(f, zip);
				zip.closeEntry();
			}
		}
		return jar;
	}

	/** What Fiji's updater does with the site's files: the same paths below the application folder. */
	private static void installInto(final Path app, final Path site) throws IOException {
		try (Stream<Path> files = Files.walk(site)) {
			for (final Path f : files.filter(Files::isRegularFile).toList()) {
				final Path target = app.resolve(site.relativize(f).toString());
				Files.createDirectories(target.getParent());
				Files.copy(f, target);
			}
		}
	}

	private static List<Path> classpath() {
		return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
	}

	private static List<Path> list(final Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
		}
	}
}

package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugins.config entries, run by their menu labels from ImageJ 1 macros, headless, through ij1-patcher's
 * LegacyEnvironment (in a child JVM, see {@link MacroRunner}). A macro error is only logged there, so each
 * macro stores what it found with call("java.lang.System.setProperty", ...) and the tests assert on that. Yes/no
 * inputs are given as Fiji records them (probabilities=true) and as ImageJ 1 does (a bare probabilities).
 */
class MacroTest {

	@TempDir
	static Path tmp;
	private static MacroRunner.Outcome outcome;

	private static final String SEGMENT = """
			newImage("cells", "32-bit ramp", 32, 32, 1);
			run("Segment Image", "image=cells model_dir=[MODEL] probabilities=true");
			newImage("spots", "32-bit ramp", 32, 32, 1);
			run("Segment Image", "image=spots model_dir=[MODEL] probabilities");
			labels = ""; probs = ""; bare = "";
			for (i = 1; i <= nImages; i++) {
				selectImage(i); getDimensions(w, h, c, z, t);
				if (getTitle() == "cells-labels") labels = "" + w + "x" + h + " " + bitDepth();
				if (getTitle() == "cells-probabilities") probs = "" + c + " channels";
				if (getTitle() == "spots-probabilities") bare = "" + c + " channels";
			}
			RESULT("segment", labels + ", " + probs);
			RESULT("segment bare flag", bare);
			""";

	private static final String EVALUATE = """
			newImage("truth", "8-bit black", 20, 20, 1);
			makeRectangle(2, 2, 10, 10); run("Set...", "value=1"); run("Select None");
			newImage("prediction", "8-bit black", 20, 20, 1);
			makeRectangle(2, 2, 10, 5); run("Set...", "value=1"); run("Select None");
			run("Evaluate Segmentation", "prediction=prediction truth=truth classes=0");
			RESULT("evaluate", "" + nResults + " " + d2s(getResult("Dice", 0), 4) + " " + getResult("truth volume", 0));
			""";

	private static final String FEATURE_MAPS = """
			newImage("cells", "16-bit ramp", 32, 32, 1);
			run("Feature Maps", "image=cells model_dir=[MODEL] layer=dec0_1");
			getDimensions(w, h, c, z, t); Stack.setChannel(3);
			RESULT("maps", getTitle() + " " + w + "x" + h + " " + c + " " + getInfo("slice.label"));
			selectImage("cells");
			run("Feature Maps", "image=cells model_dir=[MODEL] layer=enc0_0");
			getDimensions(w, h, c, z, t); Stack.setChannel(2);
			RESULT("first layer's maps", getTitle() + " " + w + "x" + h + " " + c + " " + getInfo("slice.label"));
			""";

	private static final String IMPORT_AND_INFO = """
			run("NIfTI (Sauron)...", "file=[NIFTI]");
			getVoxelSize(pw, ph, pd, unit);
			RESULT("import", getTitle() + " " + nSlices + " " + pd + " " + unit);
			run("Model Info", "model_dir=[MODEL]");
			newImage("blank", "32-bit ramp", 32, 32, 1);
			run("Segment Image", "image=blank model_dir=[MISSING] probabilities=false");
			File.saveString("the macro went on", "AFTER");
			RESULT("after the failure", "still running");
			""";

	private static final String TRAIN = """
			newImage("discs", "8-bit black", 32, 32, 1);
			makeOval(4, 4, 12, 12); run("Set...", "value=1"); run("Select None");
			run("Duplicate...", "title=discs-labels");
			selectImage("discs"); run("Multiply...", "value=150"); run("Add Specified Noise...", "standard=10");
			run("Train U-Net", "image=discs labels=discs-labels model_dir=[TRAINED] dims=2D epochs=1 steps=2 patch_size=32x32 validation=0 classes=0 levels=3 base_filters=4 sauron lambda=0.5");
			RESULT("train", File.exists("TRAINED/sauron.json"));
			""";

	private static final String PRUNE = """
			newImage("cells", "32-bit ramp", 32, 32, 1);
			run("Prune Model", "image=cells model_dir=[MODEL] output_dir=[PRUNED] tau=0.5 patches=2");
			RESULT("prune", File.exists("PRUNED/sauron.json"));
			""";

	private static final String EXPORT = """
			newImage("cells", "32-bit ramp", 32, 32, 1);
			run("Export to bioimage.io", "image=cells model_dir=[MODEL] output_file=[EXPORTED] authors=[Jane Doe] license=CC-BY-4.0");
			RESULT("export", File.exists("EXPORTED"));
			""";

	@BeforeAll
	static void runMacros() throws Exception {
		final Path model = TestImages.untrainedModel(tmp.resolve("model"), 2);
		final sauron.data.Volume scan = sauron.data.Volume.zeros(new int[] { 4, 3, 5 }, 1, new double[] { 1, 1, 2.5 });
		sauron.io.NiftiWriter.writeVolume(scan, tmp.resolve("scan.nii"));
		final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp", classPath(), MacroRunner.class.getName(), classPath()));
		int i = 0;
		for (final String macro : List.of(SEGMENT, EVALUATE, FEATURE_MAPS, IMPORT_AND_INFO, TRAIN, PRUNE, EXPORT)) {
			final Path file = tmp.resolve("macro" + i++ + ".ijm");
			Files.writeString(file, "setBatchMode(true);\n" + MacroRunner.withResults(macro).replace("MODEL", model.toString()).replace("NIFTI", tmp.resolve("scan.nii").toString())
					.replace("MISSING", tmp.resolve("missing").toString()).replace("AFTER", tmp.resolve("after.txt").toString()).replace("TRAINED", tmp.resolve("trained").toString())
					.replace("PRUNED", tmp.resolve("pruned").toString()).replace("EXPORTED", tmp.resolve("cells-model.zip").toString()));
			command.add(file.toString());
		}
		outcome = MacroRunner.run(command, Path.of("target", "macro-test.log"));
	}

	/** The full test class path (surefire's own java.class.path may be a manifest-only jar). */
	private static String classPath() {
		final String surefire = System.getProperty("surefire.test.class.path");
		return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
	}

	private static String result(final String key) {
		return outcome.result(key);
	}

	@Test
	void segmentImageGivesALabelImageAndProbabilities() {
		assertEquals("32x32 8, 2 channels", result("segment"), "with probabilities=true, the form Fiji records");
	}

	@Test
	void imageJ1sBareFlagStillWorks() {
		assertEquals("2 channels", result("segment bare flag"));
	}

	@Test
	void evaluateFillsTheResultsTable() {
		// Dice = 2 * 50 / (50 + 100); 100 pixels of class 1 in the truth
		assertEquals("1 0.6667 100", result("evaluate"));
	}

	@Test
	void trainSavesAModel() throws Exception {
		assertEquals("1", result("train"));
		assertEquals(1, sauron.model.ModelStore.load(tmp.resolve("trained")).metadata().history().size());
	}

	@Test
	void pruneModelWritesASmallerModelAndLeavesTheOriginal() throws Exception {
		assertEquals("1", result("prune"));
		final long before = sauron.model.ModelStore.load(tmp.resolve("model")).topology().parameterCount();
		final long after = sauron.model.ModelStore.load(tmp.resolve("pruned")).topology().parameterCount();
		if (!(after < before)) throw new AssertionError(before + " -> " + after);
	}

	@Test
	void exportToBioimageioWritesTheZipWithTheAuthorsGiven() throws Exception {
		assertEquals("1", result("export"));
		try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(tmp.resolve("cells-model.zip").toFile())) {
			final String rdf = new String(z.getInputStream(z.getEntry("rdf.yaml")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			if (!rdf.contains("  - name: Jane Doe\n") || !rdf.contains("name: Sauron U-Net 2D model\n")) throw new AssertionError(rdf);
		}
	}

	@Test
	void featureMapsGiveOneLabelledChannelPerFilter() {
		assertEquals("cells-dec0_1 32x32 4 dec0_1 filter 3", result("maps"));
		assertEquals("cells-enc0_0 32x32 4 enc0_0 filter 2", result("first layer's maps"), "a layer named on the macro line, not the default");
	}

	@Test
	void niftiImportAndModelInfoWorkFromMacros() {
		assertEquals("scan.nii 5 2.5 mm", result("import"));
		if (!outcome.log().contains("network      2D U-Net, 3 levels")) throw new AssertionError("Model Info was not logged:\n" + outcome.log());
	}

	@Test
	void aFailedCommandStopsItsMacroAfterItsOneLineMessage() {
		assertFalse(Files.exists(tmp.resolve("after.txt")), "the macro carried on after the failed command");
		assertNull(outcome.results().get("after the failure"));
		final List<String> lines = outcome.log().lines().filter(l -> l.startsWith("Segment Image error: ")).toList();
		assertEquals(List.of("Segment Image error: file not found: " + tmp.resolve("missing") + ": model directory not found"), lines, outcome.log());
		assertEquals("1", result("train"), "the next macro ran");
	}
}

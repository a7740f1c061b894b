package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

import ij.IJ;
import ij.ImagePlus;

/**
 * Macro lines through Fiji's route, the SciJava command (see {@link FijiMacroLine}), from a running ImageJ 1 macro:
 * the recorded form {@code key=true} and ImageJ 1's bare flag both set a yes/no input, and a failing command stops
 * the macro after its one-line message.
 */
class FijiMacroRouteTest {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	@TempDir
	static Path tmp;
	private static Context context;
	private static Path model;

	@BeforeAll
	static void start() throws Exception {
		context = new Context();
		FijiMacroLine.context = context;
		model = TestImages.untrainedModel(tmp.resolve("model"), 2);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	/** Runs the macro in this JVM's ImageJ 1, in batch mode; returns what it printed. Images outlive their macro: titles must differ. */
	private static String runMacro(final String macro) {
		final PrintStream out = System.out;
		final ByteArrayOutputStream printed = new ByteArrayOutputStream();
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			IJ.runMacro("setBatchMode(true);\n" + macro.replace("MODEL", model.toString()).replace("TMP", tmp.toString()));
		} finally {
			System.setOut(out);
		}
		return printed.toString(StandardCharsets.UTF_8);
	}

	private static String line(final String command, final String options) {
		return "call(\"" + FijiMacroLine.class.getName() + ".run\", \"sauron.imagej." + command + "\", \"" + options + "\");\n";
	}

	@Test
	void theRecordedFormKeyEqualsTrueSetsAYesNoInput() {
		runMacro("newImage(\"cells\", \"32-bit ramp\", 32, 32, 1);\n" + line("SegmentImageCommand", "image=cells model_dir=[MODEL] probabilities=true"));
		assertNull(((SauronCommand) FijiMacroLine.last.getDelegateObject()).error());
		final ImagePlus probabilities = (ImagePlus) FijiMacroLine.last.getOutput("probability_map");
		assertNotNull(probabilities, "probabilities=true gave no probabilities");
		assertEquals(2, probabilities.getNChannels());
	}

	@Test
	void imageJ1sBareFlagSetsAYesNoInputToo() {
		// imagej-legacy's own parsing (Macro.getValue) finds no value for a bare key; MacroFlagsPreprocessor reads it.
		runMacro("newImage(\"cells\", \"32-bit ramp\", 32, 32, 1);\n" + line("SegmentImageCommand", "image=cells model_dir=[MODEL] probabilities"));
		assertNull(((SauronCommand) FijiMacroLine.last.getDelegateObject()).error());
		assertNotNull(FijiMacroLine.last.getOutput("probability_map"), "a bare probabilities gave no probabilities");
	}

	@Test
	void aFailedCommandStopsTheMacroWithItsOneLineMessage() throws Exception {
		final Path after = tmp.resolve("after.txt");
		final String printed = runMacro("""
				newImage("wide", "8-bit black", 20, 20, 1);
				newImage("narrow", "8-bit black", 10, 10, 1);
				""" + line("EvaluateSegmentationCommand", "prediction=wide truth=narrow classes=0") + """
				File.saveString("the macro went on", "TMP/after.txt");
				""");
		assertFalse(Files.exists(after), "the macro carried on after the failed command");
		assertTrue(FijiMacroLine.last.isCanceled(), "the command failed but was not cancelled");
		final String message = FijiMacroLine.last.getCancelReason();
		assertFalse(message == null || message.isBlank() || message.contains("\n"), message);
		assertEquals(1, Arrays.stream(printed.split("\n")).filter(l -> l.equals("Evaluate Segmentation error: " + message)).count(), printed);
	}

	@Test
	void theSameMacroWithoutTheFailureGoesOn() throws Exception {
		// The control for the test above: the same lines with images that fit, and the macro's last line runs.
		runMacro("""
				newImage("prediction", "8-bit black", 20, 20, 1);
				newImage("truth", "8-bit black", 20, 20, 1);
				""" + line("EvaluateSegmentationCommand", "prediction=prediction truth=truth classes=0") + """
				File.saveString("the macro went on", "TMP/after-success.txt");
				""");
		assertFalse(FijiMacroLine.last.isCanceled(), FijiMacroLine.last.getCancelReason());
		assertTrue(Files.exists(tmp.resolve("after-success.txt")));
	}
}

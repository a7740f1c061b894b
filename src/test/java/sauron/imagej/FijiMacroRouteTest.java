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
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.log.LogLevel;
import org.scijava.log.LogListener;
import org.scijava.log.LogService;

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

	/** What a macro run printed on stdout and the lines SciJava's LogService got as errors. */
	private record Printed(String stdout, List<String> errors) {}

	/** Runs the macro in this JVM's ImageJ 1, in batch mode. Images outlive their macro: titles must differ. */
	private static Printed runMacro(final String macro) {
		final PrintStream out = System.out;
		final ByteArrayOutputStream printed = new ByteArrayOutputStream();
		final List<String> errors = new ArrayList<>();
		final LogListener listener = message -> {
			if (message.level() == LogLevel.ERROR) errors.add(message.text());
		};
		context.service(LogService.class).addLogListener(listener);
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			IJ.runMacro("setBatchMode(true);\n" + macro.replace("MODEL", model.toString()).replace("TMP", tmp.toString()));
		} finally {
			System.setOut(out);
			context.service(LogService.class).removeLogListener(listener);
		}
		return new Printed(printed.toString(StandardCharsets.UTF_8), errors);
	}

	/** The last line's command: its error, and whether it was cancelled. */
	private static ActionHost lastCommand() {
		return (ActionHost) FijiMacroLine.last.getDelegateObject();
	}

	private static String line(final String command, final String options) {
		return "call(\"" + FijiMacroLine.class.getName() + ".run\", \"sauron.imagej." + command + "\", \"" + options + "\");\n";
	}

	@Test
	void theRecordedFormKeyEqualsTrueSetsAYesNoInput() {
		runMacro("newImage(\"cells\", \"32-bit ramp\", 32, 32, 1);\n" + line("SegmentImageCommand", "image=cells model_dir=[MODEL] probabilities=true"));
		assertNull(lastCommand().error());
		final ImagePlus probabilities = (ImagePlus) FijiMacroLine.last.getOutput("probability_map");
		assertNotNull(probabilities, "probabilities=true gave no probabilities");
		assertEquals(2, probabilities.getNChannels());
	}

	@Test
	void imageJ1sBareFlagSetsAYesNoInputToo() {
		// imagej-legacy's own parsing (Macro.getValue) finds no value for a bare key; MacroFlagsPreprocessor reads it.
		runMacro("newImage(\"cells\", \"32-bit ramp\", 32, 32, 1);\n" + line("SegmentImageCommand", "image=cells model_dir=[MODEL] probabilities"));
		assertNull(lastCommand().error());
		assertNotNull(FijiMacroLine.last.getOutput("probability_map"), "a bare probabilities gave no probabilities");
	}

	@Test
	void aFailedCommandStopsTheMacroWithItsOneLineMessage() throws Exception {
		final Path after = tmp.resolve("after.txt");
		final Printed printed = runMacro("""
				newImage("wide", "8-bit black", 20, 20, 1);
				newImage("narrow", "8-bit black", 10, 10, 1);
				""" + line("EvaluateSegmentationCommand", "prediction=wide truth=narrow classes=0") + """
				File.saveString("the macro went on", "TMP/after.txt");
				""");
		assertFalse(Files.exists(after), "the macro carried on after the failed command");
		assertTrue(lastCommand().isCanceled(), "the command failed but was not cancelled");
		final String message = lastCommand().getCancelReason();
		assertFalse(message == null || message.isBlank() || message.contains("\n"), message);
		// Headless, in a SciJava context: one error line to the LogService (stderr in Fiji), not to ImageJ 1's log too.
		assertEquals(List.of("Evaluate Segmentation error: " + message), printed.errors());
		assertFalse(printed.stdout().contains(message), printed.stdout());
	}

	@Test
	void featureMapsTakeTheLayerNamedOnTheMacroLine() {
		runMacro("newImage(\"tissue\", \"32-bit ramp\", 32, 32, 1);\n" + line("FeatureMapsCommand", "image=tissue model_dir=[MODEL] layer=enc0_0"));
		assertNull(lastCommand().error());
		final ImagePlus maps = (ImagePlus) FijiMacroLine.last.getOutput("feature_maps");
		assertEquals("tissue-enc0_0", maps.getTitle());
		assertEquals("enc0_0 filter 1", maps.getStack().getSliceLabel(1));
	}

	@Test
	void aLayerTheModelDoesNotHaveStopsTheMacroWithTheModelsLayers() {
		final Printed printed = runMacro("newImage(\"organ\", \"32-bit ramp\", 32, 32, 1);\n" + line("FeatureMapsCommand", "image=organ model_dir=[MODEL] layer=dec9_1")
				+ "File.saveString(\"the macro went on\", \"TMP/after-layer.txt\");\n");
		assertFalse(Files.exists(tmp.resolve("after-layer.txt")), "the macro carried on after the failed command");
		final String message = lastCommand().error();
		assertTrue(message.startsWith("no layer dec9_1 in " + model + "; layers: enc0_0, ") && message.endsWith(", dec0_1"), message);
		assertEquals(List.of("Feature Maps error: " + message), printed.errors());
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
		assertFalse(lastCommand().isCanceled(), lastCommand().getCancelReason());
		assertTrue(Files.exists(tmp.resolve("after-success.txt")));
	}
}

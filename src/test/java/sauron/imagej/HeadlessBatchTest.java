package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ImageJ -batch macro.ijm} without a window (as Fiji's {@code --headless -batch}): ImageJ 1 itself exits with
 * 0 whatever the macro did, so a failed Sauron command must end the run with status 1, after its one-line message,
 * before the macro's next line. ImageJ 1's own command line runs in a child JVM through ij1-patcher's headless
 * ImageJ ({@link MacroRunner} with {@value MacroRunner#BATCH}).
 */
class HeadlessBatchTest {

	@TempDir
	Path tmp;

	private MacroRunner.Outcome batch(final String macro) throws Exception {
		final Path file = tmp.resolve("batch.ijm");
		Files.writeString(file, macro.replace("AFTER", tmp.resolve("after.txt").toString()));
		final String surefire = System.getProperty("surefire.test.class.path");
		final String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
		return MacroRunner.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-opens=java.base/java.lang=ALL-UNNAMED",
				"-Djava.awt.headless=true", "-cp", classPath, MacroRunner.class.getName(), classPath, MacroRunner.BATCH, file.toString()), Path.of("target", "headless-batch-test.log"));
	}

	@Test
	void aFailedCommandEndsTheRunWithStatus1AndItsMessage() throws Exception {
		final MacroRunner.Outcome outcome = batch("""
				newImage("cells", "32-bit ramp", 32, 32, 1);
				run("Segment Image", "image=cells model_dir=[/nowhere] probabilities=maybe");
				File.saveString("the macro went on", "AFTER");
				""");
		assertEquals(1, outcome.exitCode(), outcome.log());
		assertTrue(outcome.log().lines().anyMatch(l -> l.equals("Segment Image error: probabilities=maybe: expected probabilities=true or probabilities=false")), outcome.log());
		assertFalse(Files.exists(tmp.resolve("after.txt")), "the macro carried on after the failed command");
	}

	@Test
	void aRunWhoseCommandsSucceedEndsWithStatus0() throws Exception {
		// The control: the same command line and a Sauron command that succeeds.
		final MacroRunner.Outcome outcome = batch("""
				newImage("prediction", "8-bit black", 20, 20, 1);
				newImage("truth", "8-bit black", 20, 20, 1);
				run("Evaluate Segmentation", "prediction=prediction truth=truth classes=0");
				File.saveString("the macro went on", "AFTER");
				""");
		assertEquals(0, outcome.exitCode(), outcome.log());
		assertTrue(Files.exists(tmp.resolve("after.txt")));
	}
}

package sauron.cli;

import static sauron.cli.TrainedModels.image2d;
import static sauron.cli.TrainedModels.labels2d;
import static sauron.cli.TrainedModels.model2d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sauron.cli.Cli.run;
import static sauron.cli.Cli.segment;
import static sauron.cli.Cli.train;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.cli.Cli.Result;

/**
 * Usage errors of the command line (exit 2): one line and a pointer to --help, never a page of usage; and help
 * that lists every option.
 */
class UsageCliTest {

	@TempDir
	Path dir;

	@Test
	void everythingACommandPrintsReachesTheStreamWhenItEnds() {
		// As main() does: autoflush on println/printf only, so a print() stays in the writer's buffer.
		final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		final PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(bytes, java.nio.charset.StandardCharsets.UTF_8), true);
		assertEquals(0, SauronCli.execute(new String[] { "info", "-m", model2d().toString() }, out, new PrintWriter(new StringWriter())));
		assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).contains("parameters"), "info printed nothing");
	}

	@Test
	void helpOfEveryCommandExitsZeroAndListsItsOptions() {
		assertHelp(run("--help"), "Usage: sauron", "train", "segment", "evaluate", "info");
		assertHelp(run("train", "--help"), "Usage: sauron train", "--image", "--labels", "--data", "--model", "--patch", "--levels", "--epochs", "--lambda");
		assertHelp(run("segment", "--help"), "Usage: sauron segment", "--model", "--image", "--output", "--input-dir", "--output-dir", "--probabilities", "--tile", "--overlap");
		assertHelp(run("evaluate", "--help"), "Usage: sauron evaluate", "--prediction", "--truth", "--classes");
		assertHelp(run("info", "--help"), "Usage: sauron info", "--model");
	}

	private static void assertHelp(final Result r, final String... expected) {
		assertEquals(0, r.exit(), r.toString());
		for (final String e : expected) assertTrue(r.out().contains(e), e + " in\n" + r.out());
	}

	@Test
	void anUnknownOptionIsAOneLineUsageErrorWithAPointerToHelp() {
		final Result r = run("segment", "-m", model2d().toString(), "--bogus");
		assertEquals(2, r.exit(), r.toString());
		assertTrue(r.err().startsWith("error: Unknown option: '--bogus'"), r.err());
		assertTrue(r.err().contains("Try 'sauron segment --help' for the options."), r.err());
		assertFalse(r.err().contains("Usage:"), "no usage text to bury the error in:\n" + r.err());
		assertTrue(r.err().lines().count() <= 3, r.err());
	}

	/** 3D training has one form now (the segmented backward pass); the option that chose among the old ones is gone. */
	@Test
	void theRemovedConvOptionIsAUsageError() {
		final Path model = dir.resolve("m");
		final Result r = run("train", "-i", image2d().toString(), "-l", labels2d().toString(), "-m", model.toString(), "--conv", "SEGMENTED");
		assertEquals(2, r.exit(), r.toString());
		assertTrue(r.err().startsWith("error: Unknown options: '--conv', 'SEGMENTED'"), r.err());
		assertFalse(java.nio.file.Files.exists(model), "nothing trained");
		assertFalse(run("train", "--help").out().contains("--conv"), "no --conv in the help");
	}

	@Test
	void aMissingRequiredOptionIsAUsageError() {
		final Result r = run("info");
		assertEquals(2, r.exit(), r.toString());
		assertTrue(r.err().contains("Missing required option: '--model=DIR'"), r.err());
	}

	@Test
	void aPatchThatIsNotASizeIsAUsageError() {
		final Result r = run("train", "-i", image2d().toString(), "-l", labels2d().toString(), "-m", dir.resolve("m").toString(), "--patch", "16xq");
		assertEquals(2, r.exit(), r.toString());
		assertTrue(r.err().contains("'16xq' is not a size like 64x64x32"), r.err());
	}
}

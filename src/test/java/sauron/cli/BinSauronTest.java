package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import sauron.io.ImageFiles;

/**
 * bin/sauron as a user runs it, from a folder of their own (issue 13, item 2): relative paths on its command line
 * are the caller's, inputs are found there and outputs land there, not in the checkout.
 * <p>
 * The script compiles only when target/classpath.txt is missing or older than the sources. After Maven's own
 * compile (as under {@code mvn test}) that is one quick Maven call that finds every class up to date, so a fresh
 * clone pays it once (about 10-30 s) and a later run none.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class BinSauronTest {

	/** Surefire runs in the checkout. */
	private static final Path ROOT = Path.of("").toAbsolutePath();
	private static final long TIMEOUT_S = 240;

	@TempDir
	Path work;
	@TempDir
	Path logs;

	@Test
	void relativePathsAreResolvedInTheCallersFolder() throws Exception {
		Assumptions.assumeTrue(Files.isRegularFile(ROOT.resolve("target/classpath.txt")) || onPath("mvn"),
				"bin/sauron needs Maven to write target/classpath.txt once");
		CliFiles.untrainedModel2d(work.resolve("model"));
		CliFiles.writeImage(work.resolve("scan.nii.gz"), CliFiles.disc(new int[] { 32, 32 }, new double[] { 1, 1 }, 1));
		CliFiles.writeLabels(work.resolve("mask.nii.gz"), CliFiles.discLabels(new int[] { 32, 32 }, new double[] { 1, 1 }));
		final String folder = "bin-sauron-test-labels"; // a name the checkout does not have

		final Script segment = sauron("segment", "-m", "model", "-i", "scan.nii.gz", "-o", folder + "/scan.nii.gz");
		assertEquals(0, segment.exit, segment::toString);
		assertArrayEquals(new int[] { 32, 32 }, ImageFiles.readLabels(work.resolve(folder + "/scan.nii.gz")).shape());
		assertFalse(Files.exists(ROOT.resolve(folder)), "nothing written into the checkout");

		final Script evaluate = sauron("evaluate", "-p", folder + "/scan.nii.gz", "-t", "mask.nii.gz");
		assertEquals(0, evaluate.exit, evaluate::toString);
		assertTrue(evaluate.out.contains("Dice"), evaluate::toString);

		// The refusal of an output at an input's path works on relative paths too, and says so in one line.
		final byte[] scan = Files.readAllBytes(work.resolve("scan.nii.gz"));
		final Script same = sauron("segment", "-m", "model", "-i", "scan.nii.gz", "-o", "./scan.nii.gz");
		assertEquals(1, same.exit, same::toString);
		assertTrue(same.err.lines().anyMatch(l -> l.startsWith("error: --output ./scan.nii.gz is the input --image scan.nii.gz")), same::toString);
		assertArrayEquals(scan, Files.readAllBytes(work.resolve("scan.nii.gz")));

		// A bad image is read before TensorFlow starts: its error is the first line on stderr, before any of
		// TensorFlow's start-up log lines (issue 13, item 11).
		Files.write(work.resolve("bad.nii.gz"), "not an image".getBytes(StandardCharsets.US_ASCII));
		for (final String[] command : List.of(new String[] { "segment", "-m", "model", "-i", "bad.nii.gz", "-o", "bad-labels.nii.gz" },
				new String[] { "features", "-m", "model", "-i", "bad.nii.gz", "-o", "bad-maps.nii.gz" },
				new String[] { "prune", "-m", "model", "-i", "bad.nii.gz", "-o", "bad-model" })) {
			final Script bad = sauron(command);
			assertEquals(1, bad.exit, bad::toString);
			assertTrue(bad.err.startsWith("error: bad.nii.gz"), command[0] + ": the error comes first\n" + bad);
		}
	}

	/** What the script printed and returned. */
	private record Script(int exit, String out, String err) {
		@Override
		public String toString() {
			return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
		}
	}

	private Script sauron(final String... args) throws IOException, InterruptedException {
		final List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/sauron").toString()));
		command.addAll(List.of(args));
		final Path out = Files.createTempFile(logs, "out", ".txt"), err = Files.createTempFile(logs, "err", ".txt");
		final ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
		builder.environment().put("SAURON_JAVA_OPTS", "-Xmx1g");
		final Process p = builder.start();
		if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
			p.destroyForcibly().waitFor();
			throw new AssertionError("bin/sauron " + String.join(" ", args) + " still running after " + TIMEOUT_S + " s:\n" + Files.readString(err));
		}
		return new Script(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
	}

	private static boolean onPath(final String program) {
		for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			if (Files.isExecutable(Path.of(dir, program))) return true;
		return false;
	}
}

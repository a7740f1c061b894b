package sauron.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sauron.cohort.CohortTestData.names;
import static sauron.cli.Cli.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.cli.Cli.Result;

/**
 * Issue 12: a cohort job killed (SIGKILL) while a task writes its labels leaves no labels under the real name, only
 * a hidden temporary file, and the next run removes that and completes the image. Also the one test that lets the
 * job start and stop its own Spark (local[1]), as the command line does.
 */
class CohortKillTest {

	@TempDir
	Path tmp;

	@Test
	void aJobKilledBetweenTheWriteAndTheRenameLeavesNoPartialLabelsAndTheRerunCompletesThem() throws Exception {
		final Path model = CohortTestData.tinyModel(tmp.resolve("model"));
		final Path in = Files.createDirectories(tmp.resolve("in")), out = tmp.resolve("out");
		CohortTestData.cohort(in, Files.createDirectories(tmp.resolve("truth")), "a.nii.gz");
		final Path childErr = tmp.resolve("child-stderr.txt");
		final Process child = segmentInChild(model, in, out, childErr);
		try {
			assertEquals("AT a.nii.gz", awaitLine(child, "AT "), () -> "the child's standard error:\n" + read(childErr));
		} finally {
			child.destroyForcibly(); // SIGKILL where there are signals
			assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child died");
		}
		final List<String> left = names(out);
		assertEquals(1, left.size(), left::toString);
		assertTrue(left.get(0).startsWith(".a.nii.gz.") && left.get(0).endsWith(AtomicUpload.SUFFIX), "only the hidden temporary file: " + left);

		final Result rerun = run("cohort", "segment", "-m", model.toString(), "--input", in.toString(), "--output", out.toString(), "--master", "local[1]");
		assertEquals(0, rerun.exit(), rerun::toString);
		assertTrue(rerun.out().contains("removed 1 partial file(s) that an interrupted run left in " + out), rerun::toString);
		assertTrue(rerun.out().contains("cohort segment: 1 image: 1 done, 0 failed;"), rerun::toString);
		assertEquals(List.of("a.nii.gz", ResultTable.NAME + ".csv", ResultTable.NAME + ".parquet"), names(out));
		final Result reference = run("segment", "-m", model.toString(), "-i", in.resolve("a.nii.gz").toString(), "-o", tmp.resolve("reference.nii.gz").toString());
		assertEquals(0, reference.exit(), reference::toString);
		assertEquals(-1L, Files.mismatch(tmp.resolve("reference.nii.gz"), out.resolve("a.nii.gz")));
	}

	private static Process segmentInChild(final Path model, final Path in, final Path out, final Path err) throws IOException {
		final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		final ProcessBuilder b = new ProcessBuilder(java, "@" + Path.of("bin", "spark-java-options").toAbsolutePath(), "-Xmx1g", "-cp",
				System.getProperty("java.class.path"), SegmentUntilRename.class.getName(), model.toString(), in.toString(), out.toString())
				.redirectError(err.toFile());
		b.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
		return b.start();
	}

	/** The child's first line that starts with {@code prefix}; waits at most three minutes (Spark and TensorFlow start slowly on a busy machine). */
	private static String awaitLine(final Process child, final String prefix) throws Exception {
		final BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		final CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
			try {
				for (String l = out.readLine(); l != null; l = out.readLine())
					if (l.startsWith(prefix)) return l;
				return null;
			} catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
		});
		return line.get(180, TimeUnit.SECONDS);
	}

	private static String read(final Path file) {
		try {
			return Files.readString(file);
		} catch (final IOException e) {
			return e.toString();
		}
	}
}

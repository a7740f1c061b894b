package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 5: Spark is not part of the engine's runtime (the update site's lib/sauron/, which the Fiji commands
 * run): on exactly that class path the command line still starts, and `cohort` says in one line what it needs.
 */
class CohortWithoutSparkTest {

	record Run(int exit, String out, String err) {}

	@Test
	void onTheEnginesRuntimeTheCommandLineStartsAndCohortSaysItNeedsSpark() throws Exception {
		final Run help = runOnEngineRuntime("cohort", "--help");
		assertEquals(0, help.exit(), help::toString);
		assertTrue(help.out().contains("segment") && help.out().contains("evaluate"), help::toString);
		final Run segment = runOnEngineRuntime("cohort", "segment", "-m", "model", "--input", "in", "--output", "out");
		assertEquals(1, segment.exit(), segment::toString);
		assertEquals(List.of("error: sauron cohort needs Apache Spark 4 on the class path, which the Fiji update site does not carry;"
				+ " run it with bin/sauron from a checkout, or submit the cohort jar with spark-submit (README: Cohorts on Spark)"), segment.err().lines().toList());
		final Run version = runOnEngineRuntime("--version");
		assertEquals(0, version.exit(), version::toString);
	}

	/** The command line in a child JVM whose class path is ours and the runtime jars bin/make-update-site ships, nothing else. */
	private static Run runOnEngineRuntime(final String... args) throws IOException, InterruptedException {
		final List<String> classPath = new ArrayList<>(List.of(Path.of("target", "classes").toString()));
		try (Stream<Path> jars = Files.list(Path.of("target", "engine-runtime"))) {
			jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classPath.add(p.toString()));
		}
		assertTrue(classPath.stream().noneMatch(p -> p.contains("spark")), classPath::toString);
		final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				String.join(File.pathSeparator, classPath), SauronCli.class.getName()));
		command.addAll(List.of(args));
		final Process p = new ProcessBuilder(command).start();
		final byte[] out = p.getInputStream().readAllBytes(), err = p.getErrorStream().readAllBytes();
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
	}
}

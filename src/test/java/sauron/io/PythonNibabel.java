package sauron.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs Python snippets with nibabel (Debian: python3-nibabel python3-numpy). Without it a test is
 * skipped locally but fails when CI=true, so CI can never silently skip the cross-check.
 */
public final class PythonNibabel {

	/** Tried in order; the Debian interpreter comes last because a pyenv python3 may shadow it. */
	private static final String[] CANDIDATES = { System.getenv("SAURON_PYTHON"), "python3", "/usr/bin/python3" };

	private static String python;
	private static boolean searched;

	private PythonNibabel() {}

	/** A python executable that imports nibabel and numpy; skips or fails the test when there is none. */
	public static synchronized String require() {
		if (!searched) {
			searched = true;
			for (final String candidate : CANDIDATES) {
				if (candidate == null || candidate.isEmpty()) continue;
				try {
					if (run(candidate, "import nibabel, numpy").exitCode == 0) {
						python = candidate;
						break;
					}
				}
				catch (final IOException notThere) {
					// try the next one
				}
			}
		}
		if (python == null) {
			final String why = "python3 with nibabel and numpy not found (apt-get install python3-nibabel python3-numpy)";
			if ("true".equals(System.getenv("CI"))) fail(why + "; CI=true, so this cross-check must run");
			Assumptions.assumeTrue(false, why);
		}
		return python;
	}

	public static final class Result {
		public final int exitCode;
		public final String output;

		Result(final int exitCode, final String output) {
			this.exitCode = exitCode;
			this.output = output;
		}
	}

	/** Runs {@code python -c script args...} (at most a minute) and returns its exit code and merged output. */
	public static Result run(final String python, final String script, final String... args) throws IOException {
		return run(python, Duration.ofSeconds(60), script, args);
	}

	/** As {@link #run(String, String, String...)}; a script still running after {@code timeout} is ended and an IOException. */
	static Result run(final String python, final Duration timeout, final String script, final String... args) throws IOException {
		final List<String> command = new ArrayList<>(List.of(python, "-c", script));
		command.addAll(List.of(args));
		final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			final ChildOutput.Ended ended = ChildOutput.await(p, timeout);
			return new Result(ended.exitCode(), ended.output());
		}
		catch (final InterruptedException e) {
			p.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", e);
		}
	}
}

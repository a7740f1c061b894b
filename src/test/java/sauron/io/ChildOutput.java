package sauron.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process's merged output, read on a thread of its own, so that the caller's clock starts before the
 * reading: a child that hangs without closing its output is ended at the deadline instead of blocking the read
 * (and the build) for ever.
 */
public final class ChildOutput {

	private ChildOutput() {}

	/** What a finished child printed and its exit code. */
	public record Ended(int exitCode, String output) {}

	/**
	 * Waits at most {@code timeout} for {@code p} (started with its error stream merged into its output).
	 *
	 * @throws IOException naming the timeout and holding what the child printed, after ending it
	 */
	public static Ended await(final Process p, final Duration timeout) throws IOException, InterruptedException {
		final CompletableFuture<String> output = new CompletableFuture<>();
		final Thread reader = new Thread(() -> {
			try (InputStream in = p.getInputStream()) {
				output.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			} catch (final IOException e) {
				output.complete("(output unreadable: " + e + ")");
			}
		}, "child-output");
		reader.setDaemon(true);
		reader.start();
		try {
			if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				final String command = p.info().command().orElse("the child");
				p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // its end closes the output: the reader gets what it printed
				String printed;
				try {
					printed = output.get(10, TimeUnit.SECONDS);
				} catch (final ExecutionException | TimeoutException e) {
					printed = "(unknown)";
				}
				throw new IOException(command + " did not end within " + timeout.toSeconds() + " s and was ended; it printed:\n" + printed);
			}
			return new Ended(p.exitValue(), output.get(30, TimeUnit.SECONDS));
		} catch (final ExecutionException | TimeoutException e) {
			throw new IOException("the child ended but its output did not", e);
		} finally {
			if (p.isAlive()) p.destroyForcibly();
		}
	}
}

package sauron.cohort;

import java.io.PrintWriter;

import sauron.cli.SauronCli;

/**
 * A child JVM for {@link CohortKillTest}: runs {@code sauron cohort segment -m MODEL --input IN --output OUT
 * --master local[1]} and, in the first upload, between the write of the temporary file and its rename, says
 * "AT <name>" on standard output and waits to be killed.
 */
public final class SegmentUntilRename {

	public static void main(final String[] args) {
		AtomicUpload.hook = (temporary, target) -> {
			System.out.println("AT " + target.getName());
			System.out.flush();
			try {
				Thread.sleep(Long.MAX_VALUE);
			} catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		};
		System.exit(SauronCli.execute(new String[] { "cohort", "segment", "-m", args[0], "--input", args[1], "--output", args[2], "--master", "local[1]" },
				new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
	}
}

package sauron.cli;

import java.io.PrintWriter;

/**
 * The main class for spark-submit: {@code spark-submit --class sauron.cli.CohortMain <jar> segment -m ...} runs
 * {@code sauron cohort segment -m ...}. Unlike {@link SauronCli#main} it returns after a successful job instead of
 * calling System.exit, which YARN's cluster mode would record as a failed application.
 */
public final class CohortMain {

	private CohortMain() {}

	public static void main(final String[] args) {
		final String[] cohort = new String[args.length + 1];
		cohort[0] = "cohort";
		System.arraycopy(args, 0, cohort, 1, args.length);
		final int exit = SauronCli.execute(cohort, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
		if (exit != 0) System.exit(exit);
	}
}

package sauron.cohort;

import java.util.List;
import java.util.Locale;

/** The line a cohort job ends with: images done, skipped and failed, the mean Dice per class, time and where the table is. */
final class CohortSummary {

	private CohortSummary() {}

	/** "1 image", "2 images". */
	static String count(final int n, final String what) {
		return n + " " + what + (n == 1 ? "" : "s");
	}

	/** @param what "image" or "prediction" */
	static String line(final String job, final String what, final List<CohortResult> results, final double seconds, final List<String> tables) {
		int done = 0, skipped = 0, failed = 0, classes = 0;
		for (final CohortResult r : results) {
			switch (r.status()) {
				case DONE -> done++;
				case SKIPPED -> skipped++;
				case FAILED -> failed++;
			}
			classes = Math.max(classes, r.dice().length);
		}
		final StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s: %s: %d done, ", job, count(results.size(), what), done));
		if (skipped > 0) b.append(skipped).append(" skipped (output existed), ");
		b.append(failed).append(" failed");
		for (int c = 0; c < classes; c++) {
			double sum = 0;
			int n = 0;
			for (final CohortResult r : results)
				if (c < r.dice().length) {
					sum += r.dice()[c];
					n++;
				}
			b.append(c == 0 ? "; mean Dice " : ", ").append(String.format(Locale.ROOT, "%.4f (class %d, %s)", sum / n, c + 1, count(n, "image")));
		}
		b.append(String.format(Locale.ROOT, "; %.1f s; table: %s", seconds, String.join(" and ", tables)));
		return b.toString();
	}
}

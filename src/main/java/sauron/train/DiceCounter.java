package sauron.train;

/**
 * Accumulates per-class true positives, false positives and false negatives of argmax predictions over
 * batches, for the validation Dice reported each epoch.
 */
final class DiceCounter {

	private final int classes;
	private final long[] tp, fp, fn;

	DiceCounter(final int classes) {
		this.classes = classes;
		tp = new long[classes];
		fp = new long[classes];
		fn = new long[classes];
	}

	/** @param probabilities channels-last, {@code classes} values per voxel */
	void add(final float[] probabilities, final byte[] labels) {
		for (int v = 0; v < labels.length; v++) {
			int best = 0;
			for (int c = 1; c < classes; c++) if (probabilities[v * classes + c] > probabilities[v * classes + best]) best = c;
			final int truth = labels[v] & 0xff;
			if (best == truth) tp[truth]++;
			else {
				fp[best]++;
				fn[truth]++;
			}
		}
	}

	/** Mean Dice over the foreground classes seen in truth or prediction; NaN when none was. */
	double meanForegroundDice() {
		double sum = 0;
		int n = 0;
		for (int c = 1; c < classes; c++) {
			final long denominator = 2 * tp[c] + fp[c] + fn[c];
			if (denominator == 0) continue;
			sum += 2.0 * tp[c] / denominator;
			n++;
		}
		return n == 0 ? Double.NaN : sum / n;
	}
}

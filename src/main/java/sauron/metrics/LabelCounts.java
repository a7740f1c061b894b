package sauron.metrics;

import sauron.data.LabelVolume;

/** Per label: voxels in the prediction, in the truth, and in both. One pass over the two volumes. */
final class LabelCounts {

	final long[] predicted = new long[256];
	final long[] truth = new long[256];
	final long[] overlap = new long[256];

	LabelCounts(final LabelVolume prediction, final LabelVolume truth) {
		final byte[] p = prediction.labels(), t = truth.labels();
		for (int i = 0; i < p.length; i++) {
			final int lp = p[i] & 0xff, lt = t[i] & 0xff;
			predicted[lp]++;
			this.truth[lt]++;
			if (lp == lt) overlap[lp]++;
		}
	}
}

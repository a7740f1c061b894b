package sauron.metrics;

import sauron.data.LabelVolume;

/** The Dice coefficient 2 |P ∩ T| / (|P| + |T|). */
public final class Dice {

	private Dice() {}

	/** Dice from voxel counts; 1 when both masks are empty (they agree perfectly; nnU-Net reports NaN). */
	public static double fromCounts(final long overlap, final long predicted, final long truth) {
		if (overlap < 0 || overlap > Math.min(predicted, truth))
			throw new IllegalArgumentException("overlap " + overlap + " must be within 0.." + Math.min(predicted, truth));
		return predicted + truth == 0 ? 1 : 2.0 * overlap / (predicted + truth);
	}

	/** Dice of every label 0..classes-1 (index = label), background included. */
	public static double[] perClass(final LabelVolume prediction, final LabelVolume truth, final int classes) {
		SameGrid.require(prediction, truth);
		SegmentationMetrics.requireClasses(classes);
		final LabelCounts counts = new LabelCounts(prediction, truth);
		final double[] dice = new double[classes];
		for (int c = 0; c < classes; c++) dice[c] = fromCounts(counts.overlap[c], counts.predicted[c], counts.truth[c]);
		return dice;
	}
}

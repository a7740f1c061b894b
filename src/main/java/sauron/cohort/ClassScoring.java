package sauron.cohort;

import java.util.List;

import sauron.data.LabelVolume;
import sauron.metrics.ClassScores;
import sauron.metrics.SegmentationMetrics;

/** Dice and HD95 per foreground class of one prediction against its truth, as `sauron evaluate` computes them. */
final class ClassScoring {

	final double[] dice, hd95;

	/**
	 * @param classes classes including background, or 0 for the largest label in either + 1 (at least 2), as `sauron evaluate` counts
	 */
	ClassScoring(final LabelVolume prediction, final String predictionName, final LabelVolume truth, final String truthName, final int classes) {
		final int n = classes > 0 ? classes : Math.max(2, Math.max(prediction.maxLabel(), truth.maxLabel()) + 1);
		final List<ClassScores> scores;
		try {
			scores = SegmentationMetrics.evaluate(prediction, truth, n);
		} catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("cannot compare " + predictionName + " with truth " + truthName + ": " + e.getMessage(), e);
		}
		dice = new double[scores.size()];
		hd95 = new double[scores.size()];
		for (int i = 0; i < dice.length; i++) {
			dice[i] = scores.get(i).dice();
			hd95[i] = scores.get(i).hd95();
		}
	}
}

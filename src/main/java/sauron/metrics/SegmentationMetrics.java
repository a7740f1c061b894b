package sauron.metrics;

import java.util.ArrayList;
import java.util.List;

import sauron.data.LabelVolume;

/**
 * Scores a predicted label volume against the truth per class: Dice, HD95, Hausdorff distance,
 * average surface distance and volumes (see {@link ClassScores} for units and empty-class values).
 * Labels at or above {@code classes} are not scored.
 */
public final class SegmentationMetrics {

	private SegmentationMetrics() {}

	/** Scores of the foreground classes 1..classes-1. */
	public static List<ClassScores> evaluate(final LabelVolume prediction, final LabelVolume truth, final int classes) {
		return evaluate(prediction, truth, classes, false);
	}

	/**
	 * Scores of classes 0..classes-1 or 1..classes-1.
	 *
	 * @throws IllegalArgumentException when shapes differ, voxel sizes differ by more than 1e-6 relative, a label is >= classes,
	 *         or classes is not within 1..256
	 */
	public static List<ClassScores> evaluate(final LabelVolume prediction, final LabelVolume truth, final int classes,
			final boolean includeBackground) {
		SameGrid.require(prediction, truth);
		requireClasses(classes);
		// A label the counts have no slot for would be dropped from every score without a word.
		requireLabelsBelow(prediction, classes, "the prediction");
		requireLabelsBelow(truth, classes, "the truth");
		final LabelCounts counts = new LabelCounts(prediction, truth);
		double voxelVolume = 1;
		for (final double s : truth.voxelSize()) voxelVolume *= s;
		final List<ClassScores> scores = new ArrayList<>();
		for (int c = includeBackground ? 0 : 1; c < classes; c++) {
			final SurfaceDistances surface = SurfaceDistances.between(prediction, truth, c);
			scores.add(new ClassScores(c,
					Dice.fromCounts(counts.overlap[c], counts.predicted[c], counts.truth[c]),
					surface.hd95(), surface.hausdorff(), surface.averageSymmetric(),
					counts.truth[c], counts.predicted[c],
					counts.truth[c] * voxelVolume, counts.predicted[c] * voxelVolume));
		}
		return scores;
	}

	static void requireClasses(final int classes) {
		if (classes < 1 || classes > 256)
			throw new IllegalArgumentException("classes must be within 1..256 (byte labels), got " + classes);
	}

	private static void requireLabelsBelow(final LabelVolume labels, final int classes, final String which) {
		final int max = labels.maxLabel();
		if (max >= classes)
			throw new IllegalArgumentException(which + " holds label " + max + ", but " + classes + " classes allow only 0.."
					+ (classes - 1) + " (give more classes, or leave the count out to use the largest label + 1)");
	}
}

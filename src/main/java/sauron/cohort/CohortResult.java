package sauron.cohort;

import java.io.Serializable;

/**
 * What became of one image: one row of the results table.
 *
 * @param input the image (segment) or the prediction (evaluate)
 * @param output the label image written (segment), or null
 * @param truth the truth it was scored against, or null
 * @param error why it failed, in one line; null unless failed
 * @param seconds this image's wall time in its task (read, segment, write, score; the first image on an executor
 *        also loads the model)
 * @param voxels voxels of the image, or -1 when it was not read (failed, or skipped without scoring)
 * @param dice per foreground class (index 0 = class 1), empty without a truth
 * @param hd95 likewise, in the images' units (mm for NIfTI); +Infinity where a class is in only one of the two
 */
record CohortResult(String input, String output, String truth, Status status, String error, double seconds, long voxels, double[] dice,
		double[] hd95) implements Serializable {

	enum Status {
		/** segmented (and scored) or scored in this run */
		DONE,
		/** its output existed: left alone (and scored again with a truth) */
		SKIPPED,
		/** see the error */
		FAILED;

		String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	static final double[] NONE = {};

	static CohortResult failed(final String input, final String output, final String truth, final double seconds, final String error) {
		return new CohortResult(input, output, truth, Status.FAILED, error, seconds, -1, NONE, NONE);
	}
}

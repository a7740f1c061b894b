package sauron.cohort;

import java.io.Serializable;

/**
 * One record of a cohort job, as the driver planned it: qualified Hadoop paths.
 *
 * @param input the image to segment, or the prediction to score
 * @param output where its labels go (segment), or null (evaluate)
 * @param truth the truth to score against, or null
 */
record CohortImage(String input, String output, String truth) implements Serializable {

	String name() {
		return CohortInputs.name(input);
	}
}

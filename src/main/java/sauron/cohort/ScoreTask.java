package sauron.cohort;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.Function;

import sauron.data.LabelVolume;
import sauron.io.ErrorMessages;
import sauron.io.ImageFiles;

/** Scores one prediction against its truth on an executor, as `sauron evaluate` does; a bad file fails its own record only. */
final class ScoreTask implements Function<CohortImage, CohortResult> {

	private static final long serialVersionUID = 1L;

	private final HadoopSettings hadoop;
	private final int classes;

	/** @param classes classes including background, or 0 to count them per image as `sauron evaluate` does */
	ScoreTask(final HadoopSettings hadoop, final int classes) {
		this.hadoop = hadoop;
		this.classes = classes;
	}

	@Override
	public CohortResult call(final CohortImage image) {
		final long start = System.nanoTime();
		final Configuration conf = hadoop.configuration();
		try (LocalFiles files = new LocalFiles()) {
			final LabelVolume prediction = ImageFiles.readLabels(files.local(image.input(), conf));
			final ClassScoring scores = SegmentTask.score(prediction, image.input(), image, classes, files, conf);
			return SegmentTask.result(image, CohortResult.Status.DONE, start, prediction.voxels(), scores);
		} catch (final Exception | OutOfMemoryError e) {
			return CohortResult.failed(image.input(), null, image.truth(), SegmentTask.seconds(start), ErrorMessages.of(e));
		}
	}
}

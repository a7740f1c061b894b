package sauron.cohort;

import java.io.UncheckedIOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.io.ErrorMessages;
import sauron.io.ImageFiles;
import sauron.segment.ModelSegmenter;

/**
 * Segments one image on an executor, as `sauron segment` does, and scores it when a truth is given. Never throws:
 * a bad image (corrupt, wrong dimensionality or channel count, no such file) fails its own record only. An image
 * whose output exists is skipped (a rerun resumes where a crashed one stopped); with a truth that output is scored
 * again, so the table of a resumed run is complete.
 */
final class SegmentTask implements Function<CohortImage, CohortResult> {

	private static final long serialVersionUID = 1L;

	private final String modelHash;
	private final Broadcast<ModelArchive> model;
	private final HadoopSettings hadoop;
	private final int classes;

	/** @param classes the model's classes, background included: every row, segmented now or before, is scored on them */
	SegmentTask(final String modelHash, final Broadcast<ModelArchive> model, final HadoopSettings hadoop, final int classes) {
		this.modelHash = modelHash;
		this.model = model;
		this.hadoop = hadoop;
		this.classes = classes;
	}

	@Override
	public CohortResult call(final CohortImage image) {
		final long start = System.nanoTime();
		final Configuration conf = hadoop.configuration();
		try (LocalFiles files = new LocalFiles()) {
			final Path output = new Path(image.output());
			if (HadoopFiles.of(output, conf).exists(output)) {
				if (image.truth() == null) return result(image, CohortResult.Status.SKIPPED, start, -1, null);
				final LabelVolume labels = ImageFiles.readLabels(files.local(image.output(), conf));
				return result(image, CohortResult.Status.SKIPPED, start, labels.voxels(), score(image, labels, files, conf));
			}
			final Volume volume = ImageFiles.readImage(files.local(image.input(), conf));
			final ModelSegmenter segmenter = ExecutorModels.segmenter(modelHash, model::value);
			final LabelVolume labels = segmenter.segment(volume, image.name()).labels();
			final java.nio.file.Path written = files.scratch(output.getName());
			ImageFiles.writeLabels(labels, written);
			AtomicUpload.put(written, output, conf);
			final ClassScoring scores = image.truth() == null ? null : score(image, labels, files, conf);
			return result(image, CohortResult.Status.DONE, start, volume.voxels(), scores);
		} catch (final Exception | OutOfMemoryError e) {
			// One bad image must not cost the cohort the others: its row says why.
			final Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
			return CohortResult.failed(image.input(), image.output(), image.truth(), seconds(start), ErrorMessages.of(cause));
		}
	}

	private ClassScoring score(final CohortImage image, final LabelVolume labels, final LocalFiles files, final Configuration conf) throws java.io.IOException {
		return score(labels, image.output(), image, classes, files, conf);
	}

	/** The labels (read from {@code labelsPath}) against the image's truth, read here; ScoreTask's rows too. */
	static ClassScoring score(final LabelVolume labels, final String labelsPath, final CohortImage image, final int classes, final LocalFiles files,
			final Configuration conf) throws java.io.IOException {
		final LabelVolume truth = ImageFiles.readLabels(files.local(image.truth(), conf));
		return new ClassScoring(labels, labelsPath, truth, image.truth(), classes);
	}

	static CohortResult result(final CohortImage image, final CohortResult.Status status, final long start, final long voxels, final ClassScoring scores) {
		return new CohortResult(image.input(), image.output(), image.truth(), status, null, seconds(start), voxels,
				scores == null ? CohortResult.NONE : scores.dice, scores == null ? CohortResult.NONE : scores.hd95);
	}

	static double seconds(final long start) {
		return (System.nanoTime() - start) / 1e9;
	}
}

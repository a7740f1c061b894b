package sauron.train;

import java.util.List;

import sauron.data.TrainingPair;
import sauron.net.InferenceGraph;
import sauron.net.Topology;
import sauron.net.Weights;
import sauron.segment.Segmentation;
import sauron.segment.SlidingWindowSegmenter;

/**
 * Scores the network on the held-out validation volumes the way it will be used: sliding-window
 * segmentation of each whole volume (tiles shrink to thin validation blocks instead of being mostly
 * padding), then the full-resolution CE + soft Dice loss and the mean foreground Dice of the argmax.
 */
final class Validator {

	/** Validation loss and mean foreground Dice; NaN for both without validation data. */
	record Scores(double loss, double dice) {
		static final Scores NONE = new Scores(Double.NaN, Double.NaN);
	}

	private static final double LOG_FLOOR = 1e-7;

	private final List<TrainingPair> pairs;
	private final SlidingWindowSegmenter window;
	private final int classes;

	/** @param pairs normalised validation volumes */
	Validator(final List<TrainingPair> pairs, final int[] tileShape, final int batchSize, final int classes) {
		this.pairs = pairs;
		this.window = new SlidingWindowSegmenter(tileShape).withBatchSize(batchSize);
		this.classes = classes;
	}

	/** Reads the graph's weights only when there is something to validate: fetching them costs a full copy. */
	Scores score(final TrainingGraph graph) {
		if (pairs.isEmpty()) return Scores.NONE;
		final Topology topology = graph.topology();
		final Weights weights = graph.weights();
		final DiceCounter dice = new DiceCounter(classes);
		double loss = 0;
		try (InferenceGraph net = new InferenceGraph(topology, weights)) {
			for (final TrainingPair pair : pairs) {
				final Segmentation s = window.segment(pair.image(), net);
				final float[] p = s.probabilities().data();
				final byte[] labels = pair.labels().labels();
				dice.add(p, labels);
				loss += crossEntropy(p, labels) + softDiceLoss(p, labels);
			}
		}
		return new Scores(loss / pairs.size(), dice.meanForegroundDice());
	}

	private double crossEntropy(final float[] p, final byte[] labels) {
		double sum = 0;
		for (int v = 0; v < labels.length; v++) sum -= Math.log(Math.max(p[v * classes + (labels[v] & 0xff)], LOG_FLOOR));
		return sum / labels.length;
	}

	/** As in the training loss: 1 - mean over classes (background included) of 2 sum(p y) / (sum p + sum y + eps). */
	private double softDiceLoss(final float[] p, final byte[] labels) {
		final double[] intersection = new double[classes], sizes = new double[classes];
		for (int v = 0; v < labels.length; v++) {
			final int y = labels[v] & 0xff;
			for (int c = 0; c < classes; c++) sizes[c] += p[v * classes + c];
			intersection[y] += p[v * classes + y];
			sizes[y] += 1;
		}
		double mean = 0;
		for (int c = 0; c < classes; c++) mean += 2 * intersection[c] / (sizes[c] + SegmentationLoss.DICE_EPS);
		return 1 - mean / classes;
	}
}

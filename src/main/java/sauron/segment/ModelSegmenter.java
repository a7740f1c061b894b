package sauron.segment;

import java.util.Arrays;
import java.util.function.Consumer;

import sauron.data.Shapes;
import sauron.data.Volume;
import sauron.data.ZScoreNormalisation;
import sauron.model.ModelMetadata;
import sauron.model.SauronModel;
import sauron.net.InferenceGraph;

/**
 * Segments raw images with a trained model: checks that the image fits the model, normalises it the way
 * the model was trained, and runs the sliding window with the model's patch as the tile. Holds one
 * TensorFlow graph for any number of images; close it when done.
 */
public final class ModelSegmenter implements AutoCloseable {

	private final SauronModel model;
	private final InferenceGraph net;
	private final SlidingWindowSegmenter window;
	private final Consumer<String> warnings;

	/** The batch size that asks for {@link #tilesPerCall}: as many tiles per network call as a training step held. */
	public static final int TRAINING_STEP_BATCH = 0;

	/**
	 * @param tileShape tile size (x first), or null for the model's training patch
	 * @param batchSize tiles per network call, or {@link #TRAINING_STEP_BATCH}
	 * @param warnings receives notes such as a voxel size that differs from the training images
	 */
	public ModelSegmenter(final SauronModel model, final int[] tileShape, final double overlap, final int batchSize, final Consumer<String> warnings) {
		if (!ZScoreNormalisation.NAME.equals(model.metadata().normalisation()))
			throw new IllegalArgumentException("the model expects normalisation '" + model.metadata().normalisation() + "', which this version does not know");
		this.model = model;
		this.warnings = warnings;
		final int[] tile = tileShape != null ? tileShape : model.metadata().patchShape();
		this.window = new SlidingWindowSegmenter(tile).withOverlap(overlap)
				.withBatchSize(batchSize == TRAINING_STEP_BATCH ? tilesPerCall(model.metadata(), tile) : batchSize);
		this.net = new InferenceGraph(model.topology(), model.weights());
	}

	public ModelSegmenter(final SauronModel model) {
		this(model, null, SlidingWindowSegmenter.DEFAULT_OVERLAP, TRAINING_STEP_BATCH, text -> {});
	}

	/**
	 * Tiles per network call by default: as many as fit in the voxels of one training step (batch x patch), at least
	 * one. One call per tile leaves a thin pruned network's convolutions too small to use the cores (a 2D model of
	 * batch 8 segments 1.3-1.5x faster with 8 tiles per call than with 1), and a training step's voxels are known to
	 * fit in memory with gradients, so the forward pass alone fits too.
	 */
	static int tilesPerCall(final ModelMetadata metadata, final int[] tileShape) {
		final int[] patch = metadata.patchShape();
		if (patch == null) return 1;
		final long perCall = metadata.recordedTraining().batchSize() * Shapes.voxels(patch) / Shapes.voxels(tileShape);
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, perCall));
	}

	/**
	 * @param image raw intensities (not normalised)
	 * @param name how messages refer to the image, e.g. its file name
	 */
	public Segmentation segment(final Volume image, final String name) {
		return segment(image, name, window);
	}

	/** As {@link #segment(Volume, String)}, with progress and cancellation for this image. */
	public Segmentation segment(final Volume image, final String name, final TileProgress progress, final java.util.function.BooleanSupplier cancelled) {
		return segment(image, name, window.withProgress(progress).withCancellation(cancelled));
	}

	private Segmentation segment(final Volume image, final String name, final SlidingWindowSegmenter w) {
		requireMemory(image, name, model.spec().classes());
		return w.segment(prepare(image, name), net);
	}

	/**
	 * Refuses an image whose class probabilities would not fit in the Java memory free now, before the normalised
	 * copy and the accumulator are allocated: else the run ends in an OutOfMemoryError, possibly after many tiles.
	 * Counts a float per voxel and class (the probabilities), per voxel and channel (the normalised image) and per
	 * voxel (the tile weights), and a byte per voxel (the labels).
	 */
	static void requireMemory(final Volume image, final String name, final int classes) {
		final long voxels = image.voxels();
		final long needed = voxels * (4L * classes + 4L * image.channels() + 4 + 1);
		final Runtime rt = Runtime.getRuntime();
		final long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
		if (needed > free)
			throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
					"%s: segmenting %s voxels with %d classes needs %.1f GB of memory for the class probabilities, but only %.1f GB of Java memory are free;"
							+ " give Java more memory (-Xmx, or Edit > Options > Memory in Fiji) or segment the image in parts",
					name, Arrays.toString(image.shape()), classes, needed / 1e9, free / 1e9));
	}

	/**
	 * The image as the network reads it: checked against the model (dimensionality, channels, voxel size
	 * warning) and normalised as in training. Public for callers that run the network another way, such
	 * as the feature-map browser.
	 */
	public Volume prepare(final Volume image, final String name) {
		model.spec().checkImage(name, image.shape(), image.channels());
		checkVoxelSize(image, name);
		return ZScoreNormalisation.normalise(image, name);
	}

	private void checkVoxelSize(final Volume image, final String name) {
		final double[] trained = model.metadata().voxelSize();
		final double[] given = image.voxelSize();
		if (trained == null || trained.length != given.length) return;
		for (int d = 0; d < given.length; d++)
			if (Math.abs(given[d] - trained[d]) > 0.1 * trained[d]) {
				warnings.accept(name + " has voxel size " + Arrays.toString(given) + ", the model was trained on " + Arrays.toString(trained)
						+ "; resample the image for best results");
				return;
			}
	}

	public SauronModel model() { return model; }

	/** Tiles this segmenter sends per network call. */
	int batchSize() { return window.batchSize(); }

	/** The forward graph this segmenter runs (owned by it: closed with it). */
	public InferenceGraph network() { return net; }

	@Override
	public void close() {
		net.close();
	}
}

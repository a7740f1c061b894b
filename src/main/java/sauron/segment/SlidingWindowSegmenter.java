package sauron.segment;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import sauron.data.NetworkInput;
import sauron.data.Volume;
import sauron.net.PatchPredictor;

/**
 * Segments an image of any size with a network that sees fixed-size tiles, as nnU-Net does: overlapping
 * tiles, each prediction weighted by a Gaussian importance map, summed and divided by the summed weights.
 * <p>
 * A 2D network on a 3D image segments it slice by slice along z, tiles of several slices sharing a batch.
 * Axes shorter than the tile get a smaller tile and zero padding (0 is the mean of a z-scored image).
 * <p>
 * Immutable: the {@code with...} methods return a changed copy.
 */
public final class SlidingWindowSegmenter {

	public static final double DEFAULT_OVERLAP = 0.5;
	/** The largest overlap allowed: see the constructor. */
	public static final double MAX_OVERLAP = 0.9;

	private final int[] tileShape;
	private final double overlap;
	private final int batchSize;
	private final boolean gaussianBlending;
	private final TileProgress progress;
	private final BooleanSupplier cancelled;

	/** @param tileShape tile size, x first, one entry per axis of the network; rounded up to its size multiple */
	public SlidingWindowSegmenter(final int... tileShape) {
		this(tileShape, DEFAULT_OVERLAP, 1, true, TileProgress.NONE, () -> false);
	}

	private SlidingWindowSegmenter(final int[] tileShape, final double overlap, final int batchSize,
		final boolean gaussianBlending, final TileProgress progress, final BooleanSupplier cancelled)
	{
		if (tileShape.length != 2 && tileShape.length != 3)
			throw new IllegalArgumentException("tile shape must have 2 or 3 sides, got " + Arrays.toString(tileShape));
		for (final int s : tileShape)
			if (s < 1) throw new IllegalArgumentException("tile sides must be >= 1, got " + Arrays.toString(tileShape));
		// Above 0.9 the tile count grows as (1 / (1 - overlap))^dims per tile volume (0.99: 10^6 in 3D), minutes on a
		// tiny image for no visible gain over nnU-Net's 0.5.
		if (!(overlap >= 0 && overlap <= MAX_OVERLAP))
			throw new IllegalArgumentException("overlap must be in [0, " + MAX_OVERLAP + "], got " + overlap + ": above " + MAX_OVERLAP
					+ " the number of tiles explodes (0.5, the default, already averages every voxel over several tiles)");
		if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
		this.tileShape = tileShape.clone();
		this.overlap = overlap;
		this.batchSize = batchSize;
		this.gaussianBlending = gaussianBlending;
		this.progress = progress;
		this.cancelled = cancelled;
	}

	/** Fraction of a tile shared with its neighbour, in [0, 0.9]; default 0.5. */
	public SlidingWindowSegmenter withOverlap(final double fraction) {
		return new SlidingWindowSegmenter(tileShape, fraction, batchSize, gaussianBlending, progress, cancelled);
	}

	/** Tiles per network call; default 1. */
	public SlidingWindowSegmenter withBatchSize(final int tiles) {
		return new SlidingWindowSegmenter(tileShape, overlap, tiles, gaussianBlending, progress, cancelled);
	}

	/** Gaussian importance weighting (default) or plain averaging of overlapping tiles. */
	public SlidingWindowSegmenter withGaussianBlending(final boolean on) {
		return new SlidingWindowSegmenter(tileShape, overlap, batchSize, on, progress, cancelled);
	}

	public SlidingWindowSegmenter withProgress(final TileProgress listener) {
		return new SlidingWindowSegmenter(tileShape, overlap, batchSize, gaussianBlending, listener, cancelled);
	}

	/** Asked before each batch; when it answers true, {@link #segment} throws a {@link CancellationException}. */
	public SlidingWindowSegmenter withCancellation(final BooleanSupplier isCancelled) {
		return new SlidingWindowSegmenter(tileShape, overlap, batchSize, gaussianBlending, progress, isCancelled);
	}

	public int[] tileShape() { return tileShape.clone(); }

	public double overlap() { return overlap; }

	public int batchSize() { return batchSize; }

	public boolean gaussianBlending() { return gaussianBlending; }

	/**
	 * @param normalisedImage the image as the network expects it (z-scored), {@code net.inputChannels()} channels
	 * @return class probabilities and labels on the image's grid: same shape and geometry (see {@link sauron.data.Geometry})
	 * @throws CancellationException if cancelled
	 */
	public Segmentation segment(final Volume normalisedImage, final PatchPredictor net) {
		check(normalisedImage, net);
		final TilePlan plan = new TilePlan(normalisedImage.shape(), net.dims(), tileShape, net.sizeMultiple(), overlap);
		final int channels = normalisedImage.channels(), classes = net.classes();
		final int tileVoxels = plan.tileVoxels(), total = plan.tileCount();
		final TileReader reader = new TileReader(normalisedImage.data(), channels, plan);
		final ProbabilityAccumulator sums = new ProbabilityAccumulator(plan, classes,
			gaussianBlending ? GaussianImportance.map(plan.netTile) : GaussianImportance.uniform(plan.netTile));

		final float[] input = new float[Math.multiplyExact(Math.multiplyExact(Math.min(batchSize, total), tileVoxels), channels)];
		final int[][] origins = new int[batchSize][3];
		for (int first = 0; first < total; first += batchSize) {
			if (cancelled.getAsBoolean()) throw new CancellationException("Segmentation cancelled after " + first + " of " + total + " tiles");
			final int batch = Math.min(batchSize, total - first);
			for (int b = 0; b < batch; b++) {
				plan.origin(first + b, origins[b]);
				reader.read(origins[b], input, b * tileVoxels * channels);
			}
			// The last batch may be smaller: hand the network only the tiles filled.
			final float[] output = net.predict(batch == input.length / (tileVoxels * channels) ? input
				: Arrays.copyOf(input, batch * tileVoxels * channels), batch, plan.netTile.clone());
			if (output == null || output.length != batch * tileVoxels * classes)
				throw new IllegalStateException("The network returned " + (output == null ? "null" : output.length + " values")
					+ " for " + batch + " tiles of " + Arrays.toString(plan.netTile) + " x " + classes + " classes; expected "
					+ batch * tileVoxels * classes);
			for (int b = 0; b < batch; b++) sums.add(origins[b], output, b * tileVoxels * classes);
			progress.tilesDone(first + batch, total);
		}
		return sums.finish(normalisedImage.shape(), normalisedImage.geometry());
	}

	private void check(final Volume image, final PatchPredictor net) {
		if (image.voxels() == 0) throw new IllegalArgumentException("The image is empty: " + image);
		if (net.dims() != 2 && net.dims() != 3) throw new IllegalArgumentException("The network must be 2D or 3D, it says " + net.dims() + "D");
		NetworkInput.checkImage("the image", image.shape(), image.channels(), net.dims(), net.inputChannels());
		NetworkInput.checkAxes("tile", tileShape, net.dims());
		if (net.classes() < 1 || net.classes() > 256)
			throw new IllegalArgumentException("The network has " + net.classes() + " classes; labels hold 1 to 256");
	}
}

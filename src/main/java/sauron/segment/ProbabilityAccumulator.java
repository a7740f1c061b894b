package sauron.segment;

import sauron.data.Geometry;
import sauron.data.LabelVolume;
import sauron.data.Volume;

/**
 * Sums the weighted class probabilities of overlapping tiles and the weights themselves, then divides:
 * one float per voxel and class plus one per voxel, whatever the number of tiles.
 */
final class ProbabilityAccumulator {

	private final int classes;
	private final int[] size;
	private final int[] tile;
	private final float[] importance;
	private final float[] sums;
	private final float[] weights;

	ProbabilityAccumulator(final TilePlan plan, final int classes, final float[] importance) {
		this.classes = classes;
		this.size = plan.image;
		this.tile = plan.tile;
		this.importance = importance;
		final long voxels = (long) size[0] * size[1] * size[2];
		if (voxels * classes > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("The image has " + voxels + " voxels; with " + classes
				+ " classes its probabilities do not fit in one Java array. Segment it in parts.");
		this.sums = new float[(int) voxels * classes];
		this.weights = new float[(int) voxels];
	}

	/** Adds the probabilities of the tile at {@code origin} (x, y, z), read from {@code batch} at {@code offset}. */
	void add(final int[] origin, final float[] batch, final int offset) {
		final int x0 = Math.max(0, origin[0]), x1 = Math.min(size[0], origin[0] + tile[0]);
		for (int tz = Math.max(0, -origin[2]); tz < tile[2] && origin[2] + tz < size[2]; tz++) {
			for (int ty = Math.max(0, -origin[1]); ty < tile[1] && origin[1] + ty < size[1]; ty++) {
				int t = (tz * tile[1] + ty) * tile[0] + (x0 - origin[0]);
				int v = ((origin[2] + tz) * size[1] + origin[1] + ty) * size[0] + x0;
				for (int x = x0; x < x1; x++, t++, v++) {
					final float w = importance[t];
					weights[v] += w;
					final int src = offset + t * classes, dst = v * classes;
					for (int k = 0; k < classes; k++) sums[dst + k] += w * batch[src + k];
				}
			}
		}
	}

	/**
	 * Divides the sums by the weights in place (the sums become the probabilities, no copy) and picks the
	 * most probable class per voxel. Call once, after all tiles.
	 */
	Segmentation finish(final int[] shape, final Geometry geometry) {
		final byte[] labels = new byte[weights.length];
		for (int v = 0, i = 0; v < weights.length; v++) {
			final float w = weights[v];
			int best = 0;
			float bestP = Float.NEGATIVE_INFINITY;
			for (int k = 0; k < classes; k++, i++) {
				final float p = sums[i] / w;
				sums[i] = p;
				if (p > bestP) { bestP = p; best = k; }
			}
			labels[v] = (byte) best;
		}
		return new Segmentation(new Volume(shape, classes, sums, geometry), new LabelVolume(shape, labels, geometry));
	}
}

package sauron.segment;

import java.util.Arrays;

/**
 * nnU-Net's importance map for blending overlapping tiles: a Gaussian centred on the tile with
 * sigma = side / 8 per axis, scaled so its maximum is 1. Tile borders, where the network sees the
 * least context, then count least.
 */
final class GaussianImportance {

	private static final double SIGMA_FRACTION = 1.0 / 8;

	private GaussianImportance() {}

	/** Weights per tile voxel, x fastest, for a tile of {@code shape} (x first). */
	static float[] map(final int[] shape) {
		final double[][] axes = new double[shape.length][];
		for (int d = 0; d < shape.length; d++) axes[d] = profile(shape[d]);
		final float[] map = new float[Math.toIntExact(sauron.data.Shapes.voxels(shape))];
		final int[] pos = new int[shape.length];
		float minNonZero = Float.MAX_VALUE;
		for (int i = 0; i < map.length; i++) {
			double w = 1;
			for (int d = 0; d < shape.length; d++) w *= axes[d][pos[d]];
			map[i] = (float) w;
			if (map[i] > 0) minNonZero = Math.min(minNonZero, map[i]);
			for (int d = 0; d < shape.length && ++pos[d] == shape[d]; d++) pos[d] = 0;
		}
		// Every voxel must keep some weight, or voxels only seen by tile borders would divide by zero.
		for (int i = 0; i < map.length; i++) if (map[i] == 0) map[i] = minNonZero;
		return map;
	}

	/** A tile of ones: plain averaging of overlapping tiles. */
	static float[] uniform(final int[] shape) {
		final float[] map = new float[Math.toIntExact(sauron.data.Shapes.voxels(shape))];
		Arrays.fill(map, 1f);
		return map;
	}

	/**
	 * One axis of the map, max 1. Like scipy's gaussian_filter on a centred delta (what nnU-Net uses),
	 * it is zero beyond 4 sigma.
	 */
	private static double[] profile(final int side) {
		final double sigma = side * SIGMA_FRACTION;
		final int centre = side / 2;
		final int radius = (int) (4 * sigma + 0.5);
		final double[] p = new double[side];
		for (int i = 0; i < side; i++) {
			final int r = Math.abs(i - centre);
			p[i] = r > radius ? 0 : Math.exp(-0.5 * r * r / (sigma * sigma));
		}
		return p;
	}
}

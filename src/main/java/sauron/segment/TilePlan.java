package sauron.segment;

import java.util.Arrays;

import sauron.data.NetworkInput;

/**
 * Where the tiles go in one image. Geometry is kept in three axes (x, y, z) whatever the
 * dimensionality: a 2D image has z size 1, and a 2D network (on a 2D image, or slice by slice on a 3D
 * one) sees tiles one voxel deep along z, so one code path serves every case.
 * <p>
 * Tile origins are in image coordinates and may be negative, or tiles may reach past the end, where the
 * image is smaller than the tile: that is the symmetric zero padding, which is never materialised.
 */
final class TilePlan {

	/** Image size (x, y, z). */
	final int[] image = new int[3];
	/** Tile size (x, y, z) in the image. */
	final int[] tile = new int[3];
	/** The tile shape the network is given, x first, length = the network's dims. */
	final int[] netTile;
	/** Tile origins per axis. */
	private final int[][] origins = new int[3][];

	/**
	 * @param imageShape x first, 2 or 3 axes
	 * @param requestedTile x first, length {@code netDims}
	 */
	TilePlan(final int[] imageShape, final int netDims, final int[] requestedTile, final int sizeMultiple, final double overlap) {
		Arrays.fill(image, 1);
		Arrays.fill(tile, 1);
		System.arraycopy(imageShape, 0, image, 0, imageShape.length);
		netTile = new int[netDims];
		for (int d = 0; d < 3; d++) {
			if (d < netDims) {
				final int wanted = NetworkInput.roundUp(requestedTile[d], sizeMultiple);
				// An axis shorter than the tile gets a smaller tile; still a multiple, so it may pad a little.
				tile[d] = Math.min(wanted, NetworkInput.roundUp(image[d], sizeMultiple));
				netTile[d] = tile[d];
				final int padded = Math.max(image[d], tile[d]);
				final int padBelow = (padded - image[d]) / 2;
				origins[d] = TileStarts.evenlySpaced(padded, tile[d], overlap);
				for (int i = 0; i < origins[d].length; i++) origins[d][i] -= padBelow;
			} else {
				// Slices of a 2D network, or the single z of a 2D image: every z once, no overlap.
				origins[d] = new int[image[d]];
				for (int z = 0; z < image[d]; z++) origins[d][z] = z;
			}
		}
	}

	int tileCount() {
		return origins[0].length * origins[1].length * origins[2].length;
	}

	int tileVoxels() {
		return tile[0] * tile[1] * tile[2];
	}

	/** Writes the origin (x, y, z) of tile {@code i}, x varying fastest over tiles. */
	void origin(final int i, final int[] out) {
		final int nx = origins[0].length, ny = origins[1].length;
		out[0] = origins[0][i % nx];
		out[1] = origins[1][i / nx % ny];
		out[2] = origins[2][i / (nx * ny)];
	}
}

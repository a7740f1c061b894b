package sauron.metrics;

/**
 * The surface of a binary mask as medpy and nnU-Net define it: mask voxels with at least one
 * face neighbour (4-connected in 2D, 6-connected in 3D) outside the mask, the image border counting
 * as outside. Equals {@code mask ^ scipy.ndimage.binary_erosion(mask, connectivity 1)}.
 */
public final class BinarySurface {

	private BinarySurface() {}

	public static boolean[] of(final boolean[] mask, final int[] shape) {
		final int nx = shape[0], ny = shape[1], nz = shape.length == 3 ? shape[2] : 1;
		final int plane = nx * ny;
		final boolean[] surface = new boolean[mask.length];
		int i = 0;
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++, i++) {
					if (!mask[i]) continue;
					surface[i] = x == 0 || x == nx - 1 || !mask[i - 1] || !mask[i + 1]
							|| y == 0 || y == ny - 1 || !mask[i - nx] || !mask[i + nx]
							|| nz > 1 && (z == 0 || z == nz - 1 || !mask[i - plane] || !mask[i + plane])
							|| shape.length == 3 && nz == 1; // a 3D volume one slice thick: all of it faces the border
				}
		return surface;
	}
}

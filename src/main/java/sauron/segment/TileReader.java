package sauron.segment;

import java.util.Arrays;

/** Copies tiles out of an image into a batch buffer, whole rows at a time, zeros outside the image. */
final class TileReader {

	private final float[] image;
	private final int channels;
	private final int[] size;
	private final int[] tile;

	TileReader(final float[] image, final int channels, final TilePlan plan) {
		this.image = image;
		this.channels = channels;
		this.size = plan.image;
		this.tile = plan.tile;
	}

	/** Fills the tile at {@code origin} (x, y, z) into {@code batch} from {@code offset} (in floats). */
	void read(final int[] origin, final float[] batch, final int offset) {
		final int rowLength = tile[0] * channels;
		// The in-image part of every row: the x range is the same for all rows of the tile.
		final int x0 = Math.max(0, origin[0]), x1 = Math.min(size[0], origin[0] + tile[0]);
		final int before = (x0 - origin[0]) * channels, inside = Math.max(0, x1 - x0) * channels;
		int dst = offset;
		for (int tz = 0; tz < tile[2]; tz++) {
			final int z = origin[2] + tz;
			for (int ty = 0; ty < tile[1]; ty++, dst += rowLength) {
				final int y = origin[1] + ty;
				if (z < 0 || z >= size[2] || y < 0 || y >= size[1] || inside == 0) {
					Arrays.fill(batch, dst, dst + rowLength, 0f);
					continue;
				}
				Arrays.fill(batch, dst, dst + before, 0f);
				System.arraycopy(image, ((z * size[1] + y) * size[0] + x0) * channels, batch, dst + before, inside);
				Arrays.fill(batch, dst + before + inside, dst + rowLength, 0f);
			}
		}
	}
}

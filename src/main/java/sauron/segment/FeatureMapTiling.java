package sauron.segment;

import sauron.data.NetworkInput;
import sauron.data.Volume;
import sauron.net.InferenceGraph;

/**
 * The output of one layer over a whole image: one channel per filter, on the layer's own grid (the image
 * grid for level 0 layers such as dec0_1, half of it per level below). The normalised image is zero-padded to
 * whole tiles of at most twice the training patch, each tile runs once (no overlap: maps may show faint seams
 * at tile borders on images larger than a tile), and the result is cropped to the image. A 2D network on a
 * stack runs slice by slice along z, as segmentation does, and gives a stack of maps. UI-free.
 */
public final class FeatureMapTiling {

	private FeatureMapTiling() {}

	/**
	 * @param raw the image, not normalised
	 * @param name how messages call the image
	 * @param layer a block or transposed-conv layer, e.g. "dec0_1"
	 * @return channels = filters of the layer, the image's spatial axes; the image's geometry, pooled to the layer's
	 *         grid on the axes the network sees (unchanged for level-0 layers)
	 */
	public static Volume compute(final ModelSegmenter segmenter, final Volume raw, final String name, final String layer) {
		final Volume image = segmenter.prepare(raw, name);
		final InferenceGraph net = segmenter.network();
		final int level = segmenter.model().topology().layer(layer).level();
		final int filters = segmenter.model().topology().layer(layer).outChannels();
		final int dims = net.dims(), multiple = net.sizeMultiple(), factor = 1 << level;
		final int[] shape = image.shape(), patch = segmenter.model().metadata().patchShape();
		final int[] tile = new int[3], tiles = new int[3], out = new int[3], grid = new int[3];
		for (int d = 0; d < 3; d++) {
			if (d >= dims) {
				// An axis the network does not see (z for a 2D network): one slice per tile, every slice.
				tile[d] = grid[d] = 1;
				tiles[d] = out[d] = d < shape.length ? shape[d] : 1;
				continue;
			}
			final int padded = NetworkInput.roundUp(shape[d], multiple);
			tile[d] = Math.min(padded, NetworkInput.roundUp(2 * patch[d], multiple));
			tiles[d] = (padded + tile[d] - 1) / tile[d];
			grid[d] = tile[d] / factor;
			out[d] = (shape[d] + factor - 1) / factor;
		}
		final int[] outShape = java.util.Arrays.copyOf(out, shape.length);
		// Pooled on the axes the network sees; a 2D network's z (one slice per tile) keeps the image's.
		final int[] pooling = new int[shape.length];
		for (int d = 0; d < shape.length; d++) pooling[d] = d < dims ? factor : 1;
		final int zFactor = dims == 3 ? factor : 1;
		final Volume maps = Volume.zeros(outShape, filters, image.geometry().pooled(pooling));
		final int channels = image.channels();
		final float[] block = new float[tile[0] * tile[1] * tile[2] * channels];
		final int[] tileShape = java.util.Arrays.copyOf(tile, dims);
		for (int tz = 0; tz < tiles[2]; tz++)
			for (int ty = 0; ty < tiles[1]; ty++)
				for (int tx = 0; tx < tiles[0]; tx++) {
					final int x0 = tx * tile[0], y0 = ty * tile[1], z0 = tz * tile[2];
					copyIn(image, x0, y0, z0, tile, block);
					final float[] a = net.activations(layer, block, 1, tileShape);
					copyOut(a, grid, filters, x0 / factor, y0 / factor, z0 / zFactor, maps, out);
				}
		return maps;
	}

	/** The tile at (x0, y0, z0) of the image, zero outside it, channels-last. */
	private static void copyIn(final Volume image, final int x0, final int y0, final int z0, final int[] tile, final float[] block) {
		java.util.Arrays.fill(block, 0);
		final int[] s = image.shape();
		final int sx = s[0], sy = s[1], sz = s.length > 2 ? s[2] : 1, c = image.channels();
		final float[] data = image.data();
		for (int z = 0; z < tile[2] && z0 + z < sz; z++)
			for (int y = 0; y < tile[1] && y0 + y < sy; y++) {
				final int width = Math.min(tile[0], sx - x0);
				if (width <= 0) continue;
				final int from = (((z0 + z) * sy + y0 + y) * sx + x0) * c, to = ((z * tile[1] + y) * tile[0]) * c;
				System.arraycopy(data, from, block, to, width * c);
			}
	}

	/** The part of a tile's maps (grid-sized, channels-last) that falls inside the output. */
	private static void copyOut(final float[] a, final int[] grid, final int filters, final int x0, final int y0, final int z0, final Volume maps, final int[] out) {
		final float[] data = maps.data();
		for (int z = 0; z < grid[2] && z0 + z < out[2]; z++)
			for (int y = 0; y < grid[1] && y0 + y < out[1]; y++) {
				final int width = Math.min(grid[0], out[0] - x0);
				if (width <= 0) continue;
				final int from = ((z * grid[1] + y) * grid[0]) * filters, to = (((z0 + z) * out[1] + y0 + y) * out[0] + x0) * filters;
				System.arraycopy(a, from, data, to, width * filters);
			}
	}
}

package sauron.export;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import javax.imageio.ImageIO;

/**
 * The cover of an exported model, 2:1 as bioimage.io recommends: on the left the test patch's middle slice, on the
 * right what the last decoder layer sees in it, its three most varied feature maps as red, green and blue. Each
 * half is a square; the slice is scaled into it without interpolation and centred on black.
 */
public final class CoverImage {

	/** Side of each half, in pixels. */
	static final int SIDE = 256;

	private CoverImage() {}

	/**
	 * @param image the normalised patch, channels last ([(z,) y, x, channels]); its first channel is shown
	 * @param maps the layer's maps on the same grid, channels last ([(z,) y, x, filters])
	 * @param patch the spatial shape, x first
	 */
	public static byte[] png(final float[] image, final int channels, final float[] maps, final int filters, final int[] patch) {
		final int px = patch[0], py = patch[1], pz = patch.length > 2 ? patch[2] : 1;
		final int z = pz / 2, plane = px * py;
		final float[][] rgb = new float[3][];
		final float[] grey = slice(image, channels, 0, z, plane);
		final int[] ranked = byVariance(maps, filters, z, plane);
		for (int i = 0; i < 3; i++) rgb[i] = i < ranked.length ? scaled(slice(maps, filters, ranked[i], z, plane)) : new float[plane];
		final float[] g = scaled(grey);
		final BufferedImage cover = new BufferedImage(2 * SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
		final double scale = Math.min((double) SIDE / px, (double) SIDE / py);
		final int w = (int) Math.round(px * scale), h = (int) Math.round(py * scale), left = (SIDE - w) / 2, top = (SIDE - h) / 2;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = Math.min(py - 1, (int) (y / scale)) * px + Math.min(px - 1, (int) (x / scale));
				final int v = level(g[i]);
				cover.setRGB(left + x, top + y, v << 16 | v << 8 | v);
				cover.setRGB(SIDE + left + x, top + y, level(rgb[0][i]) << 16 | level(rgb[1][i]) << 8 | level(rgb[2][i]));
			}
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(cover, "png", out)) throw new IllegalStateException("this Java has no PNG writer");
		} catch (final IOException e) {
			throw new UncheckedIOException(e); // a byte array does not fail
		}
		return out.toByteArray();
	}

	/** One channel of slice z, row after row. */
	private static float[] slice(final float[] values, final int channels, final int channel, final int z, final int plane) {
		final float[] s = new float[plane];
		for (int i = 0; i < plane; i++) s[i] = values[((z * plane) + i) * channels + channel];
		return s;
	}

	/** Channels ordered by their variance over slice z, largest first: the maps that show most. */
	static int[] byVariance(final float[] maps, final int filters, final int z, final int plane) {
		final double[] variance = new double[filters];
		for (int f = 0; f < filters; f++) {
			final float[] s = slice(maps, filters, f, z, plane);
			double sum = 0, squares = 0;
			for (final float v : s) sum += v;
			final double mean = sum / plane;
			for (final float v : s) squares += (v - mean) * (v - mean);
			variance[f] = squares / plane;
		}
		return java.util.stream.IntStream.range(0, filters).boxed().sorted((a, b) -> Double.compare(variance[b], variance[a])).mapToInt(Integer::intValue).toArray();
	}

	/** 0 at the 1st percentile, 1 at the 99th, so one bright voxel does not leave the rest dark. */
	private static float[] scaled(final float[] s) {
		final float[] sorted = s.clone();
		Arrays.sort(sorted);
		final float low = sorted[(int) (0.01 * (sorted.length - 1))], high = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))];
		final float[] out = new float[s.length];
		if (high > low) for (int i = 0; i < s.length; i++) out[i] = Math.max(0, Math.min(1, (s[i] - low) / (high - low)));
		return out;
	}

	private static int level(final float unit) {
		return Math.round(255 * unit);
	}
}

package sauron.imagej;

import ij.process.LUT;

/**
 * A glasbey-like lookup table for label images: 0 is black and each label gets a hue one golden angle
 * away from the previous one, so neighbouring labels never look alike. Label 1 is a clear red.
 */
final class LabelColours {

	private static final double GOLDEN_ANGLE = 0.381966;

	private LabelColours() {}

	static LUT lut() {
		final byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (int label = 1; label < 256; label++) {
			final float hue = (float) ((label - 1) * GOLDEN_ANGLE % 1.0);
			// Alternate brightness too: hues alone run out of contrast after a dozen labels.
			final int rgb = java.awt.Color.HSBtoRGB(hue, label % 3 == 0 ? 0.6f : 1f, label % 2 == 0 ? 0.75f : 1f);
			r[label] = (byte) (rgb >> 16);
			g[label] = (byte) (rgb >> 8);
			b[label] = (byte) rgb;
		}
		return new LUT(r, g, b);
	}
}

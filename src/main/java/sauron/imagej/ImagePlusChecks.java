package sauron.imagej;

import ij.ImagePlus;

/** The checks every command makes on an ImagePlus before using it, with messages that name the image. */
final class ImagePlusChecks {

	private ImagePlusChecks() {}

	static void requireGrey(final ImagePlus imp) {
		if (imp == null) throw new IllegalArgumentException("no image given");
		final int bits = imp.getBitDepth();
		if (bits == 24)
			throw new IllegalArgumentException(imp.getTitle() + " is an RGB image; Sauron needs 8-, 16- or 32-bit grey values "
					+ "(Image > Color > Split Channels, or Image > Type > 8-bit)");
		if (bits != 8 && bits != 16 && bits != 32)
			throw new IllegalArgumentException(imp.getTitle() + " is " + bits + "-bit; Sauron needs 8-, 16- or 32-bit grey values");
	}

	/** x, y[, z]: z from slices, or from frames when there is one slice per frame (as the TIFF reader does). */
	static int[] spatialShape(final ImagePlus imp) {
		final int slices = imp.getNSlices(), frames = imp.getNFrames();
		if (slices > 1 && frames > 1)
			throw new IllegalArgumentException(imp.getTitle() + " has " + slices + " slices and " + frames
					+ " time frames; expected a single 2D or 3D image (with channels)");
		final int depth = Math.max(slices, frames);
		return depth > 1 ? new int[] { imp.getWidth(), imp.getHeight(), depth } : new int[] { imp.getWidth(), imp.getHeight() };
	}
}

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

	/** The most values one Java array holds: the engine reads an image (or one frame of it) into one float array. */
	static final long JAVA_ARRAY_LIMIT = Integer.MAX_VALUE;

	/**
	 * Refuses, before anything is allocated, a volume of more values (voxels times channels) than one Java array
	 * holds: ImageJ 1 keeps a stack as one array per plane, so a stack can be larger in total than Sauron can take.
	 */
	static void requireJavaArray(final ImagePlus imp, final long values) {
		if (values > JAVA_ARRAY_LIMIT)
			throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s is %d x %d pixels x %d channel(s) x %d slice(s) x %d frame(s), %,d values in one volume; "
					+ "Sauron takes at most %,d (one Java array): crop it or split it (Image > Stacks > Tools > Make Substack)", imp.getTitle(),
					imp.getWidth(), imp.getHeight(), imp.getNChannels(), imp.getNSlices(), imp.getNFrames(), values, JAVA_ARRAY_LIMIT));
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

	/** x, y[, z]: the grid of one frame, z from slices only (frames are time; see {@link NetworkLayout}). */
	static int[] gridShape(final ImagePlus imp) {
		final int slices = imp.getNSlices();
		return slices > 1 ? new int[] { imp.getWidth(), imp.getHeight(), slices } : new int[] { imp.getWidth(), imp.getHeight() };
	}
}

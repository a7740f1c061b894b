package sauron.data;

/**
 * Z-score normalisation per image and per channel: {@code (x - mean) / std} over all voxels.
 * <p>
 * Training and inference must call the same method ({@link #normalise}); models record
 * {@link #NAME} as their input normalisation so that a loaded model normalises its input the way it
 * was trained.
 */
public final class ZScoreNormalisation {

	/** What a model stores as its input normalisation. */
	public static final String NAME = "zscore per image";

	/** Guards the division for images whose spread is tiny but not zero. */
	static final double STD_FLOOR = 1e-8;

	private ZScoreNormalisation() {}

	/**
	 * @param image the image (not modified)
	 * @param name how error messages call the image (file name, title)
	 * @return a new volume with mean 0 and standard deviation 1 in every channel, on the image's grid (same geometry)
	 * @throws IllegalArgumentException for an empty image, a NaN or infinite value, or a constant channel
	 */
	public static Volume normalise(final Volume image, final String name) {
		final int channels = image.channels();
		final float[] in = image.data();
		final long voxels = image.voxels();
		if (voxels == 0)
			throw new IllegalArgumentException("image " + name + " is empty (shape " + java.util.Arrays.toString(image.shape())
				+ "); expected at least one voxel");
		final float[] out = new float[in.length];
		for (int c = 0; c < channels; c++) {
			// Two passes in double: one-pass sums lose precision on large, bright images.
			double sum = 0;
			for (int i = c; i < in.length; i += channels) {
				final float v = in[i];
				if (!Float.isFinite(v))
					throw new IllegalArgumentException("image " + name + " has a non-finite value (" + v + ") at voxel "
						+ (i / channels) + (channels > 1 ? " channel " + c : "") + "; expected finite intensities");
				sum += v;
			}
			final double mean = sum / voxels;
			double squares = 0;
			for (int i = c; i < in.length; i += channels) {
				final double d = in[i] - mean;
				squares += d * d;
			}
			final double std = Math.sqrt(squares / voxels);
			if (std == 0)
				throw new IllegalArgumentException("image " + name + (channels > 1 ? " channel " + c : "") + " is constant (value "
					+ in[c] + "); nothing to learn/segment");
			final double scale = 1 / Math.max(std, STD_FLOOR);
			for (int i = c; i < in.length; i += channels)
				out[i] = (float) ((in[i] - mean) * scale);
		}
		return new Volume(image.shape(), channels, out, image.geometry());
	}
}

package sauron.data;

import java.util.SplittableRandom;

/**
 * Random data augmentation of training patches, in place, patch by patch.
 * <p>
 * Spatial: a flip along each spatial axis (p = 0.5 each) and a rotation by k * 90 degrees in the x-y
 * plane (k uniform in 0..3, only for patches square in x-y, so the shape never changes). Both move
 * image and label together, in a single gather pass. Intensity (image only): nnU-Net's gamma
 * (the patch, per channel, rescaled to [0, 1], raised to gamma, mapped back to its range) and
 * additive Gaussian noise.
 * <p>
 * Deterministic given the seed. Not thread-safe: it reuses scratch buffers between patches.
 */
public final class Augmentation {

	/**
	 * What to apply; a probability of 0 switches a step off.
	 *
	 * @param flips random flip along each spatial axis (p = 0.5 each)
	 * @param rotations random multiple of 90 degrees in x-y (square patches only)
	 * @param gammaProbability chance per patch of a gamma transform
	 * @param gammaMin lower gamma bound (nnU-Net 0.7)
	 * @param gammaMax upper gamma bound (nnU-Net 1.5)
	 * @param noiseProbability chance per patch of additive Gaussian noise
	 * @param noiseMaxVariance the noise variance is uniform in [0, this] (nnU-Net 0.1, on z-scored data)
	 */
	public record Settings(boolean flips, boolean rotations, double gammaProbability, double gammaMin, double gammaMax,
		double noiseProbability, double noiseMaxVariance) {

		/** Nothing changes: for validation patches and tests. */
		public static final Settings NONE = new Settings(false, false, 0, 1, 1, 0, 0);

		/** nnU-Net's values for the steps we implement. */
		public static final Settings DEFAULTS = new Settings(true, true, 0.3, 0.7, 1.5, 0.1, 0.1);

		public Settings {
			if (!(gammaProbability >= 0 && gammaProbability <= 1) || !(noiseProbability >= 0 && noiseProbability <= 1))
				throw new IllegalArgumentException("augmentation probabilities must be in [0, 1], got gamma " + gammaProbability
					+ " and noise " + noiseProbability);
			if (!(gammaMin > 0 && gammaMin <= gammaMax))
				throw new IllegalArgumentException("gamma range must satisfy 0 < min <= max, got [" + gammaMin + ", " + gammaMax + "]");
			if (!(noiseMaxVariance >= 0))
				throw new IllegalArgumentException("noise variance must be >= 0, got " + noiseMaxVariance);
		}
	}

	private final Settings settings;
	private final SplittableRandom random;
	private float[] imageScratch = new float[0];
	private byte[] labelScratch = new byte[0];
	private int[] xyMap = new int[0];
	private final boolean[] flip = new boolean[3];
	static final int GAMMA_STEPS = 4096;
	private final double[] gammaTable = new double[GAMMA_STEPS + 1];

	public Augmentation(final Settings settings, final long seed) {
		this.settings = settings;
		this.random = new SplittableRandom(seed);
	}

	public Settings settings() { return settings; }

	/** Augments every patch of {@code batch} in place and returns it. */
	public PatchBatch apply(final PatchBatch batch) {
		final int[] shape = batch.patchShape();
		for (int b = 0; b < batch.batch(); b++) augmentPatch(batch, b, shape);
		return batch;
	}

	private void augmentPatch(final PatchBatch batch, final int b, final int[] shape) {
		final int dims = shape.length;
		for (int d = 0; d < 3; d++) flip[d] = settings.flips && d < dims && random.nextDouble() < 0.5;
		final int quarterTurns = settings.rotations && shape[0] == shape[1] ? random.nextInt(4) : 0;
		transform(batch, b, flip[0], flip[1], flip[2], quarterTurns);
		if (settings.gammaProbability > 0 && random.nextDouble() < settings.gammaProbability)
			for (int c = 0; c < batch.channels(); c++) gamma(batch, b, c, sampleGamma());
		if (settings.noiseProbability > 0 && random.nextDouble() < settings.noiseProbability)
			noise(batch, b, Math.sqrt(random.nextDouble() * settings.noiseMaxVariance));
	}

	/** nnU-Net: half the time gamma < 1 (brighter), half the time gamma >= 1 (darker). */
	private double sampleGamma() {
		final double lo = settings.gammaMin, hi = settings.gammaMax;
		if (lo < 1 && random.nextDouble() < 0.5) return lo + random.nextDouble() * (Math.min(1, hi) - lo);
		final double from = Math.max(lo, 1);
		return from + random.nextDouble() * (hi - from);
	}

	/**
	 * Flips, then a rotation of {@code quarterTurns} * 90 degrees in x-y, of patch {@code b}: output
	 * (x, y, z) reads input T(x, y, z). One gather through an x-y index map, so image and label move
	 * identically and no voxel allocates anything.
	 */
	void transform(final PatchBatch batch, final int b, final boolean flipX, final boolean flipY, final boolean flipZ,
		final int quarterTurns) {
		final int[] shape = batch.patchShape();
		final int sx = shape[0], sy = shape[1], sz = shape.length == 3 ? shape[2] : 1;
		final int k = Math.floorMod(quarterTurns, 4);
		if (k != 0 && sx != sy)
			throw new IllegalArgumentException("a rotation in x-y needs a square patch, got " + sx + " x " + sy);
		if (!flipX && !flipY && !flipZ && k == 0) return;
		final int slice = sx * sy, voxels = slice * sz, channels = batch.channels();
		if (xyMap.length < slice) xyMap = new int[slice];
		if (labelScratch.length < voxels) {
			labelScratch = new byte[voxels];
			imageScratch = new float[voxels * channels];
		}
		for (int y = 0; y < sy; y++)
			for (int x = 0; x < sx; x++) {
				// rotation by k quarter turns: out(x, y) = in(rx, ry); sx == sy whenever k != 0
				int rx = x, ry = y;
				switch (k) {
					case 1 -> { rx = y; ry = sx - 1 - x; }
					case 2 -> { rx = sx - 1 - x; ry = sy - 1 - y; }
					case 3 -> { rx = sy - 1 - y; ry = x; }
					default -> {}
				}
				if (flipX) rx = sx - 1 - rx;
				if (flipY) ry = sy - 1 - ry;
				xyMap[y * sx + x] = ry * sx + rx;
			}
		final float[] images = batch.images();
		final byte[] labels = batch.labels();
		final int imageBase = b * voxels * channels, labelBase = b * voxels;
		for (int z = 0; z < sz; z++) {
			final int srcSlice = (flipZ ? sz - 1 - z : z) * slice;
			final int dstSlice = z * slice;
			for (int i = 0; i < slice; i++) {
				final int from = srcSlice + xyMap[i], to = dstSlice + i;
				labelScratch[to] = labels[labelBase + from];
				if (channels == 1) imageScratch[to] = images[imageBase + from];
				else System.arraycopy(images, imageBase + from * channels, imageScratch, to * channels, channels);
			}
		}
		System.arraycopy(labelScratch, 0, labels, labelBase, voxels);
		System.arraycopy(imageScratch, 0, images, imageBase, voxels * channels);
	}

	/**
	 * nnU-Net's gamma: rescale channel {@code c} of the patch to [0, 1], raise to gamma, map back.
	 * <p>
	 * x^gamma comes from a table of {@link #GAMMA_STEPS} steps with linear interpolation, because
	 * Math.pow per voxel costs ~10 ms per 64^3 patch. Inside the first step, where x^gamma bends most
	 * for gamma < 1, it uses Math.pow; elsewhere the error is below 1e-4 of the patch range, far below
	 * what the augmentation itself changes.
	 */
	void gamma(final PatchBatch batch, final int b, final int c, final double gamma) {
		final float[] images = batch.images();
		final int channels = batch.channels();
		final int from = b * batch.voxelsPerPatch() * channels + c, to = from + batch.voxelsPerPatch() * channels;
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (int i = from; i < to; i += channels) {
			min = Math.min(min, images[i]);
			max = Math.max(max, images[i]);
		}
		final double range = (double) max - min;
		if (!(range > 0)) return; // a flat patch (e.g. all padding) has nothing to reshape
		for (int k = 0; k <= GAMMA_STEPS; k++) gammaTable[k] = Math.pow((double) k / GAMMA_STEPS, gamma);
		final double toSteps = GAMMA_STEPS / range;
		for (int i = from; i < to; i += channels) {
			final double t = (images[i] - min) * toSteps; // in [0, GAMMA_STEPS]
			final int k = Math.min((int) t, GAMMA_STEPS - 1);
			final double powered = k == 0 ? Math.pow(t / GAMMA_STEPS, gamma)
				: gammaTable[k] + (t - k) * (gammaTable[k + 1] - gammaTable[k]);
			images[i] = (float) (powered * range + min);
		}
	}

	private void noise(final PatchBatch batch, final int b, final double sigma) {
		final float[] images = batch.images();
		final int n = batch.voxelsPerPatch() * batch.channels(), from = b * n;
		for (int i = from; i < from + n; i++) images[i] += (float) (sigma * random.nextGaussian());
	}
}

package sauron.prune;

import java.util.Arrays;
import java.util.List;

import sauron.net.FeatureMaps;

/**
 * delta_prune (docs/SAURON.md section 4): how far each channel's feature map is from a reference channel's, on
 * raw average-pooled maps, relative to the farthest channel. Channels close to the reference are redundant.
 */
public final class PruningCriterion {

	private PruningCriterion() {}

	/**
	 * @param maps one layer's output for a batch, channels-last and row-major: [B, (D,) H, W, C]
	 * @param shape that shape, batch first and channels last
	 * @param reference the channel r the others are compared with (the caller draws it at random)
	 * @param sf pooling kernel and stride on every spatial axis; a remainder at the end of an axis is ignored
	 * @return delta_prune per channel, in [0, 1]: per sample d_c / max_c d_c (all 0 when every d_c is 0),
	 *         averaged over the batch; 0 for the reference itself
	 */
	public static double[] deltaPrune(final float[] maps, final long[] shape, final int reference, final int sf) {
		if (shape.length < 3) throw new IllegalArgumentException("maps need a batch, spatial and channel axis, got shape " + Arrays.toString(shape));
		final int batch = Math.toIntExact(shape[0]), channels = Math.toIntExact(shape[shape.length - 1]);
		final long[] spatial = Arrays.copyOfRange(shape, 1, shape.length - 1);
		long voxels = 1;
		for (final long s : spatial) {
			if (s < 1) throw new IllegalArgumentException("empty spatial axis in shape " + Arrays.toString(shape));
			voxels *= s;
		}
		if ((long) batch * voxels * channels != maps.length)
			throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + (long) batch * voxels * channels + " values, got " + maps.length);
		if (reference < 0 || reference >= channels) throw new IllegalArgumentException("reference channel " + reference + " is not in 0.." + (channels - 1));
		if (sf < 1) throw new IllegalArgumentException("pooling factor must be >= 1, got " + sf);

		final double[] delta = new double[channels];
		for (int b = 0; b < batch; b++) {
			final double[][] pooled = pool(maps, b * voxels * channels, spatial, channels, sf);
			final double[] d = new double[channels];
			double max = 0;
			for (int c = 0; c < channels; c++) {
				double sum = 0;
				for (final double[] voxel : pooled) {
					final double diff = voxel[reference] - voxel[c];
					sum += diff * diff;
				}
				d[c] = Math.sqrt(sum / pooled.length);
				max = Math.max(max, d[c]);
			}
			if (max > 0) for (int c = 0; c < channels; c++) delta[c] += d[c] / max / batch;
		}
		return delta;
	}

	/** Channels to keep: delta_prune >= tau, and the reference whatever its value. */
	public static boolean[] keep(final double[] deltaPrune, final double tau, final int reference) {
		final boolean[] keep = new boolean[deltaPrune.length];
		for (int c = 0; c < keep.length; c++) keep[c] = c == reference || deltaPrune[c] >= tau;
		return keep;
	}

	/**
	 * {@link #keep(double[], double, int)} within limits: of the channels below tau at most
	 * max(1, floor(maxShare * width)) go, those closest to the reference first, and never so many that fewer
	 * than min(minFilters, width) stay.
	 */
	public static boolean[] keep(final double[] deltaPrune, final double tau, final int reference, final int minFilters, final double maxShare) {
		final int width = deltaPrune.length;
		final int allowed = Math.min(Math.max(1, (int) Math.floor(maxShare * width)), width - Math.min(minFilters, width));
		final Integer[] closestFirst = new Integer[width];
		for (int c = 0; c < width; c++) closestFirst[c] = c;
		Arrays.sort(closestFirst, (a, b) -> Double.compare(deltaPrune[a], deltaPrune[b]));
		final boolean[] keep = new boolean[width];
		Arrays.fill(keep, true);
		int removed = 0;
		for (final int c : closestFirst)
			if (c != reference && deltaPrune[c] < tau && removed < allowed) {
				keep[c] = false;
				removed++;
			}
		return keep;
	}

	/** delta_prune averaged over several batches of one layer's maps, against one reference channel. */
	public static double[] deltaPrune(final List<FeatureMaps> batches, final int reference, final int sf) {
		final double[] mean = new double[batches.get(0).channels()];
		for (final FeatureMaps m : batches) {
			final double[] d = deltaPrune(m.values(), m.shape(), reference, sf);
			for (int c = 0; c < mean.length; c++) mean[c] += d[c] / batches.size();
		}
		return mean;
	}

	/** Average-pooled maps of one sample: [pooled voxel][channel]. */
	private static double[][] pool(final float[] maps, final long offset, final long[] spatial, final int channels, final int sf) {
		final int dims = spatial.length;
		final int[] factor = new int[dims];
		final long[] pooledShape = new long[dims];
		long pooledVoxels = 1, voxels = 1;
		for (int d = 0; d < dims; d++) {
			factor[d] = Pooling.factor(spatial[d], sf);
			pooledShape[d] = spatial[d] / factor[d];
			pooledVoxels *= pooledShape[d];
			voxels *= spatial[d];
		}
		final double[][] pooled = new double[Math.toIntExact(pooledVoxels)][channels];
		double window = 1;
		for (final int f : factor) window *= f;
		for (long v = 0; v < voxels; v++) {
			// Row-major: the last spatial axis runs fastest.
			long rest = v, target = 0, stride = 1;
			boolean inside = true;
			for (int d = dims - 1; d >= 0; d--) {
				final long coordinate = rest % spatial[d];
				rest /= spatial[d];
				final long p = coordinate / factor[d];
				if (p >= pooledShape[d]) inside = false;
				target += p * stride;
				stride *= pooledShape[d];
			}
			if (!inside) continue;
			final double[] out = pooled[(int) target];
			final long base = offset + v * channels;
			for (int c = 0; c < channels; c++) out[c] += maps[Math.toIntExact(base + c)] / window;
		}
		return pooled;
	}
}

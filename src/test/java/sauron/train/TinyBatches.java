package sauron.train;

import java.util.Random;

/** Small synthetic batches made in code: a bright ball (class 1) on noise. */
final class TinyBatches {

	final float[] images;
	final byte[] labels;

	/** @param shape spatial shape, x first */
	TinyBatches(final int batch, final int[] shape, final long seed) {
		int voxels = 1;
		for (final int s : shape) voxels *= s;
		images = new float[batch * voxels];
		labels = new byte[batch * voxels];
		final Random random = new Random(seed);
		for (int b = 0; b < batch; b++) {
			final double[] centre = new double[shape.length];
			for (int d = 0; d < shape.length; d++) centre[d] = shape[d] * (0.3 + 0.4 * random.nextDouble());
			final double radius = 0.25 * shape[0];
			final int[] pos = new int[shape.length];
			for (int i = 0; i < voxels; i++) {
				int rest = i;
				double r2 = 0;
				for (int d = 0; d < shape.length; d++) {
					pos[d] = rest % shape[d];
					rest /= shape[d];
					r2 += (pos[d] - centre[d]) * (pos[d] - centre[d]);
				}
				final boolean inside = r2 < radius * radius;
				labels[b * voxels + i] = (byte) (inside ? 1 : 0);
				images[b * voxels + i] = (inside ? 1f : -1f) + 0.5f * (float) random.nextGaussian();
			}
		}
	}
}

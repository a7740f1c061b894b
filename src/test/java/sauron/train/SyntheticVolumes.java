package sauron.train;

import java.util.Random;

import sauron.data.LabelVolume;
import sauron.data.TrainingPair;
import sauron.data.Volume;

/** Small images made in code: bright balls (class 1) on a noisy, unevenly lit background. */
public final class SyntheticVolumes {

	private SyntheticVolumes() {}

	/** @param shape x first, 2D or 3D */
	public static TrainingPair balls(final String name, final int[] shape, final int balls, final long seed) {
		final Random random = new Random(seed);
		int voxels = 1;
		for (final int s : shape) voxels *= s;
		final float[] image = new float[voxels];
		final byte[] labels = new byte[voxels];
		final double[][] centres = new double[balls][shape.length];
		final double[] radii = new double[balls];
		for (int b = 0; b < balls; b++) {
			for (int d = 0; d < shape.length; d++) centres[b][d] = shape[d] * (0.2 + 0.6 * random.nextDouble());
			radii[b] = Math.min(shape[0], shape[1]) * (0.08 + 0.08 * random.nextDouble());
		}
		final int[] pos = new int[shape.length];
		for (int i = 0; i < voxels; i++) {
			int rest = i;
			for (int d = 0; d < shape.length; d++) {
				pos[d] = rest % shape[d];
				rest /= shape[d];
			}
			boolean inside = false;
			for (int b = 0; b < balls; b++) {
				double r2 = 0;
				for (int d = 0; d < shape.length; d++) r2 += (pos[d] - centres[b][d]) * (pos[d] - centres[b][d]);
				inside |= r2 <= radii[b] * radii[b];
			}
			labels[i] = (byte) (inside ? 1 : 0);
			image[i] = (float) (100 + (inside ? 60 : 0) + 20 * pos[0] / shape[0] + 10 * random.nextGaussian());
		}
		final double[] voxelSize = new double[shape.length];
		java.util.Arrays.fill(voxelSize, 1);
		return new TrainingPair(name, new Volume(shape, 1, image, voxelSize), new LabelVolume(shape, labels, voxelSize), 2);
	}
}

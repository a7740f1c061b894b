package sauron.metrics;

import java.util.Arrays;

import sauron.data.LabelVolume;

/** Comparing two label volumes only makes sense voxel for voxel on the same grid. */
final class SameGrid {

	/** Voxel sizes read back from files (NIfTI floats, TIFF rationals) differ in the last digits. */
	static final double VOXEL_SIZE_TOLERANCE = 1e-6;

	private SameGrid() {}

	static void require(final LabelVolume prediction, final LabelVolume truth) {
		if (!Arrays.equals(prediction.shape(), truth.shape()))
			throw new IllegalArgumentException("prediction shape " + Arrays.toString(prediction.shape())
					+ " differs from truth shape " + Arrays.toString(truth.shape()));
		final double[] p = prediction.voxelSize(), t = truth.voxelSize();
		for (int d = 0; d < p.length; d++)
			if (Math.abs(p[d] - t[d]) > VOXEL_SIZE_TOLERANCE * Math.max(Math.abs(p[d]), Math.abs(t[d])))
				throw new IllegalArgumentException("prediction voxel size " + Arrays.toString(p) + " (shape " + Arrays.toString(prediction.shape())
						+ ") differs from truth voxel size " + Arrays.toString(t) + " (shape " + Arrays.toString(truth.shape()) + ")");
	}
}

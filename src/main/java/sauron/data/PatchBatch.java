package sauron.data;

import java.util.Arrays;

/**
 * A batch of training patches laid out exactly as the TensorFlow tensors [B, (Z,) Y, X, C] (images)
 * and [B, (Z,) Y, X] (labels): channels-last, x fastest, patch after patch.
 *
 * @param batch number of patches
 * @param patchShape spatial patch size, x first (length = network dims)
 * @param channels image channels per voxel
 * @param images {@code batch * voxels * channels} values
 * @param labels {@code batch * voxels} class indices
 */
public record PatchBatch(int batch, int[] patchShape, int channels, float[] images, byte[] labels) {

	public PatchBatch {
		final long voxels = Shapes.voxels(patchShape);
		if (images.length != batch * voxels * channels || labels.length != batch * voxels)
			throw new IllegalArgumentException("batch of " + batch + " patches " + Arrays.toString(patchShape) + "x" + channels
				+ " needs " + batch * voxels * channels + " image and " + batch * voxels + " label values, got "
				+ images.length + " and " + labels.length);
		patchShape = patchShape.clone();
	}

	public static PatchBatch allocate(final int batch, final int[] patchShape, final int channels) {
		final int voxels = Math.toIntExact(Shapes.voxels(patchShape));
		return new PatchBatch(batch, patchShape, channels, new float[Math.multiplyExact(batch, Math.multiplyExact(voxels, channels))], new byte[batch * voxels]);
	}

	@Override
	public int[] patchShape() { return patchShape.clone(); }

	public int voxelsPerPatch() { return Math.toIntExact(Shapes.voxels(patchShape)); }

	/** Shape of the image tensor: [B, (Z,) Y, X, C]. */
	public long[] imageTensorShape() {
		final long[] t = new long[patchShape.length + 2];
		t[0] = batch;
		final long[] spatial = Shapes.tensorSpatialShape(patchShape);
		System.arraycopy(spatial, 0, t, 1, spatial.length);
		t[t.length - 1] = channels;
		return t;
	}

	/** Shape of the label tensor: [B, (Z,) Y, X]. */
	public long[] labelTensorShape() {
		return Arrays.copyOf(imageTensorShape(), patchShape.length + 1);
	}

	/** Content equality: the default record equality would compare the arrays by reference. */
	@Override
	public boolean equals(final Object o) {
		return o instanceof PatchBatch p && batch == p.batch && channels == p.channels && Arrays.equals(patchShape, p.patchShape)
			&& Arrays.equals(images, p.images) && Arrays.equals(labels, p.labels);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * Arrays.hashCode(patchShape) + Arrays.hashCode(images)) + Arrays.hashCode(labels);
	}

	@Override
	public String toString() {
		return "PatchBatch " + batch + " x " + Arrays.toString(patchShape) + "x" + channels;
	}
}

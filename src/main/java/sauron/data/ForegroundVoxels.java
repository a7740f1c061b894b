package sauron.data;

/**
 * Where each foreground class lies in one label image: per class, a list of linear voxel indices.
 * Built once per training pair so that foreground-centred patches cost O(1) to place.
 * <p>
 * A class with more than {@link #MAX_PER_CLASS} voxels keeps every k-th voxel (in linear order, so
 * still spread over the whole structure): that bounds memory on large 3D volumes with big
 * structures, the same way nnU-Net stores a sample of class locations.
 */
final class ForegroundVoxels {

	static final int MAX_PER_CLASS = 1 << 20;

	/** indices[c] for c in 1..classes-1; indices[0] is unused (background). */
	private final int[][] indices;
	/** Foreground classes with at least one voxel. */
	private final int[] present;

	ForegroundVoxels(final byte[] labels, final int classes) {
		final int[] counts = new int[classes];
		for (final byte b : labels) counts[b & 0xff]++;
		indices = new int[classes][];
		final int[] stride = new int[classes];
		int nPresent = 0;
		for (int c = 1; c < classes; c++) {
			stride[c] = Math.max(1, (counts[c] + MAX_PER_CLASS - 1) / MAX_PER_CLASS);
			indices[c] = new int[(counts[c] + stride[c] - 1) / stride[c]];
			if (counts[c] > 0) nPresent++;
		}
		final int[] seen = new int[classes];
		for (int i = 0; i < labels.length; i++) {
			final int c = labels[i] & 0xff;
			if (c == 0) continue;
			if (seen[c] % stride[c] == 0) indices[c][seen[c] / stride[c]] = i;
			seen[c]++;
		}
		present = new int[nPresent];
		for (int c = 1, k = 0; c < classes; c++)
			if (counts[c] > 0) present[k++] = c;
	}

	boolean any() { return present.length > 0; }

	/** Foreground classes present, ascending. */
	int[] present() { return present.clone(); }

	int presentCount() { return present.length; }

	int presentClass(final int k) { return present[k]; }

	int count(final int c) { return indices[c].length; }

	int voxel(final int c, final int k) { return indices[c][k]; }
}

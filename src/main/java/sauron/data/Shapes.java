package sauron.data;

/** Small helpers for spatial shapes given x first (ImgLib2 order) and stored x fastest. */
public final class Shapes {

	private Shapes() {}

	public static long voxels(final int[] shape) {
		long n = 1;
		for (final int s : shape) n *= s;
		return n;
	}

	public static int linearIndex(final int[] shape, final int[] position) {
		int index = 0;
		for (int d = shape.length - 1; d >= 0; d--) index = index * shape[d] + position[d];
		return index;
	}

	public static long[] toLong(final int[] shape) {
		final long[] l = new long[shape.length];
		for (int d = 0; d < shape.length; d++) l[d] = shape[d];
		return l;
	}

	/** TensorFlow's spatial order (z, y, x) of an ImgLib2-ordered shape (x, y, z). */
	public static long[] tensorSpatialShape(final int[] shape) {
		final long[] t = new long[shape.length];
		for (int d = 0; d < shape.length; d++) t[d] = shape[shape.length - 1 - d];
		return t;
	}

	/** "(x, y[, z])" of a linear index, for messages that point at one voxel. */
	public static String position(final int[] shape, int index) {
		final StringBuilder sb = new StringBuilder("(");
		for (int d = 0; d < shape.length; d++) {
			sb.append(d == 0 ? "" : ", ").append(index % shape[d]);
			index /= shape[d];
		}
		return sb.append(')').toString();
	}
}

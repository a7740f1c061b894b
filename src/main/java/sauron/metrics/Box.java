package sauron.metrics;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * An axis-aligned box of voxels [min, max] (inclusive) in a 2D or 3D grid stored x fastest. Surface
 * distances only need the box around both masks: the distance transform of a box that holds every
 * feature is exact inside it, and a neighbour outside the box is outside the mask, as at the border.
 */
final class Box {

	final int[] min;
	final int[] max;

	private Box(final int[] min, final int[] max) {
		this.min = min;
		this.max = max;
	}

	/** Smallest box around the voxels where {@code inside} holds, or null when there are none. */
	static Box around(final IntPredicate inside, final int[] shape) {
		final int dims = shape.length;
		final int[] min = new int[dims];
		final int[] max = new int[dims];
		Arrays.fill(min, Integer.MAX_VALUE);
		Arrays.fill(max, -1);
		final int nx = shape[0], ny = shape[1], nz = dims == 3 ? shape[2] : 1;
		int i = 0;
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++, i++) {
					if (!inside.test(i)) continue;
					if (x < min[0]) min[0] = x;
					if (x > max[0]) max[0] = x;
					if (y < min[1]) min[1] = y;
					if (y > max[1]) max[1] = y;
					if (dims == 3) {
						if (z < min[2]) min[2] = z;
						if (z > max[2]) max[2] = z;
					}
				}
		return max[0] < 0 ? null : new Box(min, max);
	}

	/** Smallest box holding both (either may be null). */
	static Box union(final Box a, final Box b) {
		if (a == null) return b;
		if (b == null) return a;
		final int[] min = new int[a.min.length];
		final int[] max = new int[a.min.length];
		for (int d = 0; d < min.length; d++) {
			min[d] = Math.min(a.min[d], b.min[d]);
			max[d] = Math.max(a.max[d], b.max[d]);
		}
		return new Box(min, max);
	}

	int[] shape() {
		final int[] s = new int[min.length];
		for (int d = 0; d < s.length; d++) s[d] = max[d] - min[d] + 1;
		return s;
	}

	/** The values of {@code inside} over this box of a grid of {@code shape}, as a mask of {@link #shape()}. */
	boolean[] crop(final IntPredicate inside, final int[] shape) {
		final int[] s = shape();
		final boolean[] mask = new boolean[Math.toIntExact(sauron.data.Shapes.voxels(s))];
		final int nx = shape[0], ny = shape[1];
		final int z0 = s.length == 3 ? min[2] : 0, z1 = s.length == 3 ? max[2] : 0;
		int j = 0;
		for (int z = z0; z <= z1; z++)
			for (int y = min[1]; y <= max[1]; y++) {
				final int row = (z * ny + y) * nx;
				for (int x = min[0]; x <= max[0]; x++) mask[j++] = inside.test(row + x);
			}
		return mask;
	}
}

package sauron.metrics;

import java.util.Random;

/** Obvious, slow reference implementations the fast code is tested against. */
final class BruteForce {

	private BruteForce() {}

	static int[] position(final int index, final int[] shape) {
		final int[] p = new int[shape.length];
		int rest = index;
		for (int d = 0; d < shape.length; d++) {
			p[d] = rest % shape[d];
			rest /= shape[d];
		}
		return p;
	}

	static double squaredDistance(final int i, final int j, final int[] shape, final double[] voxelSize) {
		final int[] p = position(i, shape), q = position(j, shape);
		double s = 0;
		for (int d = 0; d < shape.length; d++) {
			final double delta = (p[d] - q[d]) * voxelSize[d];
			s += delta * delta;
		}
		return s;
	}

	static double[] squaredDistances(final boolean[] features, final int[] shape, final double[] voxelSize) {
		final double[] d = new double[features.length];
		for (int i = 0; i < d.length; i++) {
			d[i] = Double.POSITIVE_INFINITY;
			for (int j = 0; j < d.length; j++)
				if (features[j]) d[i] = Math.min(d[i], squaredDistance(i, j, shape, voxelSize));
		}
		return d;
	}

	/** Surface by definition: a mask voxel one of whose face neighbours is outside the mask or the image. */
	static boolean[] surface(final boolean[] mask, final int[] shape) {
		final boolean[] s = new boolean[mask.length];
		for (int i = 0; i < mask.length; i++) {
			if (!mask[i]) continue;
			final int[] p = position(i, shape);
			for (int d = 0; d < shape.length; d++)
				for (final int step : new int[] { -1, 1 }) {
					final int[] q = p.clone();
					q[d] += step;
					if (q[d] < 0 || q[d] >= shape[d] || !mask[sauron.data.Shapes.linearIndex(shape, q)]) s[i] = true;
				}
		}
		return s;
	}

	/** Distances from each surface voxel of a to the nearest surface voxel of b, in index order. */
	static double[] surfaceDistances(final boolean[] a, final boolean[] b, final int[] shape, final double[] voxelSize) {
		final boolean[] sa = surface(a, shape), sb = surface(b, shape);
		final double[] all = new double[a.length];
		int n = 0;
		for (int i = 0; i < a.length; i++) {
			if (!sa[i]) continue;
			double best = Double.POSITIVE_INFINITY;
			for (int j = 0; j < b.length; j++)
				if (sb[j]) best = Math.min(best, squaredDistance(i, j, shape, voxelSize));
			all[n++] = Math.sqrt(best);
		}
		return java.util.Arrays.copyOf(all, n);
	}

	static boolean[] randomMask(final Random random, final int voxels, final double density) {
		final boolean[] m = new boolean[voxels];
		for (int i = 0; i < voxels; i++) m[i] = random.nextDouble() < density;
		return m;
	}
}

package sauron.metrics;

import java.util.Arrays;
import java.util.stream.IntStream;

import sauron.data.Shapes;

/**
 * Exact squared Euclidean distance transform on a 2D or 3D grid with anisotropic voxel size
 * (Felzenszwalb &amp; Huttenlocher, "Distance Transforms of Sampled Functions", 2012): one pass per
 * axis, each pass the lower envelope of parabolas {@code w (p - q)^2 + f(q)} with {@code w} the
 * squared voxel size along that axis. Arrays are stored x fastest, like {@link sauron.data.LabelVolume}.
 */
public final class EuclideanDistanceTransform {

	/** Lines per parallel task: big enough that scheduling costs nothing, small enough to balance. */
	private static final int LINES_PER_TASK = 64;

	private EuclideanDistanceTransform() {}

	/**
	 * Squared distance, in physical units squared, from every voxel to the nearest {@code true}
	 * voxel of {@code features}; 0 on the features, {@code +Infinity} everywhere when there are none.
	 */
	public static double[] squaredDistances(final boolean[] features, final int[] shape, final double[] voxelSize) {
		checkGrid(features.length, shape, voxelSize);
		final double[] d = new double[features.length];
		// The first axis works straight from the binary mask: nearest feature on the line, no parabolas needed.
		forEachLine(shape, 0, (start, stride, n, buffers) -> nearestOnLine(features, d, start, stride, n, voxelSize[0] * voxelSize[0]));
		for (int axis = 1; axis < shape.length; axis++) {
			final double w = voxelSize[axis] * voxelSize[axis];
			forEachLine(shape, axis, (start, stride, n, buffers) -> lowerEnvelope(d, start, stride, n, w, buffers));
		}
		return d;
	}

	/** Euclidean distance in physical units (square root of {@link #squaredDistances}). */
	public static double[] distances(final boolean[] features, final int[] shape, final double[] voxelSize) {
		final double[] d = squaredDistances(features, shape, voxelSize);
		for (int i = 0; i < d.length; i++) d[i] = Math.sqrt(d[i]);
		return d;
	}

	private static void checkGrid(final int length, final int[] shape, final double[] voxelSize) {
		if (shape.length != 2 && shape.length != 3)
			throw new IllegalArgumentException("distance transform needs a 2D or 3D shape, got " + Arrays.toString(shape));
		if (voxelSize.length != shape.length)
			throw new IllegalArgumentException("voxel size " + Arrays.toString(voxelSize) + " does not match shape " + Arrays.toString(shape));
		if (length != Shapes.voxels(shape))
			throw new IllegalArgumentException("mask has " + length + " voxels, shape " + Arrays.toString(shape) + " needs " + Shapes.voxels(shape));
		for (final double s : voxelSize)
			if (!(s > 0) || Double.isInfinite(s))
				throw new IllegalArgumentException("voxel size must be positive and finite, got " + Arrays.toString(voxelSize));
	}

	/** 1D squared distance to the nearest feature on one line, by a forward and a backward sweep. */
	private static void nearestOnLine(final boolean[] features, final double[] d, final int start, final int stride, final int n, final double w) {
		int last = -1; // index of the nearest feature seen so far on the left
		for (int p = 0, i = start; p < n; p++, i += stride) {
			if (features[i]) last = p;
			d[i] = last < 0 ? Double.POSITIVE_INFINITY : w * (double) (p - last) * (p - last);
		}
		last = -1;
		for (int p = n - 1, i = start + (n - 1) * stride; p >= 0; p--, i -= stride) {
			if (features[i]) last = p;
			if (last >= 0) d[i] = Math.min(d[i], w * (double) (last - p) * (last - p));
		}
	}

	/**
	 * In place on one line of {@code d}: {@code d(p) = min_q w (p - q)^2 + d(q)}. Infinite samples are
	 * left out of the envelope, so lines without any finite sample stay infinite.
	 */
	private static void lowerEnvelope(final double[] d, final int start, final int stride, final int n, final double w, final LineBuffers b) {
		final double[] f = b.f;
		final int[] v = b.v;
		final double[] z = b.z;
		for (int p = 0, i = start; p < n; p++, i += stride) f[p] = d[i];
		int k = -1; // index of the rightmost parabola in the envelope
		for (int q = 0; q < n; q++) {
			if (f[q] == Double.POSITIVE_INFINITY) continue;
			double s = Double.NEGATIVE_INFINITY;
			while (k >= 0) {
				final int r = v[k];
				s = ((f[q] + w * q * q) - (f[r] + w * r * r)) / (2 * w * (q - r));
				if (s > z[k]) break;
				k--; // parabola r is hidden by q from z[k] on: drop it
			}
			k++;
			v[k] = q;
			z[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
		}
		if (k < 0) return; // no finite sample: the line is already all infinite
		z[k + 1] = Double.POSITIVE_INFINITY;
		int j = 0;
		for (int p = 0, i = start; p < n; p++, i += stride) {
			while (z[j + 1] < p) j++;
			final int q = v[j];
			d[i] = w * (double) (p - q) * (p - q) + f[q];
		}
	}

	private static final class LineBuffers {
		final double[] f;
		final int[] v;
		final double[] z;

		LineBuffers(final int n) {
			f = new double[n];
			v = new int[n];
			z = new double[n + 1];
		}
	}

	@FunctionalInterface
	private interface LineOperation {
		void apply(int start, int stride, int n, LineBuffers buffers);
	}

	/** Runs {@code op} on every line along {@code axis}; lines are independent, so tasks run in parallel. */
	private static void forEachLine(final int[] shape, final int axis, final LineOperation op) {
		final int n = shape[axis];
		int stride = 1;
		for (int d = 0; d < axis; d++) stride *= shape[d];
		final int lines = Math.toIntExact(Shapes.voxels(shape) / n);
		final int step = stride;
		final int tasks = (lines + LINES_PER_TASK - 1) / LINES_PER_TASK;
		IntStream.range(0, tasks).parallel().forEach(t -> {
			final LineBuffers buffers = new LineBuffers(n);
			final int end = Math.min(lines, (t + 1) * LINES_PER_TASK);
			for (int line = t * LINES_PER_TASK; line < end; line++) {
				// Line number = (outer, inner) with inner running over the axes before `axis`.
				final int inner = line % step;
				final int outer = line / step;
				op.apply(outer * step * n + inner, step, n, buffers);
			}
		});
	}
}

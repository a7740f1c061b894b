package sauron.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a volume's voxel grid lies in space: its voxel size, and for volumes read from a file, the position and
 * orientation as that file states them (NIfTI-1 qform/sform, ImageJ calibration origin and units). Immutable; the
 * core never looks inside, it only carries it.
 * <p>
 * The rule, here and nowhere else:
 * <ul>
 * <li>A volume computed on the grid of another (the normalised image, class probabilities, labels, feature maps of
 * level-0 layers) carries the other's geometry unchanged, so a writer puts the input's header geometry into the
 * output verbatim.</li>
 * <li>A volume on a pooled grid (feature maps of a lower U-Net level) carries {@link #pooled}: voxel i of it covers
 * voxels f·i .. f·i + f − 1 of the input, so it sits at their centre and is f times as large.</li>
 * <li>Two volumes are on one grid when {@link #difference} finds nothing: same voxel size and the same voxel-to-mm
 * affine, to within a thousandth of a voxel plus float rounding. Header codes and how a file states the affine
 * (qform or sform) do not matter, only where the voxels are.</li>
 * </ul>
 */
public interface Geometry {

	/** Voxel size in mm, x first: at least as many entries as the volume has axes (NIfTI always gives three). */
	double[] voxelSize();

	/**
	 * Where voxel (i, j, k) lies, in mm: rows x, y, z of the 3x4 matrix [R | t], so that position = R (i, j, k) + t.
	 * A 2D volume's voxels have k = 0.
	 */
	double[][] affine();

	/**
	 * The same space on another axis-aligned grid, whose voxel i' lies at voxel {@code scale[d] * i' + shift[d]} of
	 * this one along axis d (axes beyond {@code scale.length} are unchanged). Use {@link #pooled}.
	 */
	Geometry resampled(double[] scale, double[] shift);

	/**
	 * The grid of a level pooled by {@code factors} (x first): voxel i covers voxels f·i .. f·i + f − 1 of this one.
	 * All factors 1 is this grid, so this geometry itself.
	 */
	default Geometry pooled(final int[] factors) {
		if (Arrays.stream(factors).allMatch(f -> f == 1)) return this; // the same grid: verbatim
		final double[] scale = new double[factors.length], shift = new double[factors.length];
		for (int d = 0; d < factors.length; d++) {
			if (factors[d] < 1) throw new IllegalArgumentException("pooling factors must be >= 1, got " + Arrays.toString(factors));
			scale[d] = factors[d];
			shift[d] = (factors[d] - 1) / 2.0;
		}
		return resampled(scale, shift);
	}

	/** Only a voxel size (x first, mm), for volumes made in code: an unrotated grid with voxel (0, 0, 0) at the origin. */
	static Geometry of(final double[] voxelSize) {
		return new AxisAligned(voxelSize, new double[3]);
	}

	/**
	 * What makes two grids differ, in words ("voxel size [3, 3, 3] mm vs [1, 1, 1] mm", "origin ... vs ...", "axes
	 * ..."), or null when they are one grid: same voxel size on the first {@code dims} axes, and the same affine
	 * (its columns for those axes and its offset) to within a thousandth of the smallest voxel plus float rounding
	 * of the largest entry.
	 */
	static String difference(final Geometry a, final Geometry b, final int dims) {
		final double[] va = Arrays.copyOf(a.voxelSize(), dims), vb = Arrays.copyOf(b.voxelSize(), dims);
		double smallest = Double.POSITIVE_INFINITY;
		for (int d = 0; d < dims; d++) {
			if (Math.abs(va[d] - vb[d]) > 1e-5 * Math.max(va[d], vb[d]))
				return "voxel size " + format(va) + " mm vs " + format(vb) + " mm";
			smallest = Math.min(smallest, Math.min(va[d], vb[d]));
		}
		final double[][] ma = a.affine(), mb = b.affine();
		double largest = 0;
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 4; c++) largest = Math.max(largest, Math.max(Math.abs(ma[r][c]), Math.abs(mb[r][c])));
		final double tolerance = 1e-3 * smallest + 1e-6 * largest;
		boolean axes = false, origin = false;
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 4; c++)
				if ((c < dims || c == 3) && !(Math.abs(ma[r][c] - mb[r][c]) <= tolerance)) { // a 2D grid has no third axis to step along
					if (c < 3) axes = true;
					else origin = true;
				}
		if (axes) return "axes (flipped, permuted or rotated): voxel-to-mm affine " + format(ma) + " vs " + format(mb);
		if (origin) return "origin " + point(column(ma, 3)) + " mm vs " + point(column(mb, 3)) + " mm";
		return null;
	}

	private static double[] column(final double[][] m, final int c) {
		return new double[] { m[0][c], m[1][c], m[2][c] };
	}

	/** "(x, y, z)" */
	private static String point(final double[] p) {
		final String s = format(p);
		return "(" + s.substring(1, s.length() - 1) + ")";
	}

	private static String format(final double[][] m) {
		final StringBuilder sb = new StringBuilder("[");
		for (int r = 0; r < m.length; r++) sb.append(r > 0 ? ", " : "").append(format(m[r]));
		return sb.append(']').toString();
	}

	private static String format(final double[] values) {
		final StringBuilder sb = new StringBuilder("[");
		for (int i = 0; i < values.length; i++) {
			final String s = String.format(Locale.ROOT, "%.6g", values[i]);
			// 3.00000 -> 3, 0.500000 -> 0.5; keep exponents as they are
			sb.append(i > 0 ? ", " : "").append(s.contains("e") || !s.contains(".") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", ""));
		}
		return sb.append(']').toString();
	}

	/**
	 * An unrotated grid: a voxel size and where voxel (0, 0, 0) lies, both in mm. What volumes made in code have
	 * (at the origin), and what pooling them gives.
	 */
	final class AxisAligned implements Geometry {

		private final double[] size, origin;

		AxisAligned(final double[] size, final double[] origin) {
			if (size.length < 1 || size.length > 3) throw new IllegalArgumentException("a voxel size has 1 to 3 entries, got " + Arrays.toString(size));
			this.size = size.clone();
			this.origin = Arrays.copyOf(origin, 3);
		}

		@Override
		public double[] voxelSize() { return size.clone(); }

		/** Where voxel (0, 0, 0) lies, mm. */
		public double[] origin() { return origin.clone(); }

		@Override
		public double[][] affine() {
			final double[][] m = new double[3][4];
			for (int d = 0; d < 3; d++) {
				m[d][d] = d < size.length ? size[d] : 1;
				m[d][3] = origin[d];
			}
			return m;
		}

		@Override
		public Geometry resampled(final double[] scale, final double[] shift) {
			final double[] s = size.clone(), o = origin.clone();
			for (int d = 0; d < Math.min(scale.length, s.length); d++) {
				o[d] += shift[d] * s[d];
				s[d] *= scale[d];
			}
			return new AxisAligned(s, o);
		}

		@Override
		public boolean equals(final Object o) {
			return o instanceof AxisAligned a && Arrays.equals(size, a.size) && Arrays.equals(origin, a.origin);
		}

		@Override
		public int hashCode() { return 31 * Arrays.hashCode(size) + Arrays.hashCode(origin); }

		@Override
		public String toString() { return "voxel size " + Arrays.toString(size) + " mm, voxel 0 at " + Arrays.toString(origin) + " mm"; }
	}
}

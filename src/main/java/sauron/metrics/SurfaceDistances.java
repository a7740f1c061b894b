package sauron.metrics;

import java.util.Arrays;
import java.util.function.IntPredicate;

import sauron.data.LabelVolume;
import sauron.data.Shapes;

/**
 * Distances, in physical units, from each surface voxel of mask A to the surface of mask B and from
 * each surface voxel of B to the surface of A, as medpy's {@code __surface_distances} computes them
 * (surfaces by {@link BinarySurface}, distances by an exact {@link EuclideanDistanceTransform}).
 * HD95, the Hausdorff distance and the average symmetric surface distance all come from these.
 *
 * <p>Empty masks: when both are empty every summary is 0 (the masks agree); when exactly one is
 * empty every summary is {@code +Infinity} (the distance to an empty set). medpy raises instead.
 */
public final class SurfaceDistances {

	private final double[] aToB;
	private final double[] bToA;
	private final boolean aEmpty;
	private final boolean bEmpty;
	private double[] sortedUnion; // built on first use

	private SurfaceDistances(final double[] aToB, final double[] bToA, final boolean aEmpty, final boolean bEmpty) {
		this.aToB = aToB;
		this.bToA = bToA;
		this.aEmpty = aEmpty;
		this.bEmpty = bEmpty;
	}

	/** Surface distances between two boolean masks of one grid (x fastest). */
	public static SurfaceDistances between(final boolean[] a, final boolean[] b, final int[] shape, final double[] voxelSize) {
		final long voxels = Shapes.voxels(shape);
		if (a.length != voxels || b.length != voxels)
			throw new IllegalArgumentException("masks have " + a.length + " and " + b.length + " voxels, shape " + Arrays.toString(shape) + " needs " + voxels);
		return between(i -> a[i], i -> b[i], shape, voxelSize);
	}

	/** Surface distances between the voxels labelled {@code label} in two label volumes of one grid. */
	public static SurfaceDistances between(final LabelVolume a, final LabelVolume b, final int label) {
		SameGrid.require(a, b);
		if (label < 0 || label > 255) throw new IllegalArgumentException("label must be within 0..255, got " + label);
		final byte[] la = a.labels(), lb = b.labels();
		final byte l = (byte) label;
		return between(i -> la[i] == l, i -> lb[i] == l, a.shape(), a.voxelSize());
	}

	private static SurfaceDistances between(final IntPredicate inA, final IntPredicate inB, final int[] shape, final double[] voxelSize) {
		final Box boxA = Box.around(inA, shape);
		final Box boxB = Box.around(inB, shape);
		if (boxA == null || boxB == null) return new SurfaceDistances(new double[0], new double[0], boxA == null, boxB == null);
		// Work inside the box around both masks only: exact (see Box) and far cheaper on large volumes.
		final Box box = Box.union(boxA, boxB);
		final int[] cropShape = box.shape();
		final boolean[] surfaceA = BinarySurface.of(box.crop(inA, shape), cropShape);
		final boolean[] surfaceB = BinarySurface.of(box.crop(inB, shape), cropShape);
		return new SurfaceDistances(
				distancesOn(surfaceA, surfaceB, cropShape, voxelSize),
				distancesOn(surfaceB, surfaceA, cropShape, voxelSize), false, false);
	}

	/** Distance from each voxel of {@code from} (in index order) to the nearest voxel of {@code to}. */
	private static double[] distancesOn(final boolean[] from, final boolean[] to, final int[] shape, final double[] voxelSize) {
		final double[] squared = EuclideanDistanceTransform.squaredDistances(to, shape, voxelSize);
		int n = 0;
		for (final boolean f : from) if (f) n++;
		final double[] d = new double[n];
		int k = 0;
		for (int i = 0; i < from.length; i++) if (from[i]) d[k++] = Math.sqrt(squared[i]);
		return d;
	}

	/** Distances from each surface voxel of A to the surface of B (a copy; empty if A or B is empty). */
	public double[] fromAToB() { return aToB.clone(); }

	/** Distances from each surface voxel of B to the surface of A (a copy; empty if A or B is empty). */
	public double[] fromBToA() { return bToA.clone(); }

	public boolean bothEmpty() { return aEmpty && bEmpty; }

	public boolean oneEmpty() { return aEmpty != bEmpty; }

	/** The {@code percent}-th percentile ({@link Percentile}, numpy "linear") of both distance sets together. */
	public double percentile(final double percent) {
		if (bothEmpty()) return 0;
		if (oneEmpty()) return Double.POSITIVE_INFINITY;
		return Percentile.ofSorted(sortedUnion(), percent);
	}

	/** The 95th-percentile Hausdorff distance, as medpy's {@code hd95} (percentile of the union of both directions). */
	public double hd95() { return percentile(95); }

	/** The Hausdorff distance (HD100): the largest distance in either direction. */
	public double hausdorff() {
		if (bothEmpty()) return 0;
		if (oneEmpty()) return Double.POSITIVE_INFINITY;
		final double[] s = sortedUnion();
		return s[s.length - 1];
	}

	/** Average symmetric surface distance, as medpy's {@code assd}: the mean of the two directed mean distances. */
	public double averageSymmetric() {
		if (bothEmpty()) return 0;
		if (oneEmpty()) return Double.POSITIVE_INFINITY;
		return (mean(aToB) + mean(bToA)) / 2;
	}

	private static double mean(final double[] d) {
		double sum = 0;
		for (final double v : d) sum += v;
		return sum / d.length;
	}

	private double[] sortedUnion() {
		if (sortedUnion == null) {
			final double[] u = Arrays.copyOf(aToB, aToB.length + bToA.length);
			System.arraycopy(bToA, 0, u, aToB.length, bToA.length);
			Arrays.sort(u);
			sortedUnion = u;
		}
		return sortedUnion;
	}
}

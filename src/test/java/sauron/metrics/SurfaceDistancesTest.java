package sauron.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import sauron.data.Shapes;

class SurfaceDistancesTest {

	private static boolean[] box(final int[] shape, final int[] min, final int[] max) {
		final boolean[] mask = new boolean[(int) Shapes.voxels(shape)];
		for (int i = 0; i < mask.length; i++) {
			final int[] p = BruteForce.position(i, shape);
			boolean in = true;
			for (int d = 0; d < shape.length; d++) in &= p[d] >= min[d] && p[d] <= max[d];
			mask[i] = in;
		}
		return mask;
	}

	private static double[] sortedUnion(final double[] a, final double[] b) {
		final double[] u = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, u, a.length, b.length);
		Arrays.sort(u);
		return u;
	}

	@Test
	void matchesBruteForceOnRandom2DAnd3DMasks() {
		final Random random = new Random(4);
		for (final int[] shape : new int[][] { { 13, 9 }, { 7, 6, 5 } }) {
			final double[] voxelSize = shape.length == 2 ? new double[] { 0.6, 1.7 } : new double[] { 1.1, 0.45, 2.3 };
			for (int trial = 0; trial < 4; trial++) {
				final int n = (int) Shapes.voxels(shape);
				final boolean[] a = BruteForce.randomMask(random, n, 0.4), b = BruteForce.randomMask(random, n, 0.2);
				final SurfaceDistances s = SurfaceDistances.between(a, b, shape, voxelSize);
				final double[] aToB = BruteForce.surfaceDistances(a, b, shape, voxelSize);
				final double[] bToA = BruteForce.surfaceDistances(b, a, shape, voxelSize);
				assertArrayEquals(aToB, s.fromAToB(), 1e-9);
				assertArrayEquals(bToA, s.fromBToA(), 1e-9);
				final double[] union = sortedUnion(aToB, bToA);
				assertEquals(Percentile.ofSorted(union, 95), s.hd95(), 1e-9);
				assertEquals(union[union.length - 1], s.hausdorff(), 1e-9);
			}
		}
	}

	@Test
	void matchesMedpyOnTwoEllipsoidsWithAnOutlier() {
		// Reference: medpy's hd95/hd/assd recipe in numpy 2.4 + scipy 1.17 (binary_erosion with connectivity 1,
		// distance_transform_edt with sampling), on the same masks indexed [z, y, x], sampling (2.5, 1.1, 0.7).
		final int[] shape = { 24, 20, 16 };
		final boolean[] a = new boolean[24 * 20 * 16], b = new boolean[a.length];
		for (int i = 0; i < a.length; i++) {
			final int[] p = BruteForce.position(i, shape);
			final double x = p[0], y = p[1], z = p[2];
			a[i] = sq((x - 10) / 6.0) + sq((y - 9) / 5.0) + sq((z - 7) / 4.0) <= 1;
			b[i] = sq((x - 12) / 7.0) + sq((y - 8) / 4.0) + sq((z - 8) / 3.0) <= 1;
		}
		b[Shapes.linearIndex(shape, new int[] { 21, 17, 2 })] = true;
		final SurfaceDistances s = SurfaceDistances.between(a, b, shape, new double[] { 0.7, 1.1, 2.5 });
		assertEquals(226, s.fromAToB().length);
		assertEquals(183, s.fromBToA().length);
		assertEquals(3.937003937005905, s.hd95(), 1e-9);
		assertEquals(9.99599919967984, s.hausdorff(), 1e-9);
		assertEquals(1.458064287237709, s.averageSymmetric(), 1e-9);
	}

	private static double sq(final double v) { return v * v; }

	@Test
	void cubesShiftedAlongTheFineAxisAreTheShiftApart() {
		// Side 6, shifted 2 voxels along z of 0.4: every distance is a whole number of z steps up to 2 (0.8),
		// since any lateral step (>= 1.0) is longer; a third of the surface is the full 0.8 away, so HD95 = HD = 0.8.
		final int[] shape = { 12, 12, 14 };
		final double[] voxelSize = { 1.2, 1.0, 0.4 };
		final boolean[] a = box(shape, new int[] { 3, 3, 3 }, new int[] { 8, 8, 8 });
		final boolean[] b = box(shape, new int[] { 3, 3, 5 }, new int[] { 8, 8, 10 });
		final SurfaceDistances s = SurfaceDistances.between(a, b, shape, voxelSize);
		assertEquals(0.8, s.hd95(), 1e-12);
		assertEquals(0.8, s.hausdorff(), 1e-12);
		assertArrayEquals(BruteForce.surfaceDistances(a, b, shape, voxelSize), s.fromAToB(), 1e-12);
	}

	@Test
	void squaresShiftedAlongTheCoarseAxisIn2D() {
		// 10 x 10 squares shifted 3 rows of 2.0 along y (x steps are 0.5): the 10 voxels of A's bottom row and of B's
		// top row are exactly 6.0 from the other surface, 20 of the 72 distances, so HD95 = HD = 6.0.
		final int[] shape = { 16, 20 };
		final double[] voxelSize = { 0.5, 2.0 };
		final boolean[] a = box(shape, new int[] { 3, 2 }, new int[] { 12, 11 });
		final boolean[] b = box(shape, new int[] { 3, 5 }, new int[] { 12, 14 });
		final SurfaceDistances s = SurfaceDistances.between(a, b, shape, voxelSize);
		assertEquals(6.0, s.hausdorff(), 1e-12);
		assertEquals(6.0, s.hd95(), 1e-12);
	}

	@Test
	void oneFarOutlierRaisesTheHausdorffDistanceButNotHd95() {
		final int[] shape = { 40, 40 };
		final double[] voxelSize = { 0.5, 0.75 };
		final boolean[] disc = new boolean[1600];
		for (int i = 0; i < disc.length; i++) {
			final int[] p = BruteForce.position(i, shape);
			disc[i] = sq(p[0] - 12) + sq(p[1] - 12) <= 64;
		}
		final boolean[] withOutlier = disc.clone();
		withOutlier[Shapes.linearIndex(shape, new int[] { 38, 37 })] = true;
		final SurfaceDistances s = SurfaceDistances.between(withOutlier, disc, shape, voxelSize);
		final double outlier = Arrays.stream(BruteForce.surfaceDistances(withOutlier, disc, shape, voxelSize)).max().getAsDouble();
		assertTrue(outlier > 15, "outlier distance " + outlier);
		assertEquals(outlier, s.hausdorff(), 1e-9);
		assertEquals(0, s.hd95(), 0);
		final int discSurface = s.fromBToA().length;
		assertEquals(outlier / (discSurface + 1) / 2, s.averageSymmetric(), 1e-9);
	}

	@Test
	void singleVoxelsAreTheirPhysicalDistanceApart() {
		final int[] shape = { 5, 4, 6 };
		final boolean[] a = new boolean[120], b = new boolean[120];
		a[Shapes.linearIndex(shape, new int[] { 1, 2, 3 })] = true;
		b[Shapes.linearIndex(shape, new int[] { 4, 0, 3 })] = true;
		final SurfaceDistances s = SurfaceDistances.between(a, b, shape, new double[] { 0.5, 2, 3 });
		final double d = Math.sqrt(1.5 * 1.5 + 4 * 4);
		assertEquals(d, s.hd95(), 1e-12);
		assertEquals(d, s.hausdorff(), 1e-12);
		assertEquals(d, s.averageSymmetric(), 1e-12);
		assertEquals(0, SurfaceDistances.between(a, a, shape, new double[] { 0.5, 2, 3 }).hd95(), 0);
	}

	@Test
	void bothEmptyIsZeroAndOneEmptyIsInfinite() {
		final int[] shape = { 4, 4 };
		final boolean[] empty = new boolean[16], one = new boolean[16];
		one[5] = true;
		final SurfaceDistances both = SurfaceDistances.between(empty, empty, shape, new double[] { 1, 1 });
		assertEquals(0, both.hd95(), 0);
		assertEquals(0, both.hausdorff(), 0);
		assertEquals(0, both.averageSymmetric(), 0);
		for (final SurfaceDistances s : new SurfaceDistances[] {
				SurfaceDistances.between(one, empty, shape, new double[] { 1, 1 }),
				SurfaceDistances.between(empty, one, shape, new double[] { 1, 1 }) }) {
			assertEquals(Double.POSITIVE_INFINITY, s.hd95());
			assertEquals(Double.POSITIVE_INFINITY, s.hausdorff());
			assertEquals(Double.POSITIVE_INFINITY, s.averageSymmetric());
		}
	}
}

package sauron.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class EuclideanDistanceTransformTest {

	private static void assertMatchesBruteForce(final boolean[] mask, final int[] shape, final double[] voxelSize) {
		final double[] expected = BruteForce.squaredDistances(mask, shape, voxelSize);
		final double[] actual = EuclideanDistanceTransform.squaredDistances(mask, shape, voxelSize);
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], 1e-9, "voxel " + i);
	}

	@Test
	void matchesBruteForceOnRandom2DMasksWithAnisotropicSpacing() {
		final Random random = new Random(1);
		final int[] shape = { 17, 11 };
		for (final double density : new double[] { 0.01, 0.05, 0.3 })
			for (int trial = 0; trial < 5; trial++)
				assertMatchesBruteForce(BruteForce.randomMask(random, 17 * 11, density), shape, new double[] { 0.37, 1.9 });
	}

	@Test
	void matchesBruteForceOnRandom3DMasksWithAnisotropicSpacing() {
		final Random random = new Random(2);
		final int[] shape = { 9, 7, 8 };
		for (final double density : new double[] { 0.003, 0.02, 0.2 })
			for (int trial = 0; trial < 4; trial++)
				assertMatchesBruteForce(BruteForce.randomMask(random, 9 * 7 * 8, density), shape, new double[] { 0.8, 1.3, 3.1 });
	}

	@Test
	void singleFeatureGivesPhysicalDistanceFromIt() {
		final int[] shape = { 5, 4, 3 };
		final boolean[] mask = new boolean[60];
		mask[sauron.data.Shapes.linearIndex(shape, new int[] { 1, 2, 0 })] = true;
		final double[] d = EuclideanDistanceTransform.distances(mask, shape, new double[] { 0.5, 2, 3 });
		// (4, 0, 2) is 3 x-steps of 0.5, 2 y-steps of 2 and 2 z-steps of 3 away.
		assertEquals(Math.sqrt(1.5 * 1.5 + 4 * 4 + 6 * 6), d[sauron.data.Shapes.linearIndex(shape, new int[] { 4, 0, 2 })], 1e-12);
	}

	@Test
	void emptyMaskIsInfinitelyFarEverywhere() {
		final double[] d = EuclideanDistanceTransform.squaredDistances(new boolean[12], new int[] { 4, 3 }, new double[] { 1, 1 });
		final double[] inf = new double[12];
		java.util.Arrays.fill(inf, Double.POSITIVE_INFINITY);
		assertArrayEquals(inf, d);
	}

	@Test
	void rejectsMaskOfWrongSizeAndBadVoxelSize() {
		assertThrows(IllegalArgumentException.class,
				() -> EuclideanDistanceTransform.squaredDistances(new boolean[11], new int[] { 4, 3 }, new double[] { 1, 1 }));
		assertThrows(IllegalArgumentException.class,
				() -> EuclideanDistanceTransform.squaredDistances(new boolean[12], new int[] { 4, 3 }, new double[] { 1, 0 }));
	}
}

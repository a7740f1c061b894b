package sauron.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import sauron.data.Shapes;

class BinarySurfaceTest {

	private static int count(final boolean[] b) {
		int n = 0;
		for (final boolean v : b) if (v) n++;
		return n;
	}

	@Test
	void cubeInsideTheImageHasItsShellAsSurface() {
		final int[] shape = { 5, 5, 5 };
		final boolean[] mask = new boolean[125];
		for (int z = 1; z <= 3; z++)
			for (int y = 1; y <= 3; y++)
				for (int x = 1; x <= 3; x++) mask[Shapes.linearIndex(shape, new int[] { x, y, z })] = true;
		final boolean[] surface = BinarySurface.of(mask, shape);
		assertEquals(26, count(surface));
		assertEquals(false, surface[Shapes.linearIndex(shape, new int[] { 2, 2, 2 })]);
	}

	@Test
	void imageBorderCountsAsOutside() {
		final boolean[] full = new boolean[4 * 3];
		java.util.Arrays.fill(full, true);
		assertEquals(12 - 2, count(BinarySurface.of(full, new int[] { 4, 3 }))); // only (1,1) and (2,1) are interior
	}

	@Test
	void matchesDefinitionOnRandom2DAnd3DMasks() {
		final Random random = new Random(3);
		for (final int[] shape : new int[][] { { 9, 8 }, { 6, 5, 7 }, { 5, 4, 1 } }) {
			final boolean[] mask = BruteForce.randomMask(random, (int) Shapes.voxels(shape), 0.7);
			assertArrayEquals(BruteForce.surface(mask, shape), BinarySurface.of(mask, shape), java.util.Arrays.toString(shape));
		}
	}
}

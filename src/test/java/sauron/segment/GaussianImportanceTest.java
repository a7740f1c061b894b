package sauron.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussianImportanceTest {

	@Test
	void peaksAtOneInTheCentreWithSigmaAnEighthOfTheSide() {
		final float[] map = GaussianImportance.map(new int[] { 16, 8 });
		// centre (8, 4); one sigma along x is 2 voxels, along y 1 voxel.
		assertEquals(1f, map[4 * 16 + 8], 1e-7f);
		assertEquals((float) Math.exp(-0.5), map[4 * 16 + 10], 1e-6f);
		assertEquals((float) Math.exp(-0.5), map[5 * 16 + 8], 1e-6f);
		float max = 0;
		for (final float w : map) max = Math.max(max, w);
		assertEquals(1f, max);
	}

	@Test
	void hasNoZeroWeights() {
		for (final float w : GaussianImportance.map(new int[] { 64, 64, 64 })) assertTrue(w > 0);
		for (final float w : GaussianImportance.map(new int[] { 1, 3 })) assertTrue(w > 0);
	}
}

package sauron.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForegroundVoxelsTest {

	@Test
	void listsTheVoxelsOfEachPresentClass() {
		final byte[] labels = { 0, 2, 0, 2, 0, 0, 3, 0 };
		final ForegroundVoxels fg = new ForegroundVoxels(labels, 5);
		assertArrayEquals(new int[] { 2, 3 }, fg.present());
		assertEquals(0, fg.count(1));
		assertEquals(2, fg.count(2));
		assertEquals(1, fg.voxel(2, 0));
		assertEquals(3, fg.voxel(2, 1));
		assertEquals(6, fg.voxel(3, 0));
		assertFalse(new ForegroundVoxels(new byte[8], 2).any());
	}

	@Test
	void largeClassesKeepABoundedSpreadSample() {
		final byte[] labels = new byte[3 * ForegroundVoxels.MAX_PER_CLASS];
		java.util.Arrays.fill(labels, (byte) 1);
		final ForegroundVoxels fg = new ForegroundVoxels(labels, 2);
		assertEquals(ForegroundVoxels.MAX_PER_CLASS, fg.count(1));
		assertEquals(0, fg.voxel(1, 0));
		assertTrue(fg.voxel(1, fg.count(1) - 1) >= labels.length - 3, "reaches the end of the image");
	}
}

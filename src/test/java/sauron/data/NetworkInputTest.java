package sauron.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What a U-Net takes: the one rule for images, patches and tiles, and the one sentence for each way to miss it. */
class NetworkInputTest {

	@Test
	void theSizeMultipleIsTwoToTheLevelsMinusOneAsTheEncoderHalvesEverySideLevelsMinusOneTimes() {
		assertEquals(1, NetworkInput.sizeMultiple(1));
		assertEquals(2, NetworkInput.sizeMultiple(2));
		assertEquals(8, NetworkInput.sizeMultiple(4));
		assertEquals(128, NetworkInput.sizeMultiple(8));
		assertEquals("levels must be in 1..31, got 0", assertThrows(IllegalArgumentException.class, () -> NetworkInput.sizeMultiple(0)).getMessage());
	}

	@Test
	void everySideMustBeAPositiveMultiple() {
		assertNull(NetworkInput.sidesMismatch("patch", new int[] { 16, 48 }, 2, 16));
		assertNull(NetworkInput.sidesMismatch("patch", new int[] { 8, 8, 8 }, 3, 8));
		assertEquals("patch 18x16: each side must be a positive multiple of 4 = 2^(levels-1) for 3 levels, e.g. 20x16",
				NetworkInput.sidesMismatch("patch", new int[] { 18, 16 }, 2, 4));
		assertEquals("tile 0x16: each side must be a positive multiple of 4 = 2^(levels-1) for 3 levels, e.g. 4x16",
				NetworkInput.sidesMismatch("tile", new int[] { 0, 16 }, 2, 4), "zero is a multiple of everything, but no side");
		assertEquals("tile -8x16: each side must be a positive multiple of 4 = 2^(levels-1) for 3 levels, e.g. 4x16",
				NetworkInput.sidesMismatch("tile", new int[] { -8, 16 }, 2, 4));
		assertEquals("patch 8x8x4: each side must be a positive multiple of 8 = 2^(levels-1) for 4 levels, e.g. 8x8x8",
				NetworkInput.sidesMismatch("patch", new int[] { 8, 8, 4 }, 3, 8), "a side below the multiple is refused and the example rounds it up");
	}

	@Test
	void theNumberOfSidesIsTheNetworksDimensionalityAndIsCheckedFirst() {
		assertEquals("--patch 16x16x18 has 3 sides; a 2D network needs 2 sides, x first", NetworkInput.sidesMismatch("--patch", new int[] { 16, 16, 18 }, 2, 4));
		assertEquals("tile 16x16 has 2 sides; a 3D network needs 3 sides, x first", NetworkInput.axesMismatch("tile", new int[] { 16, 16 }, 3));
		assertNull(NetworkInput.axesMismatch("tile", new int[] { 15, 17 }, 2), "the count alone says nothing of the multiple");
	}

	@Test
	void aMultipleThatIsNoPowerOfTwoIsNamedWithoutLevels() {
		assertEquals("tile 4x6: each side must be a positive multiple of 3, e.g. 3x6", NetworkInput.sidesMismatch("tile", new int[] { 4, 6 }, 2, 3));
	}

	@Test
	void theCheckThrowsTheSameSentence() {
		final int[] sides = { 18, 16 };
		assertEquals(NetworkInput.sidesMismatch("patch", sides, 2, 4),
				assertThrows(IllegalArgumentException.class, () -> NetworkInput.checkSides("patch", sides, 2, 4)).getMessage());
		assertDoesNotThrow(() -> NetworkInput.checkSides("patch", new int[] { 20, 16 }, 2, 4));
		assertThrows(IllegalArgumentException.class, () -> NetworkInput.checkAxes("tile", new int[] { 16 }, 2));
	}

	@Test
	void aTileRoundsUpToTheSmallestPositiveMultipleThatCoversTheSide() {
		assertEquals(16, NetworkInput.roundUp(16, 8));
		assertEquals(24, NetworkInput.roundUp(17, 8));
		assertEquals(8, NetworkInput.roundUp(1, 8));
		assertEquals(8, NetworkInput.roundUp(0, 8), "never a tile of no voxels");
	}

	@Test
	void roundingDownGivesTheLargestMultipleInsideTheSide() {
		assertEquals(16, NetworkInput.roundDown(23, 8));
		assertEquals(24, NetworkInput.roundDown(24, 8));
		assertEquals(0, NetworkInput.roundDown(7, 8), "shorter than one multiple: nothing fits");
	}

	@Test
	void aSizeMultipleBelowOneIsRefused() {
		assertEquals("the network's size multiple must be >= 1, it says 0",
				assertThrows(IllegalArgumentException.class, () -> NetworkInput.roundUp(5, 0)).getMessage());
		assertThrows(IllegalArgumentException.class, () -> NetworkInput.sidesMismatch("tile", new int[] { 4, 4 }, 2, -2));
	}

	@Test
	void anImageNeedsAtLeastTheNetworksAxesAndExactlyItsChannels() {
		assertNull(NetworkInput.dimsMismatch("stack.tif", new int[] { 40, 30, 5 }, 2), "a 2D network reads a 3D image slice by slice");
		assertEquals("head.nii.gz is a 2D image ([40, 30]); the model is a 3D network and needs 3D images",
				NetworkInput.dimsMismatch("head.nii.gz", new int[] { 40, 30 }, 3));
		assertNull(NetworkInput.channelsMismatch("rgb.tif", 3, 3));
		assertEquals("rgb.tif has 3 channel(s); the model was trained on 1", NetworkInput.channelsMismatch("rgb.tif", 3, 1));
		assertEquals("rgb.tif has 3 channel(s); the model was trained on 1",
				assertThrows(IllegalArgumentException.class, () -> NetworkInput.checkImage("rgb.tif", new int[] { 4, 4 }, 3, 2, 1)).getMessage());
		assertEquals("flat is a 2D image ([4, 4]); the model is a 3D network and needs 3D images",
				assertThrows(IllegalArgumentException.class, () -> NetworkInput.checkImage("flat", new int[] { 4, 4 }, 3, 3, 1)).getMessage(),
				"the axes first: with too few of them the channels do not matter");
	}

	@Test
	void sizesAreWrittenAsTheCommandLineTakesThem() {
		assertEquals("64x64x32", NetworkInput.sizes(new int[] { 64, 64, 32 }));
	}
}

package sauron.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PatchSamplerTest {

	/** Image value = 1 + linear voxel index (so 0 means padding); label = x % 2 inside the image. */
	private static TrainingPair positionCoded(final int[] shape, final int channels) {
		final Volume image = TestData.ramp(shape, channels);
		for (int i = 0; i < image.data().length; i++) image.data()[i] += 1;
		final LabelVolume labels = TestData.labels(shape);
		for (int i = 0; i < labels.voxels(); i++) labels.set(i, i % shape[0] % 2);
		return new TrainingPair("coded", image, labels, 2);
	}

	@Test
	void patchesAreContiguousWindowsWithMatchingLabelsInTensorLayout() {
		final int[] shape = { 9, 8, 7 };
		final PatchSampler sampler = new PatchSampler(List.of(positionCoded(shape, 2)), new int[] { 4, 3, 2 }, 3, 2, 0.5, 1);
		final PatchBatch batch = sampler.nextBatch();
		assertArrayEquals(new long[] { 3, 2, 3, 4, 2 }, batch.imageTensorShape());
		assertArrayEquals(new long[] { 3, 2, 3, 4 }, batch.labelTensorShape());
		final float[] im = batch.images();
		for (int b = 0; b < 3; b++) {
			final int p0 = b * 24;
			final int origin = (int) (im[p0 * 2] - 1) / 2; // linear index of the patch's first voxel
			for (int z = 0; z < 2; z++)
				for (int y = 0; y < 3; y++)
					for (int x = 0; x < 4; x++) {
						final int v = p0 + (z * 3 + y) * 4 + x;
						final int expected = origin + (z * 8 + y) * 9 + x;
						assertEquals(2 * expected + 1, im[2 * v], 0); // channel 0
						assertEquals(2 * expected + 2, im[2 * v + 1], 0); // channel 1
						assertEquals(expected % 9 % 2, batch.labels()[v]);
					}
		}
	}

	@Test
	void pairSmallerThanPatchIsZeroPaddedAndFullyInside() {
		final PatchSampler sampler = new PatchSampler(List.of(positionCoded(new int[] { 3, 3 }, 1)), new int[] { 5, 6 }, 20, 2, 0.5, 2);
		final PatchBatch batch = sampler.nextBatch();
		for (int b = 0; b < 20; b++) {
			int inside = 0;
			double sum = 0;
			for (int v = b * 30; v < (b + 1) * 30; v++) {
				if (batch.images()[v] != 0) inside++;
				else assertEquals(0, batch.labels()[v]);
				sum += batch.images()[v];
			}
			assertEquals(9, inside);
			assertEquals(45, sum, 0);
		}
	}

	@Test
	void foregroundOversamplingCentresPatchesOnForeground() {
		final int[] shape = { 64, 64 };
		final LabelVolume labels = TestData.labels(shape);
		labels.set(10 * 64 + 50, 1); // one foreground voxel at (50, 10)
		final TrainingPair pair = new TrainingPair("dot", TestData.ramp(shape, 1), labels, 2);
		assertEquals(300, countPatchesWithForeground(pair, 1.0, 300));
		// A random 8x8 patch meets the dot with a chance q of about 2 %; a patch has foreground with chance
		// p + (1 - p) q, in [0.33, 0.36] for p = 0.33. Of 6,000 patches (sd 0.006 of the share) the share must lie
		// within [0.30, 0.39]: 0.22 (at most 0.26) and 0.44 (at least 0.44) are each more than 4 sd outside.
		final double share = countPatchesWithForeground(pair, 0.33, 6000) / 6000.0;
		assertTrue(share > 0.30 && share < 0.39, "share of patches with foreground at p = 0.33: " + share);
		assertTrue(countPatchesWithForeground(pair, 0, 6000) < 300, "q < 0.05");
	}

	private static int countPatchesWithForeground(final TrainingPair pair, final double p, final int n) {
		final PatchBatch batch = new PatchSampler(List.of(pair), new int[] { 8, 8 }, n, 2, p, 3).nextBatch();
		int count = 0;
		for (int b = 0; b < n; b++)
			for (int v = b * 64; v < (b + 1) * 64; v++)
				if (batch.labels()[v] == 1) {
					count++;
					break;
				}
		return count;
	}

	@Test
	void twoDimensionalNetworkTakesAxialSlicesOfVolumes() {
		final int[] shape = { 6, 6, 5 };
		final PatchSampler sampler = new PatchSampler(List.of(positionCoded(shape, 1)), new int[] { 4, 4 }, 10, 2, 0, 4);
		final PatchBatch batch = sampler.nextBatch();
		assertArrayEquals(new long[] { 10, 4, 4, 1 }, batch.imageTensorShape());
		for (int b = 0; b < 10; b++) {
			final int z = (int) (batch.images()[b * 16] - 1) / 36;
			for (int v = b * 16; v < (b + 1) * 16; v++) assertEquals(z, (int) (batch.images()[v] - 1) / 36);
		}
	}

	@Test
	void threeDimensionalNetworkRejects2DPairs() {
		final var e = assertThrows(IllegalArgumentException.class,
			() -> new PatchSampler(List.of(positionCoded(new int[] { 6, 6 }, 1)), new int[] { 4, 4, 4 }, 1, 2, 1));
		assertTrue(e.getMessage().contains("coded"), e.getMessage());
	}

	@Test
	void sameSeedSameBatchesOtherSeedOtherBatches() {
		final List<TrainingPair> pairs = List.of(positionCoded(new int[] { 20, 20, 4 }, 1), positionCoded(new int[] { 10, 12, 3 }, 1));
		final PatchSampler a = new PatchSampler(pairs, new int[] { 8, 8, 2 }, 2, 2, 7);
		final PatchSampler b = new PatchSampler(pairs, new int[] { 8, 8, 2 }, 2, 2, 7);
		final PatchSampler c = new PatchSampler(pairs, new int[] { 8, 8, 2 }, 2, 2, 8);
		for (int i = 0; i < 5; i++) {
			final PatchBatch batch = a.nextBatch();
			assertEquals(batch, b.nextBatch());
			assertNotEquals(batch, c.nextBatch());
		}
	}
}

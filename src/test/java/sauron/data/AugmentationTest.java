package sauron.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class AugmentationTest {

	private static final Augmentation.Settings SPATIAL_ONLY = new Augmentation.Settings(true, true, 0, 1, 1, 0, 0);

	/** Image value = voxel index (+ 1000 * channel) across the batch; label = a function of it. */
	private static PatchBatch coded(final int batch, final int[] shape, final int channels) {
		final PatchBatch b = PatchBatch.allocate(batch, shape, channels);
		for (int v = 0; v < b.labels().length; v++) {
			for (int c = 0; c < channels; c++) b.images()[v * channels + c] = v + 100000 * c;
			b.labels()[v] = labelOf(v);
		}
		return b;
	}

	private static byte labelOf(final float value) {
		return (byte) ((int) value % 7);
	}

	@Test
	void flipsAndRotationsKeepImageAndLabelTogether() {
		for (final int[] shape : new int[][] { { 6, 6, 4 }, { 5, 3, 2 }, { 8, 8 } }) {
			final PatchBatch batch = coded(3, shape, 2);
			final Augmentation aug = new Augmentation(SPATIAL_ONLY, 11);
			for (int round = 0; round < 10; round++) aug.apply(batch);
			final int voxels = batch.voxelsPerPatch();
			for (int b = 0; b < 3; b++) {
				final boolean[] seen = new boolean[voxels];
				for (int v = b * voxels; v < (b + 1) * voxels; v++) {
					final float value = batch.images()[2 * v];
					assertEquals(value + 100000, batch.images()[2 * v + 1], "channels move together");
					assertEquals(labelOf(value), batch.labels()[v], "label follows its voxel");
					seen[(int) value - b * voxels] = true; // stays within its own patch
				}
				for (final boolean s : seen) assertTrue(s, "a permutation of the patch's voxels");
			}
		}
	}

	/** The distinct arrangements of their own voxels that the patches of a coded batch show after one apply(). */
	private static java.util.Set<String> arrangementsAfterApply(final int patches, final int[] shape) {
		final PatchBatch batch = new Augmentation(SPATIAL_ONLY, 5).apply(coded(patches, shape, 1));
		final int voxels = batch.voxelsPerPatch();
		final java.util.Set<String> seen = new java.util.HashSet<>();
		for (int b = 0; b < patches; b++) {
			final float[] own = Arrays.copyOfRange(batch.images(), b * voxels, (b + 1) * voxels);
			for (int v = 0; v < voxels; v++) own[v] -= b * voxels;
			seen.add(Arrays.toString(own));
		}
		return seen;
	}

	@Test
	void applyMovesVoxelsThroughEveryFlipAndRotation() {
		// A square 2D patch has 8 symmetries (4 rotations, each mirrored or not), a non-square 3D patch 8 flips
		// (x, y, z each on or off): 200 random patches show all of them, the identity among them.
		final java.util.Set<String> square = arrangementsAfterApply(200, new int[] { 4, 4 });
		assertEquals(8, square.size(), square::toString);
		assertTrue(square.contains(Arrays.toString(coded(1, new int[] { 4, 4 }, 1).images())));
		assertEquals(8, arrangementsAfterApply(200, new int[] { 5, 3, 2 }).size());
	}

	@Test
	void fourQuarterTurnsAreIdentityAndTwoAreBothFlips() {
		final PatchBatch batch = coded(2, new int[] { 5, 5, 3 }, 1);
		final PatchBatch original = coded(2, new int[] { 5, 5, 3 }, 1);
		final Augmentation aug = new Augmentation(Augmentation.Settings.NONE, 0);
		aug.transform(batch, 1, false, false, false, 1);
		assertNotEquals(original, batch);
		final PatchBatch flipped = coded(2, new int[] { 5, 5, 3 }, 1);
		aug.transform(flipped, 1, true, true, false, 0);
		aug.transform(batch, 1, false, false, false, 1);
		assertEquals(flipped, batch, "two quarter turns = flip x and y");
		aug.transform(batch, 1, false, false, false, 1);
		aug.transform(batch, 1, false, false, false, 1);
		assertEquals(original, batch, "four quarter turns = identity");
	}

	@Test
	void quarterTurnIsARotationNotAMirror() {
		// 2 x 2 patch: values 0 1 / 2 3 (row y = 0 first); a quarter turn cycles the corners
		final PatchBatch batch = coded(1, new int[] { 2, 2 }, 1);
		new Augmentation(Augmentation.Settings.NONE, 0).transform(batch, 0, false, false, false, 1);
		assertArrayEquals(new float[] { 2, 0, 3, 1 }, batch.images());
	}

	@Test
	void rotationsOnlyForSquarePatches() {
		final PatchBatch batch = coded(50, new int[] { 4, 3 }, 1);
		new Augmentation(new Augmentation.Settings(false, true, 0, 1, 1, 0, 0), 5).apply(batch);
		assertEquals(coded(50, new int[] { 4, 3 }, 1), batch);
	}

	@Test
	void gammaKeepsTheRangeAndTheOrder() {
		final PatchBatch batch = PatchBatch.allocate(1, new int[] { 10, 10 }, 1);
		for (int i = 0; i < 100; i++) batch.images()[i] = -2 + 0.05f * i;
		final float[] before = batch.images().clone();
		new Augmentation(Augmentation.Settings.NONE, 0).gamma(batch, 0, 0, 1.5);
		final float[] after = batch.images();
		assertEquals(before[0], after[0], 1e-6);
		assertEquals(before[99], after[99], 1e-5);
		for (int i = 1; i < 100; i++) assertTrue(after[i] > after[i - 1]);
		assertTrue(after[50] < before[50], "gamma > 1 darkens the middle");
	}

	@Test
	void gammaMatchesMathPowOnTheRescaledPatch() {
		final PatchBatch batch = PatchBatch.allocate(1, new int[] { 50, 40 }, 1);
		final java.util.Random r = new java.util.Random(9);
		for (int i = 0; i < 2000; i++) batch.images()[i] = (float) (3 * r.nextGaussian());
		final float[] before = batch.images().clone();
		float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
		for (final float v : before) { min = Math.min(min, v); max = Math.max(max, v); }
		for (final double gamma : new double[] { 0.7, 1.5 }) {
			System.arraycopy(before, 0, batch.images(), 0, 2000);
			new Augmentation(Augmentation.Settings.NONE, 0).gamma(batch, 0, 0, gamma);
			for (int i = 0; i < 2000; i++) {
				final double exact = Math.pow((before[i] - min) / (max - min), gamma) * (max - min) + min;
				assertEquals(exact, batch.images()[i], 1e-4 * (max - min), "gamma " + gamma + " voxel " + i);
			}
		}
	}

	@Test
	void deterministicGivenTheSeedAndNoneChangesNothing() {
		final PatchBatch a = coded(4, new int[] { 8, 8, 8 }, 1), b = coded(4, new int[] { 8, 8, 8 }, 1);
		final Augmentation.Settings all = new Augmentation.Settings(true, true, 1, 0.7, 1.5, 1, 0.1);
		new Augmentation(all, 3).apply(a);
		new Augmentation(all, 3).apply(b);
		assertEquals(a, b);
		assertFalse(Arrays.equals(coded(4, new int[] { 8, 8, 8 }, 1).images(), a.images()));
		final PatchBatch c = coded(4, new int[] { 8, 8, 8 }, 1);
		new Augmentation(Augmentation.Settings.NONE, 3).apply(c);
		assertEquals(coded(4, new int[] { 8, 8, 8 }, 1), c);
	}
}

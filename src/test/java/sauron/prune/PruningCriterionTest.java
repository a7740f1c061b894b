package sauron.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** delta_prune flags exactly the channels that duplicate the reference, in 2D and 3D. */
class PruningCriterionTest {

	private static final double TAU = SauronSettings.PAPER.tau0();

	@Test
	void duplicatesOfTheReferenceAreFlaggedIn2d() {
		checkDuplicates(new long[] { 3, 8, 6, 7 }, 2, new int[] { 0, 5 }, 4);
	}

	@Test
	void duplicatesOfTheReferenceAreFlaggedIn3d() {
		checkDuplicates(new long[] { 2, 4, 5, 4, 6 }, 3, new int[] { 1 }, 5);
	}

	/**
	 * Random maps, where exactCopies duplicate the reference exactly and noisyCopy up to noise of 1e-6: those
	 * and nothing else fall below tau0; the reference stays.
	 */
	private static void checkDuplicates(final long[] shape, final int reference, final int[] exactCopies, final int noisyCopy) {
		final Random random = new Random(3);
		final float[] maps = randomMaps(shape, random);
		final int channels = (int) shape[shape.length - 1];
		for (int v = 0; v < maps.length / channels; v++) {
			final int base = v * channels;
			for (final int c : exactCopies) maps[base + c] = maps[base + reference];
			maps[base + noisyCopy] = maps[base + reference] + 1e-6f * (float) random.nextGaussian();
		}
		final double[] delta = PruningCriterion.deltaPrune(maps, shape, reference, 2);
		final boolean[] keep = PruningCriterion.keep(delta, TAU, reference);
		for (int c = 0; c < channels; c++) {
			assertTrue(delta[c] >= 0 && delta[c] <= 1, "delta " + delta[c] + " of channel " + c);
			boolean copy = c == noisyCopy;
			for (final int e : exactCopies) copy |= c == e;
			assertEquals(!copy, keep[c], "channel " + c + " (delta " + delta[c] + ")");
		}
		assertEquals(0, delta[reference]);
		for (final int c : exactCopies) assertEquals(0, delta[c]);
	}

	@Test
	void aRoundRemovesAtMostTheCapClosestToTheReferenceFirst() {
		final double[] delta = { 0.05, 0, 0.2, 0.01, 0.9, 0.03, 0.5, 0.15 };
		// Six of eight are below 0.3 besides the reference 1; a cap of 0.5 lets four go: the four closest.
		assertArrayEquals(new boolean[] { false, true, true, false, true, false, true, false }, PruningCriterion.keep(delta, 0.3, 1, 1, 0.5));
		// A cap below one filter still lets one go.
		assertArrayEquals(new boolean[] { true, true, true, false, true, true, true, true }, PruningCriterion.keep(delta, 0.3, 1, 1, 0.01));
		// No cap: all below tau go.
		assertArrayEquals(PruningCriterion.keep(delta, 0.3, 1), PruningCriterion.keep(delta, 0.3, 1, 1, 1));
	}

	@Test
	void noLayerIsPrunedBelowTheFloor() {
		final double[] delta = { 0.05, 0, 0.2, 0.01 };
		assertArrayEquals(new boolean[] { false, true, true, false }, PruningCriterion.keep(delta, 0.3, 1, 2, 1), "two stay: the reference and the farthest");
		assertArrayEquals(new boolean[] { true, true, true, true }, PruningCriterion.keep(delta, 0.3, 1, 9, 1), "a floor above the width keeps all");
		assertArrayEquals(new boolean[] { false, true, false, false }, PruningCriterion.keep(delta, 0.3, 1, 1, 1));
	}

	@Test
	void theReferenceStaysEvenAboveAnyThreshold() {
		final long[] shape = { 2, 4, 4, 3 };
		final double[] delta = PruningCriterion.deltaPrune(randomMaps(shape, new Random(1)), shape, 1, 2);
		assertArrayEquals(new boolean[] { false, true, false }, PruningCriterion.keep(delta, 2.0, 1));
	}

	@Test
	void valuesMatchAHandComputedExample() {
		// One sample, 2x4 map, 3 channels, reference 0. Pooled 2x2 windows (1x2 pooled grid):
		// channel 0: windows mean 1 and 3; channel 1: 1 and 5; channel 2: 3 and 3.
		final float[][] channel = { { 1, 1, 3, 3, 1, 1, 3, 3 }, { 0, 2, 5, 5, 1, 1, 5, 5 }, { 3, 3, 3, 3, 3, 3, 3, 3 } };
		final float[] maps = new float[8 * 3];
		for (int v = 0; v < 8; v++) for (int c = 0; c < 3; c++) maps[v * 3 + c] = channel[c][v];
		final double[] delta = PruningCriterion.deltaPrune(maps, new long[] { 1, 2, 4, 3 }, 0, 2);
		// d1 = sqrt((0 + 4) / 2) = sqrt(2); d2 = sqrt((4 + 0) / 2) = sqrt(2); max = sqrt(2)
		assertArrayEquals(new double[] { 0, 1, 1 }, delta, 1e-12);
	}

	@Test
	void aTrailingRemainderIsIgnored() {
		final long[] shape = { 2, 5, 7, 4 };
		final float[] maps = randomMaps(shape, new Random(9));
		final double[] before = PruningCriterion.deltaPrune(maps, shape, 0, 2);
		// Change the last row (y = 4) and column (x = 6): pooling with kernel 2 never reads them.
		for (int b = 0; b < 2; b++)
			for (int y = 0; y < 5; y++)
				for (int x = 0; x < 7; x++)
					if (y == 4 || x == 6) for (int c = 0; c < 4; c++) maps[((b * 5 + y) * 7 + x) * 4 + c] = 100 * c;
		assertArrayEquals(before, PruningCriterion.deltaPrune(maps, shape, 0, 2), 1e-12);
	}

	@Test
	void identicalChannelsGiveZerosNotNaN() {
		final long[] shape = { 2, 4, 4, 3 };
		final float[] maps = new float[2 * 16 * 3];
		for (int v = 0; v < 32; v++) maps[3 * v] = maps[3 * v + 1] = maps[3 * v + 2] = v % 5;
		assertArrayEquals(new double[] { 0, 0, 0 }, PruningCriterion.deltaPrune(maps, shape, 2, 2));
	}

	@Test
	void axesShorterThanThePoolingFactorArePooledWhole() {
		final long[] shape = { 1, 1, 1, 3 };
		final double[] delta = PruningCriterion.deltaPrune(new float[] { 1, 1, 3 }, shape, 0, 2);
		assertArrayEquals(new double[] { 0, 0, 1 }, delta);
	}

	@Test
	void badInputIsRejected() {
		assertThrows(IllegalArgumentException.class, () -> PruningCriterion.deltaPrune(new float[10], new long[] { 1, 2, 2, 3 }, 0, 2));
		assertThrows(IllegalArgumentException.class, () -> PruningCriterion.deltaPrune(new float[12], new long[] { 1, 2, 2, 3 }, 3, 2));
	}

	static float[] randomMaps(final long[] shape, final Random random) {
		long n = 1;
		for (final long s : shape) n *= s;
		final float[] maps = new float[(int) n];
		for (int i = 0; i < maps.length; i++) maps[i] = (float) random.nextGaussian();
		return maps;
	}
}

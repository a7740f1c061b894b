package sauron.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TileStartsTest {

	@Test
	void matchesNnUNetComputeSteps() {
		// numpy: ceil(68 / 16) + 1 = 6 steps, 13.6 apart, rounded.
		assertArrayEquals(new int[] { 0, 14, 27, 41, 54, 68 }, TileStarts.evenlySpaced(100, 32, 0.5));
	}

	@Test
	void singleTileWhenTheAxisEqualsTheTile() {
		assertArrayEquals(new int[] { 0 }, TileStarts.evenlySpaced(32, 32, 0.5));
	}

	@Test
	void noOverlapStillEndsFlush() {
		assertArrayEquals(new int[] { 0, 32 }, TileStarts.evenlySpaced(64, 32, 0));
		assertArrayEquals(new int[] { 0, 19, 38 }, TileStarts.evenlySpaced(70, 32, 0));
	}

	@Test
	void roundsHalfToEvenLikeNumpy() {
		// last = 5, target step 2.5 -> 3 tiles, 2.5 apart: 2.5 rounds to 2 (numpy), not 3.
		assertArrayEquals(new int[] { 0, 2, 5 }, TileStarts.evenlySpaced(10, 5, 0.5));
	}
}

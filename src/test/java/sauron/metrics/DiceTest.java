package sauron.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import sauron.data.LabelVolume;

class DiceTest {

	@Test
	void isTwiceTheOverlapOverTheSum() {
		assertEquals(2.0 * 3 / (4 + 5), Dice.fromCounts(3, 4, 5), 1e-15);
		assertEquals(0, Dice.fromCounts(0, 4, 0), 0);
		assertEquals(1, Dice.fromCounts(0, 0, 0), 0); // both empty: perfect agreement
		assertThrows(IllegalArgumentException.class, () -> Dice.fromCounts(5, 4, 5));
	}

	@Test
	void perClassCountsEveryLabelInOnePass() {
		final byte[] p = { 0, 1, 1, 2, 2, 0 };
		final byte[] t = { 0, 1, 2, 2, 2, 1 };
		final double[] v = { 1, 1 };
		final double[] dice = Dice.perClass(new LabelVolume(new int[] { 3, 2 }, p, v), new LabelVolume(new int[] { 3, 2 }, t, v), 4);
		assertArrayEquals(new double[] { 2.0 / 3, 2.0 / 4, 4.0 / 5, 1 }, dice, 1e-15);
	}
}

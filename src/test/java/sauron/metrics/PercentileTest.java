package sauron.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values are numpy 2.4's np.percentile(x, p) with its default (linear) method. */
class PercentileTest {

	@Test
	void interpolatesLinearlyBetweenClosestRanksLikeNumpy() {
		assertEquals(8.95, Percentile.ofSorted(new double[] { 1, 2, 3, 10 }, 95), 1e-12);
		final double[] x = { 0.5, 1, 2, 3, 4, 7.25, 100 };
		assertEquals(72.175, Percentile.ofSorted(x, 95), 1e-12);
		assertEquals(3.0, Percentile.ofSorted(x, 50), 0);
		assertEquals(0.8, Percentile.ofSorted(x, 10), 1e-12);
	}

	@Test
	void endsAreMinimumAndMaximum() {
		final double[] x = { -1, 2, 5 };
		assertEquals(-1, Percentile.ofSorted(x, 0), 0);
		assertEquals(5, Percentile.ofSorted(x, 100), 0);
		assertEquals(4.25, Percentile.ofSorted(new double[] { 4.25 }, 95), 0);
	}

	@Test
	void rejectsEmptySetAndPercentOutOfRange() {
		assertThrows(IllegalArgumentException.class, () -> Percentile.ofSorted(new double[0], 50));
		assertThrows(IllegalArgumentException.class, () -> Percentile.ofSorted(new double[] { 1 }, 101));
	}
}

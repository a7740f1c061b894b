package sauron.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The unpruned run's time, projected from the warm-up, and how many epochs of the pruned network fit in it. */
class TimeBudgetTest {

	@Test
	void theProjectionIsTheWarmupPlusItsMedianStepPerStepLeftPlusItsValidationPerEpochEndLeft() {
		final TimeBudget b = new TimeBudget();
		// The first step (graph optimisation) is left out; the median of the others is 1.0 s, whatever one outlier.
		for (final double s : new double[] { 5.0, 1.0, 0.9, 1.1, 1.0, 4.0 }) b.warmupStep(s);
		b.warmupValidation(2.0);
		b.warmupValidation(4.0);
		assertEquals(13 + 1.0 * 100 + 3.0 * 8, b.warmupEnded(13, 100, 8).getAsDouble(), 1e-12);
		assertEquals(137, b.projected(), 1e-12);
	}

	@Test
	void withoutValidationOnlyTheStepsCount() {
		final TimeBudget b = new TimeBudget();
		for (final double s : new double[] { 3.0, 0.5, 0.7 }) b.warmupStep(s);
		assertEquals(4.2 + 0.6 * 10, b.warmupEnded(4.2, 10, 3).getAsDouble(), 1e-12);
	}

	@Test
	void aWarmupTooShortToTimeGivesNoProjection() {
		final TimeBudget b = new TimeBudget();
		b.warmupStep(3.0);
		b.warmupStep(1.0);
		assertTrue(b.warmupEnded(4, 50, 5).isEmpty(), "one step after the first is no median");
		assertTrue(Double.isNaN(b.projected()));
		assertThrows(IllegalStateException.class, () -> b.epochsThatFit(3, 10, 1, 5));
	}

	@Test
	void asManyWholeEpochsOfThePrunedNetworkAsFitInWhatIsLeft() {
		final TimeBudget b = new TimeBudget();
		for (final double s : new double[] { 2.0, 1.0, 1.0 }) b.warmupStep(s);
		b.warmupEnded(10, 90, 0); // 100 s in all
		assertEquals(8 + 12, b.epochsThatFit(8, 60, 3.3, 12), "40 s left: 12 epochs of 3.3 s, not 13");
		assertEquals(12, b.epochsThatFit(8, 99, 3.3, 12), "never fewer than planned");
		assertEquals(12, b.epochsThatFit(8, 130, 3.3, 12), "nor when the budget is spent already");
		assertThrows(IllegalArgumentException.class, () -> b.epochsThatFit(8, 60, 0, 12));
	}

	@Test
	void theWarmupCannotGrowAfterItEnded() {
		final TimeBudget b = new TimeBudget();
		for (final double s : new double[] { 2.0, 1.0, 1.0 }) b.warmupStep(s);
		b.warmupEnded(4, 10, 1);
		assertThrows(IllegalStateException.class, () -> b.warmupStep(1));
		assertThrows(IllegalStateException.class, () -> b.warmupValidation(1));
	}
}

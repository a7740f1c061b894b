package sauron.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Pruning rounds come every N optimiser steps, or N of them evenly apart, between the warm-up and the recovery phase, whatever the epochs. */
class RoundPlanTest {

	@Test
	void roundsComeEveryNStepsBetweenWarmupAndRecovery() {
		// 120 steps, warm-up to step 30, recovery from step 90: rounds after steps 30, 40, ..., 90.
		final RoundPlan plan = new RoundPlan(new SauronSettings.Rounds(10, 0.25, 0.25, false), 120, 15);
		assertEquals(List.of(30L, 40L, 50L, 60L, 70L, 80L, 90L), roundSteps(plan, 120));
		assertEquals(7, plan.rounds());
		assertEquals(1, plan.roundAfter(30));
		assertEquals(7, plan.roundAfter(90));
	}

	@Test
	void theSameRunCutIntoOtherEpochsHasTheSameRounds() {
		final SauronSettings.Rounds r = new SauronSettings.Rounds(10, 0.25, 0.25, false);
		assertEquals(roundSteps(new RoundPlan(r, 120, 15), 120), roundSteps(new RoundPlan(r, 120, 4), 120));
	}

	@Test
	void thePapersRoundsAreEveryEpochEnd() {
		final RoundPlan plan = new RoundPlan(SauronSettings.Rounds.PAPER, 40, 5);
		assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L), roundSteps(plan, 40));
	}

	@Test
	void itSaysHowManyStepsAreLeftBeforeTheNextRound() {
		// The criterion reads the last few training batches of a round: their steps must be known in advance.
		final RoundPlan plan = new RoundPlan(new SauronSettings.Rounds(10, 0.25, 0.25, false), 120, 15);
		assertEquals(30, plan.stepsToNextRound(0));
		assertEquals(1, plan.stepsToNextRound(29));
		assertEquals(10, plan.stepsToNextRound(30));
		assertEquals(4, plan.stepsToNextRound(86));
		assertEquals(-1, plan.stepsToNextRound(90));
		for (long s = 0; s < 120; s++) {
			final long next = plan.stepsToNextRound(s);
			if (next > 0) assertEquals(plan.roundAfter(s + next) > 0, true, "a round after step " + (s + next));
		}
		assertEquals(-1, new RoundPlan(new SauronSettings.Rounds(50, 0.25, 0.25, false), 60, 10).stepsToNextRound(0));
	}

	@Test
	void aNumberOfRoundsIsSpreadOverThePruningPhaseTheLastWhereRecoveryStarts() {
		// The demo's 180 steps, warm-up 0.1 (to step 18), recovery 0.65 (from step 63): 15 rounds, 3 steps apart.
		final SauronSettings.Rounds fifteen = new SauronSettings.Rounds(0, 15, 0.1, 0.65, false, false, false, SauronSettings.Budget.STEPS);
		final RoundPlan plan = new RoundPlan(fifteen, 180, 15);
		assertEquals(15, plan.rounds());
		assertEquals(3, plan.interval());
		assertEquals(List.of(21L, 24L, 27L, 30L, 33L, 36L, 39L, 42L, 45L, 48L, 51L, 54L, 57L, 60L, 63L), roundSteps(plan, 180));
		assertEquals(3, plan.stepsToNextRound(18), "the first round's interval starts where the warm-up ends");
		assertEquals(4, plan.stepsToNextRound(17));
		assertEquals(-1, plan.stepsToNextRound(63));
		// Ten times as long: still 15 rounds, ten times as far apart.
		final RoundPlan longer = new RoundPlan(fifteen, 1800, 15);
		assertEquals(15, longer.rounds());
		assertEquals(30, longer.interval());
		assertEquals(630, roundSteps(longer, 1800).get(14));
	}

	@Test
	void aPruningPhaseShorterThanItsRoundsHasARoundAfterEachOfItsSteps() {
		final RoundPlan plan = new RoundPlan(new SauronSettings.Rounds(0, 15, 0.25, 0.5, false, false, false, SauronSettings.Budget.STEPS), 20, 5);
		assertEquals(List.of(6L, 7L, 8L, 9L, 10L), roundSteps(plan, 20), "warm-up to step 5, recovery from step 10");
	}

	@Test
	void aRunTooShortForARoundHasNone() {
		final RoundPlan plan = new RoundPlan(new SauronSettings.Rounds(50, 0.25, 0.25, false), 60, 10);
		assertEquals(0, plan.rounds());
		assertEquals(List.of(), roundSteps(plan, 60));
	}

	private static List<Long> roundSteps(final RoundPlan plan, final long total) {
		final List<Long> steps = new ArrayList<>();
		for (long s = 1; s <= total; s++) if (plan.roundAfter(s) > 0) steps.add(s);
		return steps;
	}
}

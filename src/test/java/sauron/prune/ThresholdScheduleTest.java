package sauron.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** tau rises on scripted loss histories exactly when docs/SAURON.md section 5 says it does. */
class ThresholdScheduleTest {

	private static final SauronSettings S = SauronSettings.PAPER;
	private static final int WIDTH = 32;

	@Test
	void defaultsAreThePapers() {
		assertEquals(0.001, S.tau0());
		assertEquals(0.3, S.tauMax());
		assertEquals(15, S.kappa());
		assertEquals(5, S.rho());
		assertEquals(0.02, S.mu());
		assertEquals(0.5, S.lambda());
		assertEquals(2, S.sf());
		assertTrue(S.prune());
		final double[] grid = S.tauGrid();
		assertEquals(16, grid.length);
		assertEquals(0.001, grid[0], 1e-15);
		assertEquals(0.001 + 0.299 / 15, grid[1], 1e-12);
		assertEquals(0.3, grid[15]);
	}

	@Test
	void aPlateauRaisesTauOneGridStep() {
		final ThresholdSchedule t = new ThresholdSchedule(S);
		final List<Double> train = new ArrayList<>();
		for (final double l : new double[] { 1.0, 0.52, 0.49, 0.51, 0.50, 0.48 }) {
			train.add(l);
			assertFalse(t.epochEnded(train, List.of(), WIDTH, 0), "too few epochs for a plateau: " + train);
		}
		train.add(0.50); // within [0.48, 0.52] of the previous five
		assertTrue(t.epochEnded(train, List.of(), WIDTH, 0));
		assertEquals(S.tauGrid()[1], t.tau());
		assertEquals(S.rho(), t.patience());
	}

	@Test
	void steadyImprovementKeepsTau() {
		final ThresholdSchedule t = new ThresholdSchedule(S);
		final List<Double> train = new ArrayList<>();
		for (int e = 0; e < 30; e++) {
			train.add(1.0 / (1 + e));
			assertFalse(t.epochEnded(train, List.of(), WIDTH, 0));
		}
		assertEquals(S.tau0(), t.tau());
	}

	@Test
	void aLossAboveThePlateauKeepsTau() {
		final ThresholdSchedule t = new ThresholdSchedule(S);
		assertFalse(t.epochEnded(List.of(0.5, 0.5, 0.4, 0.5, 0.5, 0.6), List.of(), WIDTH, 0));
		assertEquals(S.tau0(), t.tau());
	}

	@Test
	void patienceFreezesTauForRhoEpochsThenRisesAgainOnAPlateau() {
		final ThresholdSchedule t = new ThresholdSchedule(S);
		final List<Double> flat = new ArrayList<>(List.of(0.5, 0.5, 0.5, 0.5, 0.5));
		flat.add(0.5);
		assertTrue(t.epochEnded(flat, List.of(), WIDTH, 0));
		final double raised = t.tau();
		for (int e = 0; e < S.rho(); e++) {
			flat.add(0.5);
			assertFalse(t.epochEnded(flat, List.of(), WIDTH, 0), "frozen epoch " + e);
			assertEquals(raised, t.tau());
			assertEquals(S.rho() - 1 - e, t.patience());
		}
		flat.add(0.5);
		assertTrue(t.epochEnded(flat, List.of(), WIDTH, 0));
		assertEquals(S.tauGrid()[2], t.tau());
	}

	@Test
	void tauNeverExceedsTauMax() {
		final ThresholdSchedule t = new ThresholdSchedule(S);
		final List<Double> flat = new ArrayList<>();
		for (int e = 0; e < 400; e++) {
			flat.add(0.5);
			t.epochEnded(flat, List.of(), WIDTH, 0);
			assertTrue(t.tau() <= S.tauMax());
		}
		assertEquals(S.tauMax(), t.tau());
	}

	@Test
	void aLayerThatJustLostManyFiltersWaits() {
		final List<Double> flat = List.of(0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
		// ceil(0.02 * 32) = 1: losing one filter out of 32 is already "many"; losing none is converged.
		assertFalse(new ThresholdSchedule(S).epochEnded(flat, List.of(), 32, 1));
		assertTrue(new ThresholdSchedule(S).epochEnded(flat, List.of(), 32, 0));
		// ceil(0.02 * 480) = 10: nine filters out of 480 still count as converged, ten do not.
		assertTrue(new ThresholdSchedule(S).epochEnded(flat, List.of(), 480, 9));
		assertFalse(new ThresholdSchedule(S).epochEnded(flat, List.of(), 480, 10));
	}

	@Test
	void aValidationLossImprovementBlocksTheRise() {
		final List<Double> flat = List.of(0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
		assertFalse(new ThresholdSchedule(S).epochEnded(flat, List.of(0.9, 0.8, 0.7, 0.75, 0.72, 0.69), WIDTH, 0));
		// Equal to the best earlier one, or worse: no improvement.
		assertTrue(new ThresholdSchedule(S).epochEnded(flat, List.of(0.9, 0.8, 0.7, 0.75, 0.72, 0.7), WIDTH, 0));
		assertTrue(new ThresholdSchedule(S).epochEnded(flat, List.of(0.9, 0.8, 0.7, 0.75, 0.72, 0.71), WIDTH, 0));
	}

	@Test
	void withoutValidationTheValidationTestIsSkipped() {
		final List<Double> flat = List.of(0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
		assertTrue(new ThresholdSchedule(S).epochEnded(flat, List.of(), WIDTH, 0));
		assertTrue(new ThresholdSchedule(S).epochEnded(flat, List.of(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN), WIDTH, 0));
	}

	@Test
	void theClockClimbsFromTau0AtTheFirstRoundToTauMaxAtTheLast() {
		final ThresholdSchedule t = new ThresholdSchedule(S);
		final int rounds = 7;
		double previous = -1;
		for (int round = 1; round <= rounds; round++) {
			t.clockTicked(round, rounds, WIDTH, 0);
			if (round == 1) assertEquals(S.tau0(), t.tau());
			assertTrue(t.tau() > previous, "tau rises every round when no filter was lost: round " + round + ", tau " + t.tau());
			previous = t.tau();
		}
		assertEquals(S.tauMax(), t.tau());
		// round(15 * 3 / 6) = 8 (7.5 rounds half up): the clock is linear in rounds.
		final ThresholdSchedule mid = new ThresholdSchedule(S);
		mid.clockTicked(4, rounds, WIDTH, 0);
		assertEquals(S.tauGrid()[8], mid.tau());
	}

	@Test
	void onTheClockALayerStillLosingFiltersWaitsThenCatchesUp() {
		final ThresholdSchedule t = new ThresholdSchedule(S);
		assertTrue(t.clockTicked(3, 7, WIDTH, 0));
		final double risen = t.tau();
		// ceil(0.02 * 32) = 1: one filter lost in the previous round freezes tau for this round.
		assertFalse(t.clockTicked(4, 7, WIDTH, 1));
		assertEquals(risen, t.tau());
		assertTrue(t.clockTicked(5, 7, WIDTH, 0));
		assertEquals(S.tauGrid()[10], t.tau(), "round(15 * 4 / 6) = 10: straight to the clock's value");
	}

	@Test
	void aOneRoundRunPrunesAtTauMax() {
		final ThresholdSchedule t = new ThresholdSchedule(S);
		t.clockTicked(1, 1, WIDTH, 0);
		assertEquals(S.tauMax(), t.tau());
	}

	@Test
	void settingsRejectNonsense() {
		assertThrows(IllegalArgumentException.class, () -> new SauronSettings(0.5, 0.3, 15, 5, 0.02, 0.5, 2, true));
		assertThrows(IllegalArgumentException.class, () -> new SauronSettings(0.001, 0.3, 0, 5, 0.02, 0.5, 2, true));
		assertThrows(IllegalArgumentException.class, () -> new SauronSettings(0.001, 0.3, 15, 0, 0.02, 0.5, 2, true));
		assertThrows(IllegalArgumentException.class, () -> new SauronSettings(0.001, 0.3, 15, 5, 0, 0.5, 2, true));
		assertThrows(IllegalArgumentException.class, () -> new SauronSettings(0.001, 0.3, 15, 5, 0.02, -1, 2, true));
		assertThrows(IllegalArgumentException.class, () -> new SauronSettings(0.001, 0.3, 15, 5, 0.02, 0.5, 0, true));
		assertArrayEquals(new double[] { 0.1, 0.2 }, new SauronSettings(0.1, 0.2, 1, 5, 0.02, 0.5, 2, true).tauGrid());
		assertThrows(IllegalArgumentException.class, () -> new SauronSettings.Rounds(-1, 0.2, 0.2, false));
		assertThrows(IllegalArgumentException.class, () -> new SauronSettings.Rounds(10, 0.5, 0.5, false), "no steps left for pruning");
		assertThrows(IllegalArgumentException.class, () -> new SauronSettings.Criterion(0, 2, 0.5, FilterCompensation.Compensation.KEPT));
		assertThrows(IllegalArgumentException.class, () -> new SauronSettings.Criterion(4, 0, 0.5, FilterCompensation.Compensation.KEPT));
		assertThrows(IllegalArgumentException.class, () -> new SauronSettings.Criterion(4, 2, 0, FilterCompensation.Compensation.KEPT));
	}

	@Test
	void thePaperPresetIsThePaperExactly() {
		assertEquals(SauronSettings.Rounds.PAPER, S.rounds());
		assertEquals(new SauronSettings.Rounds(0, 0, 0, 0, true, true, true, SauronSettings.Budget.STEPS), S.rounds(), "a round at every epoch end from the start, tau rises on plateaus, the regulariser to the end");
		assertEquals(new SauronSettings.Criterion(1, 1, 1, FilterCompensation.Compensation.NONE), S.criterion(), "one batch, no floor, no cap, no compensation");
	}
}

package sauron.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import sauron.prune.FilterCompensation.Compensation;
import sauron.prune.SauronSettings;

/** A run's changes to Sauron's schedule: each given element replaces the preset's, the rest stays the preset's. */
class SauronOptionsTest {

	private static final SauronOptions NONE = new SauronOptions(null, null, null, null, null, null, true, null, null, null, null, null, null, null, null, null, null, null, null);

	@Test
	void nothingGivenKeepsEitherPresetWhole() {
		assertEquals(SauronSettings.DEFAULTS, NONE.appliedTo(SauronSettings.DEFAULTS));
		assertEquals(SauronSettings.PAPER, NONE.appliedTo(SauronSettings.PAPER));
	}

	@Test
	void everyGivenElementReplacesThePresetsAndOnlyThat() {
		final SauronSettings s = new SauronOptions(0.002, 0.5, 10, 3, 0.05, 0.25, true, 7, null, 0.1, 0.3, true, false, true, SauronSettings.Budget.TIME, 2, 3, 0.25,
				Compensation.KEPT)
				.appliedTo(SauronSettings.DEFAULTS);
		assertEquals(new SauronSettings(0.002, 0.5, 10, 3, 0.05, 0.25, SauronSettings.DEFAULTS.sf(), true, new SauronSettings.Rounds(7, 0, 0.1, 0.3, true, false, true, SauronSettings.Budget.TIME),
				new SauronSettings.Criterion(2, 3, 0.25, Compensation.KEPT)), s);
		final SauronSettings one = new SauronOptions(null, null, null, null, null, null, true, null, null, null, null, null, null, null, null, null, 3, null, null)
				.appliedTo(SauronSettings.PAPER);
		assertEquals(new SauronSettings.Criterion(1, 3, 1, Compensation.NONE), one.criterion());
		assertEquals(SauronSettings.PAPER.rounds(), one.rounds());
	}

	@Test
	void notPruningIsTheRunsChoiceWhateverThePreset() {
		final SauronOptions noPrune = new SauronOptions(null, null, null, null, null, 0.0, false, null, null, null, null, null, null, null, null, null, null, null, null);
		assertFalse(noPrune.appliedTo(SauronSettings.DEFAULTS).prune());
		assertEquals(0.0, noPrune.appliedTo(SauronSettings.PAPER).lambda());
	}

	@Test
	void roundsByNumberOrByStepsApartButNotBoth() {
		final SauronSettings byNumber = new SauronOptions(null, null, null, null, null, null, true, null, 10, null, null, null, null, null, null, null, null, null, null)
				.appliedTo(SauronSettings.PAPER);
		assertEquals(10, byNumber.rounds().count());
		assertEquals(0, byNumber.rounds().every());
		final SauronSettings bySteps = new SauronOptions(null, null, null, null, null, null, true, 4, null, null, null, null, null, null, null, null, null, null, null)
				.appliedTo(SauronSettings.DEFAULTS);
		assertEquals(4, bySteps.rounds().every());
		assertEquals(0, bySteps.rounds().count(), "steps apart replace the preset's number of rounds");
		final SauronOptions both = new SauronOptions(null, null, null, null, null, null, true, 4, 10, null, null, null, null, null, null, null, null, null, null);
		assertEquals("give either the steps between pruning rounds (4) or their number (10), not both",
				assertThrows(IllegalArgumentException.class, () -> both.appliedTo(SauronSettings.DEFAULTS)).getMessage());
	}

	@Test
	void aBadValueIsRefusedByTheSettingsOwnCheck() {
		final SauronOptions zero = new SauronOptions(null, null, null, null, null, null, true, null, null, null, null, null, null, null, null, null, 0, null, null);
		assertEquals("minimum filters per layer must be >= 1, got 0", assertThrows(IllegalArgumentException.class, () -> zero.appliedTo(SauronSettings.DEFAULTS)).getMessage());
	}
}

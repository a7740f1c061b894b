package sauron.train;

import sauron.prune.FilterCompensation;
import sauron.prune.SauronSettings;

/**
 * The elements of Sauron's schedule a run changes, as given (null: keep the preset's). The command line's options
 * map one to one onto these fields; resolving them against a preset ({@link SauronSettings#DEFAULTS} or
 * {@link SauronSettings#PAPER}) happens here, once.
 *
 * @param prune false: train without removing filters (unlike the other fields, not taken from the preset)
 * @param pruneEvery steps between rounds (0: epoch ends) instead of the preset's cadence (not with {@code rounds})
 * @param rounds this many rounds spread over the pruning phase instead of the preset's cadence
 * @param plateau true: thresholds rise on loss plateaus; false: on a clock
 */
public record SauronOptions(Double tau0, Double tauMax, Integer kappa, Integer rho, Double mu, Double lambda, boolean prune, Integer pruneEvery,
		Integer rounds, Double warmup, Double recovery, Boolean plateau, Boolean regulariseWarmup, Boolean regulariseRecovery, SauronSettings.Budget budget,
		Integer criterionBatches, Integer minFilters, Double maxPruneShare, FilterCompensation.Compensation compensation) {

	/** The preset with every element given here changed; the settings' own checks refuse a bad value. */
	public SauronSettings appliedTo(final SauronSettings preset) {
		if (pruneEvery != null && rounds != null)
			throw new IllegalArgumentException("give either the steps between pruning rounds (" + pruneEvery + ") or their number (" + rounds + "), not both");
		final SauronSettings.Rounds r = preset.rounds();
		final SauronSettings.Criterion c = preset.criterion();
		return new SauronSettings(or(tau0, preset.tau0()), or(tauMax, preset.tauMax()), or(kappa, preset.kappa()), or(rho, preset.rho()), or(mu, preset.mu()),
				or(lambda, preset.lambda()), preset.sf(), prune,
				new SauronSettings.Rounds(pruneEvery != null ? pruneEvery : rounds != null ? 0 : r.every(),
						rounds != null ? rounds : pruneEvery != null ? 0 : r.count(), or(warmup, r.warmup()), or(recovery, r.recovery()), or(plateau, r.plateau()),
						or(regulariseWarmup, r.regulariseWarmup()), or(regulariseRecovery, r.regulariseRecovery()), budget != null ? budget : r.budget()),
				new SauronSettings.Criterion(or(criterionBatches, c.batches()), or(minFilters, c.minFilters()), or(maxPruneShare, c.maxShare()),
						compensation != null ? compensation : c.compensation()));
	}

	static int or(final Integer value, final int fallback) {
		return value != null ? value : fallback;
	}

	static boolean or(final Boolean value, final boolean fallback) {
		return value != null ? value : fallback;
	}

	static double or(final Double value, final double fallback) {
		return value != null ? value : fallback;
	}
}

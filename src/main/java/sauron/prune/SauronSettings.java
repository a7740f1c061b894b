package sauron.prune;

/**
 * Sauron's settings (docs/SAURON.md). {@link #PAPER} is the paper's method exactly; {@link #DEFAULTS} is the
 * schedule this project measured to work best within a CPU budget (docs/SAURON.md, "Budget schedule").
 *
 * @param tau0 first pruning threshold of every layer
 * @param tauMax last value of the threshold grid
 * @param kappa the grid has kappa + 1 values, linspace(tau0, tauMax)
 * @param rho patience (rounds tau stays frozen after a rise) and the length of the loss plateau test
 * @param mu a layer that lost ceil(mu * width) filters or more in the previous round is not converged
 * @param lambda weight of the regulariser delta_opt in the loss (0: the paper's "lambda=0" ablation)
 * @param sf average-pooling kernel and stride of both distances
 * @param prune false to train without removing filters (the regulariser still follows lambda)
 * @param rounds when pruning rounds happen and how thresholds rise
 * @param criterion how a round decides and carries out its removals
 */
public record SauronSettings(double tau0, double tauMax, int kappa, int rho, double mu, double lambda, int sf, boolean prune, Rounds rounds,
		Criterion criterion) {

	/**
	 * When Sauron prunes, in optimiser steps so that it does not depend on how data is cut into epochs.
	 *
	 * @param every optimiser steps between pruning rounds; 0: at every epoch end (the paper), unless {@code count} says
	 * @param count when above 0 (and {@code every} 0): this many rounds, evenly spread over the pruning phase, so that
	 *          a run of any length prunes in the same rounds
	 * @param warmup share of the run's steps before the first round: the network learns the task first
	 * @param recovery share of the run's steps at the end without rounds: the network recovers from the last
	 *          removals before it is saved
	 * @param plateau true: a layer's tau rises only once training converged (the paper); false: tau climbs
	 *          its grid on a clock that reaches tauMax at the last round, one step per round at most, and
	 *          a layer still losing filters (the mu test) waits
	 * @param regulariseWarmup true: the regulariser is in the loss from the first step (the paper, which has no
	 *          warm-up); false: the warm-up trains on the segmentation loss alone, exactly as the unpruned network
	 *          would, and the regulariser joins one round interval before the first round
	 * @param regulariseRecovery true: the regulariser stays in the loss after the last round (the paper, which
	 *          prunes to the end); false: the recovery phase trains on the segmentation loss alone, since no map
	 *          needs to become redundant any more
	 * @param budget how long a run that prunes trains: exactly its epochs, or the time its unpruned network
	 *          would take for them
	 */
	public record Rounds(int every, int count, double warmup, double recovery, boolean plateau, boolean regulariseWarmup, boolean regulariseRecovery,
			Budget budget) {
		public static final Rounds PAPER = new Rounds(0, 0, 0, 0, true, true, true, Budget.STEPS);

		/** Rounds every {@code every} steps (0: epoch ends) in runs of exactly their steps, whose recovery phase trains without the regulariser. */
		public Rounds(final int every, final double warmup, final double recovery, final boolean plateau) {
			this(every, 0, warmup, recovery, plateau, true, false, Budget.STEPS);
		}

		public Rounds {
			if (every < 0) throw new IllegalArgumentException("steps between pruning rounds must be >= 0 (0: every epoch end), got " + every);
			if (count < 0) throw new IllegalArgumentException("the number of pruning rounds must be >= 0 (0: set by the steps between them), got " + count);
			if (count > 0 && every > 0)
				throw new IllegalArgumentException("give either the steps between pruning rounds (" + every + ") or their number (" + count + "), not both");
			if (!(warmup >= 0 && recovery >= 0 && warmup + recovery < 1))
				throw new IllegalArgumentException("warm-up and recovery shares must be >= 0 and leave part of the run for pruning, got warm-up " + warmup
						+ ", recovery " + recovery);
			if (budget == null) throw new IllegalArgumentException("a budget (STEPS or TIME) is required");
		}

		public Rounds withBudget(final Budget b) {
			return new Rounds(every, count, warmup, recovery, plateau, regulariseWarmup, regulariseRecovery, b);
		}

		/** Whether rounds come at epoch ends (the paper) rather than after given optimiser steps. */
		public boolean atEpochEnds() {
			return every == 0 && count == 0;
		}
	}

	/** How long a run that prunes trains. */
	public enum Budget {
		/** exactly its epochs: two runs with one seed give identical weights */
		STEPS,
		/**
		 * the time its unpruned network would take for its epochs, timed on the warm-up's steps: the recovery phase
		 * gets the time that pruning saved, as more epochs (how many depends on the machine's speed)
		 */
		TIME
	}

	/**
	 * How a round picks and removes filters.
	 *
	 * @param batches batches of training patches delta_prune is averaged over, with one reference filter per
	 *          layer and round (the paper: 1)
	 * @param minFilters no layer is pruned below this many filters (or its width, if smaller)
	 * @param maxShare at most this share of a layer's filters goes in one round (the closest to the
	 *          reference first); at least one filter may always go
	 * @param compensation beyond the paper: a removed map's contribution to its consumers is folded into the
	 *          filters that stay, as its least-squares fit on the reference map or on all kept maps
	 */
	public record Criterion(int batches, int minFilters, double maxShare, FilterCompensation.Compensation compensation) {
		public static final Criterion PAPER = new Criterion(1, 1, 1, FilterCompensation.Compensation.NONE);

		public Criterion {
			if (batches < 1) throw new IllegalArgumentException("criterion batches must be >= 1, got " + batches);
			if (minFilters < 1) throw new IllegalArgumentException("minimum filters per layer must be >= 1, got " + minFilters);
			if (!(maxShare > 0 && maxShare <= 1)) throw new IllegalArgumentException("share removed per round must be in (0, 1], got " + maxShare);
			if (compensation == null) throw new IllegalArgumentException("a compensation (NONE, REFERENCE or KEPT) is required");
		}
	}

	/** The paper's method and constants, with pruning at every epoch end. */
	public static final SauronSettings PAPER = new SauronSettings(0.001, 0.3, 15, 5, 0.02, 0.5, 2, true);

	/** This project's defaults: the paper's regulariser and criterion on a step-based, budget-aware schedule. */
	public static final SauronSettings DEFAULTS = new SauronSettings(0.001, 0.6, 15, 5, 0.02, 0.5, 2, true, new Rounds(0, 20, 0.1, 0.65, false, false, false, Budget.TIME),
			new Criterion(4, 2, 0.5, FilterCompensation.Compensation.KEPT));

	/** The paper's rounds and criterion with these constants. */
	public SauronSettings(final double tau0, final double tauMax, final int kappa, final int rho, final double mu, final double lambda, final int sf,
			final boolean prune) {
		this(tau0, tauMax, kappa, rho, mu, lambda, sf, prune, Rounds.PAPER, Criterion.PAPER);
	}

	public SauronSettings {
		if (!(tau0 >= 0 && tau0 <= tauMax && tauMax <= 1))
			throw new IllegalArgumentException("thresholds must satisfy 0 <= tau0 <= tauMax <= 1, got tau0 " + tau0 + ", tauMax " + tauMax);
		if (kappa < 1) throw new IllegalArgumentException("kappa (threshold steps) must be >= 1, got " + kappa);
		if (rho < 1) throw new IllegalArgumentException("rho (patience) must be >= 1, got " + rho);
		// mu = 0 would make the filter-loss test (removed < ceil(0) = 0) block every rise of tau.
		if (!(mu > 0 && mu <= 1)) throw new IllegalArgumentException("mu must be in (0, 1], got " + mu);
		if (!(lambda >= 0)) throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
		if (sf < 1) throw new IllegalArgumentException("sf (pooling factor) must be >= 1, got " + sf);
		if (rounds == null || criterion == null) throw new IllegalArgumentException("rounds and criterion settings are required");
	}

	/** The thresholds tau climbs through: linspace(tau0, tauMax, kappa + 1). */
	public double[] tauGrid() {
		final double[] grid = new double[kappa + 1];
		for (int i = 0; i <= kappa; i++) grid[i] = tau0 + (tauMax - tau0) * i / kappa;
		grid[kappa] = tauMax; // exact, whatever the rounding
		return grid;
	}

	public SauronSettings withLambda(final double l) {
		return new SauronSettings(tau0, tauMax, kappa, rho, mu, l, sf, prune, rounds, criterion);
	}

	public SauronSettings withPrune(final boolean p) {
		return new SauronSettings(tau0, tauMax, kappa, rho, mu, lambda, sf, p, rounds, criterion);
	}

	/** These settings in runs of exactly their steps, or in their unpruned network's time. */
	public SauronSettings withBudget(final Budget b) {
		return new SauronSettings(tau0, tauMax, kappa, rho, mu, lambda, sf, prune, rounds.withBudget(b), criterion);
	}

	public SauronSettings withCriterion(final Criterion c) {
		return new SauronSettings(tau0, tauMax, kappa, rho, mu, lambda, sf, prune, rounds, c);
	}
}

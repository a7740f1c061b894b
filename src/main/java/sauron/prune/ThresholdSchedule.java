package sauron.prune;

import java.util.List;

/**
 * The pruning threshold tau of one layer (docs/SAURON.md section 5). It starts at tau0 and climbs its grid
 * either as in the paper, one step whenever training has converged and then frozen for rho rounds
 * ({@link #epochEnded}), or on a clock that reaches tauMax at the last round of a run ({@link #clockTicked}).
 * <p>
 * Call one of them once per pruning round (in the paper: per epoch end), BEFORE that round's pruning, and
 * prune with {@link #tau()} afterwards (the authors' order). "The previous pruning" is the one done in the
 * round before: pass the width the layer had before it and how many filters it removed (0 before any).
 */
public final class ThresholdSchedule {

	private final SauronSettings settings;
	private final double[] grid;
	private int step;
	private int patience;

	public ThresholdSchedule(final SauronSettings settings) {
		this.settings = settings;
		this.grid = settings.tauGrid();
	}

	public double tau() { return grid[step]; }

	/** Epochs left during which tau stays frozen. */
	public int patience() { return patience; }

	/**
	 * @param trainingLosses mean training loss of every epoch so far, the one just ended last
	 * @param validationLosses validation loss of every epoch so far; empty (or NaN last) without validation
	 * @param widthBeforeLastPruning the layer's filters before the previous pruning
	 * @param removedInLastPruning filters that pruning removed from the layer
	 * @return true if tau rose
	 */
	public boolean epochEnded(final List<Double> trainingLosses, final List<Double> validationLosses, final int widthBeforeLastPruning,
			final int removedInLastPruning) {
		if (patience > 0) {
			patience--;
			return false;
		}
		if (!converged(trainingLosses, validationLosses, widthBeforeLastPruning, removedInLastPruning)) return false;
		step = Math.min(step + 1, grid.length - 1);
		patience = settings.rho();
		return true;
	}

	/**
	 * The clock: after round {@code round} of {@code rounds} (1-based) tau should stand at grid index
	 * round(kappa * (round - 1) / (rounds - 1)), so the first round prunes at tau0 and the last at tauMax. A
	 * layer whose previous pruning removed ceil(mu * width) filters or more waits (it is still losing
	 * filters at this tau) and catches up later.
	 *
	 * @return true if tau rose
	 */
	public boolean clockTicked(final int round, final int rounds, final int widthBeforeLastPruning, final int removedInLastPruning) {
		final int kappa = grid.length - 1;
		final int target = rounds <= 1 ? kappa : (int) Math.round((double) kappa * (round - 1) / (rounds - 1));
		if (target <= step || removedInLastPruning >= Math.ceil(settings.mu() * widthBeforeLastPruning)) return false;
		step = Math.min(target, kappa);
		return true;
	}

	boolean converged(final List<Double> trainingLosses, final List<Double> validationLosses, final int widthBefore, final int removed) {
		return trainingPlateau(trainingLosses, settings.rho()) && !validationImproved(validationLosses)
				&& removed < Math.ceil(settings.mu() * widthBefore);
	}

	/** The last loss lies within [min, max] of the rho losses before it (false while there are fewer). */
	static boolean trainingPlateau(final List<Double> losses, final int rho) {
		final int n = losses.size();
		if (n < rho + 1) return false;
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (int i = n - 1 - rho; i < n - 1; i++) {
			min = Math.min(min, losses.get(i));
			max = Math.max(max, losses.get(i));
		}
		final double last = losses.get(n - 1);
		return last >= min && last <= max;
	}

	/**
	 * The last validation loss is below every earlier one (the first one counts as an improvement: there is
	 * nothing to compare it with). Without validation losses nothing improved and the test is skipped.
	 */
	static boolean validationImproved(final List<Double> losses) {
		final int n = losses.size();
		if (n == 0 || Double.isNaN(losses.get(n - 1))) return false;
		double best = Double.POSITIVE_INFINITY;
		for (int i = 0; i < n - 1; i++) if (!Double.isNaN(losses.get(i))) best = Math.min(best, losses.get(i));
		return losses.get(n - 1) < best;
	}
}

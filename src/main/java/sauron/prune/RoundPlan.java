package sauron.prune;

/**
 * Which optimiser steps of a run end with a pruning round, from the end of the warm-up to the start of the recovery
 * phase: a given number of rounds evenly apart, every {@code every} steps, or at every epoch end. Rounds count in
 * steps, so a schedule does not change when the same data is cut into shorter or longer epochs.
 */
public final class RoundPlan {

	private final int interval;
	private final long first, last;
	private final int rounds;

	/**
	 * @param totalSteps optimiser steps in the whole run
	 * @param stepsPerEpoch used when rounds come at epoch ends
	 */
	public RoundPlan(final SauronSettings.Rounds settings, final long totalSteps, final int stepsPerEpoch) {
		final long warmupEnd = (long) Math.ceil(settings.warmup() * totalSteps);
		final long recoveryStart = totalSteps - (long) Math.ceil(settings.recovery() * totalSteps);
		if (settings.count() > 0) {
			// count rounds, the last where the recovery phase starts, evenly apart over the pruning phase (fewer if it has fewer steps).
			this.interval = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (recoveryStart - warmupEnd) / settings.count()));
			this.last = recoveryStart;
			this.first = Math.max(Math.max(1, warmupEnd + 1), last - (long) (settings.count() - 1) * interval);
		} else {
			this.interval = settings.every() > 0 ? settings.every() : stepsPerEpoch;
			this.first = Math.max(interval, (warmupEnd + interval - 1) / interval * interval);
			this.last = recoveryStart / interval * interval;
		}
		this.rounds = last >= first ? (int) ((last - first) / interval + 1) : 0;
	}

	/** Steps from one round to the next (the steps per epoch when rounds come at epoch ends). */
	public int interval() { return interval; }

	/** Rounds in the whole run (0 when the run is too short for one). */
	public int rounds() { return rounds; }

	/** @return how many steps after {@code stepsDone} the next round ends (1: right after the next step), or -1 when no round is left */
	public long stepsToNextRound(final long stepsDone) {
		if (rounds == 0) return -1;
		final long next = stepsDone < first ? first : first + ((stepsDone - first) / interval + 1) * interval;
		return next > last ? -1 : next - stepsDone;
	}

	/** @return the round (1-based) that ends after this many steps, or 0 for none */
	public int roundAfter(final long stepsDone) {
		if (rounds == 0 || stepsDone < first || stepsDone > last || (stepsDone - first) % interval != 0) return 0;
		return (int) ((stepsDone - first) / interval + 1);
	}
}

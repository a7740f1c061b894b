package sauron.train;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Sauron's time budget ({@code --budget TIME}): a pruning run takes as long as its unpruned network would take for
 * the same epochs, and the time that pruning saves goes to the recovery phase, as more epochs of the small network.
 * The warm-up trains the unpruned network, so its steps time it: the projection is the warm-up's wall time, plus its
 * median step (the first step, which includes TensorFlow's graph optimisation, left out) for every step still to
 * come, plus its mean validation for every epoch end still to come. Once the network is pruned, one epoch of it says
 * how many fit in what is left.
 * <p>
 * Pure bookkeeping on the seconds the trainer hands in, so the arithmetic is tested without TensorFlow.
 */
final class TimeBudget {

	/** Timed warm-up steps needed for a projection (after the first, which is left out). */
	static final int MIN_TIMED_STEPS = 2;

	private final List<Double> steps = new ArrayList<>();
	private final List<Double> validations = new ArrayList<>();
	private double projected = Double.NaN;

	/** A warm-up step's seconds (the unpruned network's). */
	void warmupStep(final double seconds) {
		if (!Double.isNaN(projected)) throw new IllegalStateException("the warm-up has ended");
		steps.add(seconds);
	}

	/** A validation's seconds at an epoch end in the warm-up. */
	void warmupValidation(final double seconds) {
		if (!Double.isNaN(projected)) throw new IllegalStateException("the warm-up has ended");
		validations.add(seconds);
	}

	/**
	 * The warm-up ends: projects the unpruned run.
	 *
	 * @param elapsed seconds since the run began (the warm-up's steps, validations and graph building)
	 * @param stepsLeft steps of the run still to come
	 * @param epochEndsLeft epoch ends still to come (each validates)
	 * @return the projected seconds of the whole unpruned run, or empty when the warm-up had too few steps to time it
	 */
	OptionalDouble warmupEnded(final double elapsed, final long stepsLeft, final int epochEndsLeft) {
		if (steps.size() < MIN_TIMED_STEPS + 1) return OptionalDouble.empty();
		final double[] timed = steps.subList(1, steps.size()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
		final double median = timed.length % 2 == 1 ? timed[timed.length / 2] : (timed[timed.length / 2 - 1] + timed[timed.length / 2]) / 2;
		final double validation = validations.stream().mapToDouble(Double::doubleValue).average().orElse(0);
		projected = elapsed + median * stepsLeft + validation * epochEndsLeft;
		return OptionalDouble.of(projected);
	}

	/** The projected seconds of the unpruned run (NaN before the warm-up ended or without a projection). */
	double projected() { return projected; }

	/**
	 * How many epochs the run trains in all, given one epoch of the pruned network.
	 *
	 * @param epochsDone epochs trained so far
	 * @param elapsed seconds since the run began
	 * @param epochSeconds seconds of the epoch just ended (the pruned network's, with its validation)
	 * @param planned the epochs the run would train without the budget
	 * @return at least {@code planned}; more as far as whole epochs fit in the projection
	 */
	int epochsThatFit(final int epochsDone, final double elapsed, final double epochSeconds, final int planned) {
		if (Double.isNaN(projected)) throw new IllegalStateException("no projection of the unpruned run");
		if (!(epochSeconds > 0)) throw new IllegalArgumentException("an epoch takes some time, got " + epochSeconds + " s");
		final double left = projected - elapsed;
		final long fit = left > 0 ? (long) Math.floor(left / epochSeconds) : 0;
		return (int) Math.max(planned, Math.min(Integer.MAX_VALUE, epochsDone + fit));
	}
}

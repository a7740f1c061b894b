package sauron.train;

/**
 * How many epochs a run trains and at which learning rate: the settings' epochs with poly decay,
 * lr0 * (1 - e / E)^0.9, until a time budget gives the recovery phase more epochs; from then on the rest of the
 * decay is stretched over the new length, lr_d * (1 - (e - d) / (E' - d))^0.9 from the rate lr_d the run had
 * reached, so the rate stays continuous and still ends at 0. Without an extension it is exactly the poly decay.
 */
final class RunLength {

	private final TrainingSettings settings;
	private int epochs;
	private int stretchedFrom = -1;

	RunLength(final TrainingSettings settings) {
		this.settings = settings;
		this.epochs = settings.epochs();
	}

	/** Epochs the run trains, as planned now. */
	int epochs() { return epochs; }

	/** Whether a time budget lengthened the run. */
	boolean extended() { return stretchedFrom >= 0; }

	/** The learning rate of an epoch (0-based). */
	double learningRate(final int epoch) {
		if (stretchedFrom < 0 || epoch < stretchedFrom) return settings.learningRateAt(epoch);
		return settings.learningRateAt(stretchedFrom) * Math.pow(1 - (double) (epoch - stretchedFrom) / (epochs - stretchedFrom), 0.9);
	}

	/**
	 * The run trains {@code total} epochs instead, the decay stretched from the next epoch on. Once only, and never
	 * shorter than planned.
	 *
	 * @param epochsDone epochs already trained (their rates are history)
	 */
	void extendTo(final int total, final int epochsDone) {
		if (stretchedFrom >= 0) throw new IllegalStateException("a run is extended once");
		if (total < epochs) throw new IllegalArgumentException("a run is extended, not shortened: " + total + " < " + epochs + " epochs");
		if (epochsDone < 0 || epochsDone > epochs) throw new IllegalArgumentException("epochs done " + epochsDone + " is not in 0.." + epochs);
		if (total == epochs) return;
		stretchedFrom = epochsDone;
		epochs = total;
	}
}

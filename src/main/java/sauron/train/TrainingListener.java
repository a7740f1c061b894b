package sauron.train;

import sauron.model.EpochRecord;
import sauron.net.UNetSpec;

/** How training reports progress and learns that the user wants it to stop. All methods are optional. */
public interface TrainingListener {

	TrainingListener NONE = new TrainingListener() {};

	default void started(final UNetSpec spec, final TrainingSettings settings) {}

	/** Called after each step with the batch loss; keep it cheap. */
	default void stepEnded(final int epoch, final int step, final float loss) {}

	default void epochEnded(final EpochRecord record) {}

	default void message(final String text) {}

	/** Polled at every epoch end: true stops training there and returns the model as it is. */
	default boolean stopRequested() { return false; }
}

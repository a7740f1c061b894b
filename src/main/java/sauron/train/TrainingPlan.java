package sauron.train;

import java.util.List;

import sauron.data.TrainingPair;
import sauron.model.SauronModel;
import sauron.net.UNetSpec;
import sauron.prune.SauronSettings;

/**
 * A training resolved from its options ({@link TrainingOptions#resolve}): the settings, the model it starts from
 * (null: a fresh network) and the data, ready to run.
 *
 * @param pairs the training data, with the starting model's classes where there is one
 */
public record TrainingPlan(TrainingSettings settings, StartingModel start, List<TrainingPair> pairs) {

	public TrainingPlan {
		pairs = List.copyOf(pairs);
	}

	/** The network training begins with: the starting model's, or a fresh one of the settings' widths for the data's channels and classes. */
	public UNetSpec initialSpec() {
		final TrainingPair first = pairs.get(0);
		return start != null ? start.spec() : settings.freshSpec(first.image().channels(), first.classes());
	}

	/** Trains as planned; the caller saves the result. */
	public SauronModel train(final SauronSettings sauron, final TrainingListener listener) {
		final Trainer trainer = new Trainer(settings, sauron, listener);
		return start != null ? start.train(trainer, pairs) : trainer.train(pairs);
	}
}

package sauron.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import sauron.data.Augmentation;
import sauron.data.TrainingPair;
import sauron.model.EpochRecord;
import sauron.model.ModelMetadata;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.prune.L1NormPruning;
import sauron.prune.SauronSettings;

/**
 * Training from a saved model (fine-tuning, e.g. after L1-norm pruning): the network keeps the model's widths
 * and starts from its weights with fresh Adam moments; a model that does not fit the data or settings is
 * refused before any training.
 */
class FineTuningTest {

	private static final TrainingPair DISCS = SyntheticVolumes.balls("discs", new int[] { 32, 32 }, 2, 1);
	private static final SauronSettings BASELINE = SauronSettings.DEFAULTS.withLambda(0).withPrune(false);

	private static TrainingSettings settings(final int epochs, final int steps, final double lr) {
		return new TrainingSettings(2, 3, 8, 32, new int[] { 32, 32 }, 2, epochs, steps, lr, 1e-5, 1, 0.5, Augmentation.Settings.NONE, 0);
	}

	/** A 3-level 2D net (widths 8, 16, 32) L1-pruned to about half its filters, with two epochs of history. */
	private static SauronModel prunedModel() {
		final UNetSpec spec = UNetSpec.create(2, 3, 8, 32, 1, 2);
		final EpochRecord epoch = new EpochRecord(1, 1.0, Double.NaN, Double.NaN, Double.NaN, 1, 0, 0, spec.widths(), Map.of(), 0, 1);
		final SauronModel baseline = new SauronModel(spec, Weights.heNormal(new Topology(spec), 9),
				new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 32, 32 }, new JsonObject(), List.of(epoch, epoch)));
		final Map<String, Integer> half = new LinkedHashMap<>();
		spec.widths().forEach((layer, w) -> half.put(layer, (w + 1) / 2));
		return L1NormPruning.prune(baseline, half);
	}

	@Test
	void fineTuningKeepsThePrunedWidthsAndStartsFromTheModelsWeightsWithFreshAdamMoments() {
		final SauronModel init = prunedModel();
		final double lr = 1e-4;
		final SauronModel tuned = new Trainer(settings(1, 1, lr), BASELINE, TrainingListener.NONE).train(List.of(DISCS), init);

		assertEquals(init.spec(), tuned.spec());
		// Adam's first step from zero moments moves every weight by lr * g / (|g| + eps'): at most lr. From other
		// weights (a fresh He net) or with stale moments the difference would be far larger.
		double largest = 0;
		for (final String name : init.weights().all().keySet()) {
			final float[] a = init.weights().get(name).values(), b = tuned.weights().get(name).values();
			for (int i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i] - b[i]));
		}
		assertTrue(largest <= lr * 1.001 + 1e-6, "one step moved a weight by " + largest + ", more than lr " + lr);
		assertTrue(largest >= 0.5 * lr, "one step was taken: the largest change " + largest + " is about lr " + lr);
	}

	@Test
	void theHistoryStartsAtEpochOneAndTheSettingsSayWhatTrainingStartedFrom() {
		final SauronModel init = prunedModel();
		final SauronModel tuned = new Trainer(settings(2, 2, 1e-3), BASELINE, TrainingListener.NONE).train(List.of(DISCS), init);
		assertEquals(List.of(1, 2), tuned.metadata().history().stream().map(EpochRecord::epoch).toList());
		assertEquals(init.spec().widths(), tuned.metadata().history().get(0).widths());
		final JsonObject from = tuned.metadata().training().getAsJsonObject("initialised_from");
		assertEquals(2, from.get("epochs_before").getAsInt());
		assertEquals(init.topology().parameterCount(), from.get("parameters").getAsLong());
		assertTrue(from.getAsJsonObject("training").has("pruned_after_training"), from.toString());
	}

	@Test
	void withSauronOnTheStartingNetworkIsPrunedFurther() {
		final SauronModel init = prunedModel();
		// A high first threshold so that this short run removes filters.
		final SauronSettings sauron = new SauronSettings(0.5, 0.6, 1, 1, 0.02, 0.5, 2, true);
		final SauronModel tuned = new Trainer(settings(1, 3, 1e-3), sauron, TrainingListener.NONE).train(List.of(DISCS), init);
		for (final String layer : init.spec().widths().keySet())
			assertTrue(tuned.spec().width(layer) <= init.spec().width(layer), layer + ": " + init.spec().width(layer) + " -> " + tuned.spec().width(layer));
		assertTrue(tuned.topology().parameterCount() < init.topology().parameterCount());
	}

	@Test
	void aStartingModelThatDoesNotFitTheDataOrSettingsIsRefusedBeforeTraining() {
		assertRefused(UNetSpec.create(2, 3, 8, 32, 1, 3), "has 3 classes, the training labels have 2");
		assertRefused(UNetSpec.create(2, 3, 8, 32, 2, 2), "takes 2 input channel(s), the training images have 1");
		assertRefused(UNetSpec.create(3, 3, 8, 32, 1, 2), "is 3D, the settings ask for a 2D network");
		assertRefused(UNetSpec.create(2, 4, 8, 32, 1, 2), "has 4 levels, the settings ask for 3");
	}

	private static void assertRefused(final UNetSpec spec, final String message) {
		final SauronModel init = new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[spec.dims()], new int[spec.dims()], null, List.of()));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new Trainer(settings(1, 1, 1e-3), BASELINE, TrainingListener.NONE).train(List.of(DISCS), init));
		assertTrue(e.getMessage().contains("the model to start from " + message), e.getMessage());
	}
}

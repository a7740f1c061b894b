package sauron.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import sauron.data.Augmentation;
import sauron.data.TrainingPair;
import sauron.data.ZScoreNormalisation;
import sauron.model.EpochRecord;
import sauron.model.SauronModel;
import sauron.net.InferenceGraph;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.prune.SauronSettings;
import sauron.segment.SlidingWindowSegmenter;

/** Training with Sauron on a synthetic task: the network shrinks while it still segments well. */
class SauronTrainingTest {

	@org.junit.jupiter.api.io.TempDir
	java.nio.file.Path tmp;

	/**
	 * The paper's rule with thresholds that move within a short test: tau starts at 0.05 and climbs in 4 steps to
	 * 0.5 after 2-epoch plateaus.
	 */
	static final SauronSettings FAST = new SauronSettings(0.05, 0.5, 4, 2, 0.02, 0.5, 2, true);

	/** With its default schedule, on a run of exactly 200 steps (no time budget: a test's run length must not depend on the machine). */
	@Test
	void sauronRemovesMostParametersWhileKeepingForegroundDiceAbove0_9() {
		final TrainingPair pair = SyntheticVolumes.balls("discs", new int[] { 64, 64 }, 5, 6);
		final TrainingSettings settings = new TrainingSettings(2, 3, 16, 64, new int[] { 32, 32 }, 4, 20, 10, 1e-2, 1e-5, 1, 0.5,
				Augmentation.Settings.NONE, 0);
		final List<EpochRecord> epochs = new ArrayList<>();
		final SauronModel model = new Trainer(settings, SauronSettings.DEFAULTS.withBudget(SauronSettings.Budget.STEPS), new TrainingListener() {
			@Override
			public void epochEnded(final EpochRecord r) { epochs.add(r); }
		}).train(List.of(pair));
		final long full = new Topology(UNetSpec.create(2, 3, 16, 64, 1, 2)).parameterCount();
		final long left = model.topology().parameterCount();
		assertEquals(left, epochs.get(epochs.size() - 1).parameters(), "the history ends with the model's size");
		assertTrue(left < 0.5 * full, "parameters " + full + " -> " + left + "; widths " + model.spec().widths());
		try (InferenceGraph net = new InferenceGraph(model.topology(), model.weights())) {
			final double dice = TrainerTest.foregroundDice(
					new SlidingWindowSegmenter(32, 32).segment(ZScoreNormalisation.normalise(pair.image(), "t"), net).labels(), pair.labels());
			assertTrue(dice > 0.9, "foreground Dice " + dice + " with widths " + model.spec().widths());
		}
		for (int i = 1; i < epochs.size(); i++)
			assertTrue(epochs.get(i).parameters() <= epochs.get(i - 1).parameters(), "filters are only ever removed");
		// Warm-up (steps 1-20) and recovery (steps 71-200) remove nothing: 20 rounds, after steps 32, 34, ..., 70.
		assertEquals(full, epochs.get(1).parameters(), "nothing removed in the warm-up");
		assertTrue(Double.isNaN(epochs.get(1).regularizer()), "the warm-up trains without the regulariser");
		assertEquals(left, epochs.get(7).parameters(), "nothing removed in the recovery phase");
		assertEquals(20, epochs.get(epochs.size() - 1).rounds());
		assertTrue(Double.isNaN(epochs.get(19).regularizer()), "the recovery phase trains without the regulariser");
	}

	@Test
	void theWarmupTrainsWithoutTheRegulariserUnlessAskedTo() {
		// 6 epochs x 5 steps, warm-up 0.4: rounds after steps 15 and 20, whose interval begins after step 10, so epochs 1-2
		// are the warm-up; epochs 5-6 the recovery phase.
		final TrainingPair pair = SyntheticVolumes.balls("discs", new int[] { 32, 32 }, 2, 1);
		final TrainingSettings settings = new TrainingSettings(2, 3, 8, 32, new int[] { 32, 32 }, 2, 6, 5, 1e-2, 1e-5, 1, 0.5, Augmentation.Settings.NONE, 0);
		for (final boolean keep : new boolean[] { false, true }) {
			final SauronSettings s = new SauronSettings(0.05, 0.5, 4, 2, 0.02, 0.5, 2, true,
					new SauronSettings.Rounds(5, 0, 0.4, 0.3, false, keep, false, SauronSettings.Budget.STEPS), SauronSettings.DEFAULTS.criterion());
			final List<EpochRecord> epochs = new Trainer(settings, s, TrainingListener.NONE).train(List.of(pair)).metadata().history();
			assertEquals(2, epochs.get(5).rounds(), "rounds after steps 15 and 20");
			for (int e = 0; e < 2; e++) assertEquals(keep, Double.isFinite(epochs.get(e).regularizer()), "R in the warm-up's loss, epoch " + (e + 1));
			for (int e = 2; e < 4; e++) assertTrue(Double.isFinite(epochs.get(e).regularizer()), "R in the loss while pruning, epoch " + (e + 1));
		}
	}

	@Test
	void aTimeBudgetNeverShortensTheRunAndRecordsItsProjection() throws java.io.IOException {
		final TrainingPair pair = SyntheticVolumes.balls("discs", new int[] { 32, 32 }, 2, 1);
		final TrainingSettings settings = new TrainingSettings(2, 3, 8, 32, new int[] { 32, 32 }, 2, 6, 5, 1e-2, 1e-5, 1, 0.5, Augmentation.Settings.NONE, 0);
		final SauronSettings s = new SauronSettings(0.05, 0.5, 4, 2, 0.02, 0.5, 2, true,
				new SauronSettings.Rounds(5, 0, 0.4, 0.3, false, false, false, SauronSettings.Budget.TIME), SauronSettings.DEFAULTS.criterion());
		final List<String> messages = new ArrayList<>();
		final SauronModel model = new Trainer(settings, s, new TrainingListener() {
			@Override
			public void message(final String text) { messages.add(text); }
		}).train(List.of(pair));
		final List<EpochRecord> epochs = model.metadata().history();
		assertTrue(epochs.size() >= 6, "at least the planned 6 epochs: " + epochs.size());
		assertEquals(epochs.size(), epochs.get(epochs.size() - 1).runEpochs(), "the last record names the run's length");
		for (int e = 0; e < 5; e++) assertEquals(6, epochs.get(e).runEpochs(), "planned length until the decision at the first clean recovery epoch");
		final var note = model.metadata().training().getAsJsonObject("time_budget");
		assertTrue(note.get("unpruned_seconds_projected").getAsDouble() > 0, note.toString());
		assertEquals(epochs.size(), note.get("epochs").getAsInt());
		assertTrue(messages.stream().anyMatch(m -> m.startsWith("time budget: the unpruned network would take about")), messages.toString());
		final java.nio.file.Path dir = tmp.resolve("budgeted");
		sauron.model.ModelStore.save(model, dir);
		final String info = sauron.model.ModelReport.describe(sauron.model.ModelStore.load(dir), dir);
		assertTrue(info.contains("time budget  " + epochs.size() + " epochs in the unpruned network's time"), info);
	}

	@Test
	void theRecoveryPhaseTrainsWithoutTheRegulariserUnlessAskedTo() {
		// 4 epochs x 5 steps, a round every 5 steps from step 5 to 15: epoch 4 is the recovery phase.
		final TrainingPair pair = SyntheticVolumes.balls("discs", new int[] { 32, 32 }, 2, 1);
		final TrainingSettings settings = new TrainingSettings(2, 3, 8, 32, new int[] { 32, 32 }, 2, 4, 5, 1e-2, 1e-5, 1, 0.5, Augmentation.Settings.NONE, 0);
		for (final boolean keep : new boolean[] { false, true }) {
			final SauronSettings s = new SauronSettings(0.05, 0.5, 4, 2, 0.02, 0.5, 2, true, new SauronSettings.Rounds(5, 0, 0.25, 0.25, false, true, keep, SauronSettings.Budget.STEPS),
					SauronSettings.DEFAULTS.criterion());
			final List<EpochRecord> epochs = new Trainer(settings, s, TrainingListener.NONE).train(List.of(pair)).metadata().history();
			assertEquals(3, epochs.get(3).rounds(), "rounds after steps 5, 10, 15");
			for (int e = 0; e < 3; e++) assertTrue(Double.isFinite(epochs.get(e).regularizer()), "R in the loss while pruning, epoch " + (e + 1));
			assertEquals(keep, Double.isFinite(epochs.get(3).regularizer()), "R in the recovery phase's loss: " + epochs.get(3).regularizer());
		}
		// Without pruning there are no rounds to recover from: the regulariser stays from the first step to the last.
		final SauronSettings noPrune = SauronSettings.DEFAULTS.withPrune(false);
		for (final EpochRecord e : new Trainer(settings, noPrune, TrainingListener.NONE).train(List.of(pair)).metadata().history())
			assertTrue(Double.isFinite(e.regularizer()), "R in epoch " + e.epoch() + " of a run without pruning");
	}

	@Test
	void withoutPruningTheNetworkKeepsItsSize() {
		final TrainingPair pair = SyntheticVolumes.balls("discs", new int[] { 32, 32 }, 2, 1);
		final TrainingSettings settings = TrainerTest.tiny(2, 3);
		final SauronModel model = new Trainer(settings, FAST.withPrune(false).withLambda(0), TrainingListener.NONE).train(List.of(pair));
		assertEquals(UNetSpec.create(2, 3, 8, 32, 1, 2), model.spec());
		assertTrue(model.metadata().history().get(0).thresholds().isEmpty());
	}
}

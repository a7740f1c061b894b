package sauron.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import sauron.data.Augmentation;
import sauron.data.LabelVolume;
import sauron.data.TrainingPair;
import sauron.data.ZScoreNormalisation;
import sauron.model.EpochRecord;
import sauron.model.SauronModel;
import sauron.net.InferenceGraph;
import sauron.prune.SauronSettings;
import sauron.segment.Segmentation;
import sauron.segment.SlidingWindowSegmenter;

class TrainerTest {

	static TrainingSettings tiny(final int dims, final int epochs) {
		return new TrainingSettings(dims, 3, 8, 32, dims == 2 ? new int[] { 32, 32 } : new int[] { 16, 16, 16 }, dims == 2 ? 4 : 2, epochs, 15, 1e-2, 1e-5,
				1, 0.5, Augmentation.Settings.NONE, 0.25);
	}

	@Test
	void anImageOfFewerDimensionsThanTheNetworkIsRefusedBeforeTraining() {
		final TrainingPair plane = SyntheticVolumes.balls("discs", new int[] { 32, 32 }, 2, 1);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(tiny(3, 1), TrainingListener.NONE).train(List.of(plane)));
		assertEquals("discs is a 2D image ([32, 32]); the model is a 3D network and needs 3D images", e.getMessage());
	}

	@Test
	void aTiny3dVolumeIsLearnedToForegroundDiceAbove0_9() {
		final TrainingPair pair = SyntheticVolumes.balls("balls", new int[] { 32, 32, 32 }, 4, 5);
		final TrainingSettings s = tiny(3, 20);
		final TrainingSettings wholeVolumePatches = new TrainingSettings(3, 3, 8, 32, new int[] { 32, 32, 32 }, 2, s.epochs(), s.stepsPerEpoch(),
				s.learningRate(), s.weightDecay(), s.seed(), s.foregroundProbability(), s.augmentation(), 0);
		assertLearned(pair, wholeVolumePatches, new int[] { 32, 32, 32 }, SauronSettings.DEFAULTS.withBudget(SauronSettings.Budget.STEPS), 0.9);
	}

	/**
	 * Plain training (Sauron's pruning is SauronTrainingTest's subject), and a bar for "learned", not for "as good
	 * as it gets": 150 steps on 32x32 patches of these discs end between Dice 0.84 and 0.93 across seeds 1-4, and
	 * a float-level change (TensorFlow's graph rewrites off) moves a seed within that range (measured 2026-12-01).
	 */
	@Test
	void aTiny2dImageIsLearnedToForegroundDiceAbove0_8() {
		final TrainingPair pair = SyntheticVolumes.balls("discs", new int[] { 64, 64 }, 5, 6);
		assertLearned(pair, tiny(2, 10), new int[] { 32, 32 }, SauronSettings.DEFAULTS.withPrune(false), 0.8);
	}

	private static void assertLearned(final TrainingPair pair, final TrainingSettings settings, final int[] tile, final SauronSettings sauron,
			final double minDice) {
		final List<EpochRecord> epochs = new ArrayList<>();
		final SauronModel model = new Trainer(settings, sauron, new TrainingListener() {
			@Override
			public void epochEnded(final EpochRecord r) { epochs.add(r); }
		}).train(List.of(pair));
		assertEquals(settings.epochs(), epochs.size());
		assertEquals(epochs, model.metadata().history());
		assertTrue(epochs.get(epochs.size() - 1).trainingLoss() < epochs.get(0).trainingLoss(), "loss went down: " + losses(epochs));
		assertEquals(settings.validationShare() > 0, Double.isFinite(epochs.get(0).validationDice()), "a validation split is scored each epoch");
		try (InferenceGraph net = new InferenceGraph(model.topology(), model.weights())) {
			final Segmentation s = new SlidingWindowSegmenter(tile).withBatchSize(2).segment(ZScoreNormalisation.normalise(pair.image(), "test"), net);
			final double dice = foregroundDice(s.labels(), pair.labels());
			assertTrue(dice > minDice, "foreground Dice " + dice + ", losses " + losses(epochs));
		}
	}

	private static List<String> losses(final List<EpochRecord> epochs) {
		return epochs.stream().map(r -> String.format("%.3f", r.trainingLoss())).toList();
	}

	static double foregroundDice(final LabelVolume a, final LabelVolume b) {
		long both = 0, sum = 0;
		for (int i = 0; i < a.labels().length; i++) {
			final boolean x = a.get(i) == 1, y = b.get(i) == 1;
			if (x && y) both++;
			if (x) sum++;
			if (y) sum++;
		}
		return 2.0 * both / sum;
	}

	@Test
	void aStopRequestEndsTrainingAfterTheCurrentEpochWithAUsableModel() {
		final TrainingPair pair = SyntheticVolumes.balls("discs", new int[] { 32, 32 }, 2, 1);
		final SauronModel model = new Trainer(tiny(2, 5), new TrainingListener() {
			@Override
			public boolean stopRequested() { return true; }
		}).train(List.of(pair));
		assertEquals(1, model.metadata().history().size());
	}

	@Test
	void theSameSeedTrainsTheSameNetwork() {
		final TrainingPair pair = SyntheticVolumes.balls("discs", new int[] { 32, 32 }, 2, 1);
		final SauronModel a = new Trainer(tiny(2, 1), TrainingListener.NONE).train(List.of(pair));
		final SauronModel b = new Trainer(tiny(2, 1), TrainingListener.NONE).train(List.of(pair));
		assertEquals(a.metadata().history().get(0).trainingLoss(), b.metadata().history().get(0).trainingLoss());
		assertArrayEquals(a.weights().get("head0/kernel").values(), b.weights().get("head0/kernel").values());
	}
}

package sauron.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import sauron.data.Augmentation;
import sauron.data.LabelVolume;
import sauron.data.TrainingPair;
import sauron.data.Volume;
import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/**
 * How a training's options become its settings: what is not given comes from the model it starts from, else the
 * images, else the defaults; what does not fit the network, the data or the starting model is refused with the
 * option to change.
 */
class TrainingOptionsTest {

	private static final TrainingPair PLANE = SyntheticVolumes.balls("discs", new int[] { 32, 32 }, 2, 1);
	private static final TrainingPair VOLUME = SyntheticVolumes.balls("balls", new int[] { 16, 16, 8 }, 1, 2);

	@TempDir
	Path dir;

	/** The options with only the network's shape given (null: not given), the run's values fixed. */
	private static TrainingOptions options(final Integer dims, final Integer levels, final Integer base, final Integer maxWidth, final int classes,
			final int[] patch, final Integer batch) {
		return new TrainingOptions(dims, levels, base, maxWidth, classes, patch, batch, 3, 4, 1e-3, 1e-5, 7, 0.5, false, 0.2);
	}

	private static TrainingOptions nothingGiven() {
		return options(null, null, null, null, 0, null, null);
	}

	private static String refused(final Executable e) {
		return assertThrows(IllegalArgumentException.class, e).getMessage();
	}

	// ---------------------------------------------------------------- a fresh network

	@Test
	void withNothingGivenA2DImageGetsThe2DDefaultsAndTheRunKeepsItsOwnValues() {
		final TrainingSettings s = nothingGiven().resolve(null, List.of(PLANE)).settings(), d = TrainingSettings.forDims(2);
		assertEquals(List.of(2, d.levels(), d.baseWidth(), d.maxWidth(), d.batchSize()), List.of(s.dims(), s.levels(), s.baseWidth(), s.maxWidth(), s.batchSize()));
		assertArrayEquals(d.patchShape(), s.patchShape());
		assertEquals(List.of(3, 4, 1e-3, 1e-5, 7L, 0.5, 0.2), List.of(s.epochs(), s.stepsPerEpoch(), s.learningRate(), s.weightDecay(), s.seed(),
				s.foregroundProbability(), s.validationShare()));
		assertEquals(Augmentation.Settings.NONE, s.augmentation());
	}

	@Test
	void aThreeDImageGetsThe3DDefaults() {
		final TrainingSettings s = nothingGiven().resolve(null, List.of(VOLUME)).settings(), d = TrainingSettings.forDims(3);
		assertEquals(List.of(3, d.levels(), d.baseWidth(), d.maxWidth(), d.batchSize()), List.of(s.dims(), s.levels(), s.baseWidth(), s.maxWidth(), s.batchSize()));
		assertArrayEquals(d.patchShape(), s.patchShape());
	}

	@Test
	void givenOptionsOverrideTheDefaultsAndA2DNetworkReadsAVolumeSliceBySlice() {
		final TrainingPlan plan = options(2, 3, 8, 64, 0, new int[] { 16, 12 }, 4).resolve(null, List.of(VOLUME));
		final TrainingSettings s = plan.settings();
		assertEquals(List.of(2, 3, 8, 64, 4), List.of(s.dims(), s.levels(), s.baseWidth(), s.maxWidth(), s.batchSize()));
		assertArrayEquals(new int[] { 16, 12 }, s.patchShape());
		assertEquals(UNetSpec.create(2, 3, 8, 64, 1, 2), plan.initialSpec(), "a fresh network of the settings' widths for the data's channels and classes");
	}

	@Test
	void dimsAndLevelsOutOfRangeAreRefusedNamingTheOption() {
		assertEquals("--dims 4: expected 2 or 3", refused(() -> options(4, null, null, null, 0, null, null)));
		assertEquals("--levels 9: expected 2..8", refused(() -> options(null, 9, null, null, 0, null, null)));
		assertEquals("--levels 1: expected 2..8", refused(() -> options(null, 1, null, null, 0, null, null)));
	}

	@Test
	void a3DNetworkOn2DImagesSaysHowToAskForA2DOne() {
		assertEquals("discs is a 2D image ([32, 32]); the model is a 3D network and needs 3D images (give --dims 2 for a 2D network)",
				refused(() -> options(3, null, null, null, 0, null, null).resolve(null, List.of(PLANE))));
	}

	@Test
	void thePatchMustFitTheNetworkAndTheExampleDoes() {
		assertEquals("--patch 18x16: each side must be a positive multiple of 4 = 2^(levels-1) for 3 levels, e.g. 20x16",
				refused(() -> options(null, 3, null, null, 0, new int[] { 18, 16 }, null).resolve(null, List.of(PLANE))));
	}

	@Test
	void aPatchOfTheOtherDimsSaysHowToAskForThemOnlyWhenTheImagesChoseTheDims() {
		assertEquals("--patch 16x16x16 has 3 sides; a 2D network needs 2 sides, x first (the images are 2D; give --dims 3 for a 3D network)",
				refused(() -> options(null, 3, null, null, 0, new int[] { 16, 16, 16 }, null).resolve(null, List.of(PLANE))));
		assertEquals("--patch 16x16x16 has 3 sides; a 2D network needs 2 sides, x first",
				refused(() -> options(2, 3, null, null, 0, new int[] { 16, 16, 16 }, null).resolve(null, List.of(PLANE))));
	}

	@Test
	void theOptionsKeepTheirOwnCopyOfThePatch() {
		final int[] patch = { 16, 16 };
		final TrainingOptions o = options(null, 3, null, null, 0, patch, null);
		patch[0] = 17;
		assertArrayEquals(new int[] { 16, 16 }, o.patch());
	}

	// ---------------------------------------------------------------- a starting model (--init, --widths-from)

	/** A 2D, 3-level model of 3 classes, pruned in two layers, trained on 16x16 patches. */
	private Path savedModel() throws IOException {
		final UNetSpec spec = UNetSpec.create(2, 3, 4, 16, 1, 3).withWidths(Map.of("enc0_0", 3, "enc1_0", 5));
		final Path model = dir.resolve("start");
		ModelStore.save(new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, new JsonObject(), List.of())), model);
		return model;
	}

	@Test
	void neitherFolderMeansAFreshNetwork() throws IOException {
		assertNull(StartingModel.load(null, null, nothingGiven()));
	}

	@Test
	void theStartingModelDecidesTheNetworkAndTheDefaultPatchAndTheDataTakeItsClasses() throws IOException {
		final Path model = savedModel();
		final StartingModel start = StartingModel.load(model, null, nothingGiven());
		assertEquals("--init " + model, start.given());
		final TrainingPlan plan = nothingGiven().resolve(start, List.of(PLANE));
		final TrainingSettings s = plan.settings();
		assertEquals(List.of(2, 3, 3, 16), List.of(s.dims(), s.levels(), s.baseWidth(), s.maxWidth()), "base and max width: its first and widest layer");
		assertArrayEquals(new int[] { 16, 16 }, s.patchShape(), "its patch unless --patch says otherwise");
		assertSame(start.spec(), plan.initialSpec());
		assertEquals(3, plan.pairs().get(0).classes(), "labels 0..1 trained as the model's 3 classes");
		assertArrayEquals(new int[] { 8, 8 }, options(null, null, null, null, 0, new int[] { 8, 8 }, null).resolve(start, List.of(PLANE)).settings().patchShape());
	}

	@Test
	void optionsThatDescribeAnotherNetworkAreRefusedWithAStartingModel() throws IOException {
		final Path model = savedModel();
		assertEquals("give --init (fine-tune a model) or --widths-from (train its widths from scratch), not both",
				refused(() -> StartingModel.load(model, model, nothingGiven())));
		assertEquals("--base cannot be given with --init: the widths are those of " + model,
				refused(() -> StartingModel.load(model, null, options(null, null, 8, null, 0, null, null))));
		assertEquals("--max-width cannot be given with --widths-from: the widths are those of " + model,
				refused(() -> StartingModel.load(null, model, options(null, null, null, 64, 0, null, null))));
		assertEquals("--dims 3 differs from --init " + model + ", a 2D network",
				refused(() -> StartingModel.load(model, null, options(3, null, null, null, 0, null, null))));
		assertEquals("--levels 4 differs from --init " + model + ", which has 3 levels",
				refused(() -> StartingModel.load(model, null, options(null, 4, null, null, 0, null, null))));
		assertEquals("--classes 2 differs from --init " + model + ", which has 3 classes",
				refused(() -> StartingModel.load(model, null, options(null, null, null, null, 2, null, null))));
	}

	@Test
	void dataThatDoNotFitTheStartingModelAreRefusedNamingIt() throws IOException {
		final Path model = savedModel();
		final StartingModel start = StartingModel.load(null, model, nothingGiven());
		final int[] shape = { 8, 8 };
		final double[] unit = { 1, 1 };
		final TrainingPair twoChannels = new TrainingPair("rgb", Volume.zeros(shape, 2, unit), new LabelVolume(shape, new byte[64], unit), 2);
		assertEquals("rgb has 2 channel(s); --widths-from " + model + " takes 1", refused(() -> nothingGiven().resolve(start, List.of(twoChannels))));
		final byte[] fourClasses = new byte[64];
		fourClasses[5] = 3;
		final TrainingPair many = new TrainingPair("many", Volume.zeros(shape, 1, unit), new LabelVolume(shape, fourClasses, unit), 4);
		assertEquals("the labels have 4 classes (largest label 3); --widths-from " + model + " has 3 classes",
				refused(() -> nothingGiven().resolve(start, List.of(many))));
	}

	@Test
	void imagesOfFewerAxesThanTheStartingModelsAreRefusedNamingIt() throws IOException {
		final UNetSpec spec = UNetSpec.create(3, 2, 2, 4, 1, 2);
		final Path model = dir.resolve("volumes");
		ModelStore.save(new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[] { 1, 1, 1 }, new int[] { 8, 8, 8 }, new JsonObject(), List.of())), model);
		final StartingModel start = StartingModel.load(model, null, nothingGiven());
		assertEquals("discs is a 2D image ([32, 32]); the model is a 3D network and needs 3D images (--init " + model + " is 3D)",
				refused(() -> nothingGiven().resolve(start, List.of(PLANE))));
	}
}

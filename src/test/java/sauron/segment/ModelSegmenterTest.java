package sauron.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import sauron.data.Volume;
import sauron.model.ModelMetadata;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

class ModelSegmenterTest {

	@Test
	void anImageWhoseProbabilitiesWouldNotFitInMemoryIsRefusedBeforeAnyTile() {
		// 255 classes x 200^3 voxels x 4 bytes = 8.2 GB of probabilities, more than the test heap (-Xmx6g) holds
		final UNetSpec spec = UNetSpec.create(3, 2, 2, 4, 1, 255);
		final SauronModel model = new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[] { 1, 1, 1 }, new int[] { 8, 8, 8 }, new JsonObject(), List.of()));
		try (ModelSegmenter segmenter = new ModelSegmenter(model)) {
			final Volume image = Volume.zeros(new int[] { 200, 200, 200 }, 1, new double[] { 1, 1, 1 });
			image.data()[0] = 1; // not constant, so only memory can stop it
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> segmenter.segment(image, "big.nii.gz"));
			final String m = e.getMessage();
			assertTrue(m.startsWith("big.nii.gz: ") && m.contains("255 classes") && m.contains("8.2 GB") && m.contains("free"), m);
		}
	}

	private static ModelMetadata trainedWith(final int batchSize, final int... patch) {
		final JsonObject training = new JsonObject();
		training.addProperty("batchSize", batchSize);
		return new ModelMetadata("zscore per image", new double[] { 1, 1 }, patch, training, List.of());
	}

	@Test
	void byDefaultACallTakesAsManyTilesAsOneTrainingStepsVoxelsHold() {
		assertEquals(8, ModelSegmenter.tilesPerCall(trainedWith(8, 16, 32), new int[] { 16, 32 }), "the training patch as tile: the batch size");
		assertEquals(2, ModelSegmenter.tilesPerCall(trainedWith(8, 16, 32), new int[] { 32, 64 }), "4x the voxels per tile: a quarter");
		assertEquals(1, ModelSegmenter.tilesPerCall(trainedWith(8, 16, 32), new int[] { 128, 128 }), "a tile bigger than a step: still one");
		assertEquals(1, ModelSegmenter.tilesPerCall(new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 32 },
				new JsonObject(), List.of()), new int[] { 16, 32 }), "no training settings recorded: one");
	}

	@Test
	void tilesPerCallDoNotChangeTheSegmentation() {
		final UNetSpec spec = UNetSpec.create(2, 2, 4, 8, 1, 3);
		final SauronModel model = new SauronModel(spec, Weights.heNormal(new Topology(spec), 3), trainedWith(4, 16, 16));
		final Volume image = Volume.zeros(new int[] { 40, 36 }, 1, new double[] { 1, 1 });
		final java.util.Random random = new java.util.Random(5);
		for (int i = 0; i < image.data().length; i++) image.data()[i] = (float) random.nextGaussian();
		try (ModelSegmenter byStep = new ModelSegmenter(model); ModelSegmenter oneByOne = new ModelSegmenter(model, null, 0.5, 1, w -> {})) {
			assertEquals(4, byStep.batchSize(), "by default a training step's worth of tiles per call");
			assertEquals(1, oneByOne.batchSize());
			final Segmentation a = byStep.segment(image, "a"), b = oneByOne.segment(image, "b");
			assertArrayEquals(b.probabilities().data(), a.probabilities().data(), 1e-5f);
		}
	}
}

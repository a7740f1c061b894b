package sauron.segment;

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
}

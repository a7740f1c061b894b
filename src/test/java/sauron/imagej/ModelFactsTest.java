package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.model.ModelStore;

/** Fiji reads a model's dimensionality and input channels from its sauron.json, without TensorFlow. */
class ModelFactsTest {

	@TempDir
	Path tmp;

	@Test
	void aSavedModelsNetworkDimsInputChannelsAndLayersInForwardOrderAreRead() throws Exception {
		assertEquals(ModelStore.METADATA_FILE, ModelFacts.FILE);
		final List<String> threeLevels = List.of("enc0_0", "enc0_1", "enc1_0", "enc1_1", "enc2_0", "enc2_1", "up1", "dec1_0", "dec1_1", "up0", "dec0_0", "dec0_1");
		assertEquals(new ModelFacts(3, 1, threeLevels), ModelFacts.read(TestImages.untrainedModel(tmp.resolve("m3"), 3).toString()));
		assertEquals(new ModelFacts(2, 1, threeLevels), ModelFacts.read(TestImages.untrainedModel(tmp.resolve("m2"), 2).toString()));
	}

	@Test
	void aFolderWithoutAReadableModelGivesNothingSoTheEngineCanSayWhatIsWrong() {
		assertNull(ModelFacts.read(tmp.resolve("none").toString()));
	}
}

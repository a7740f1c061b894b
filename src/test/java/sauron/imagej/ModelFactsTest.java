package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.model.ModelStore;

/** Fiji reads a model's dimensionality and input channels from its sauron.json, without TensorFlow. */
class ModelFactsTest {

	@TempDir
	Path tmp;

	@Test
	void aSavedModelsNetworkDimsAndInputChannelsAreRead() throws Exception {
		assertEquals(ModelStore.METADATA_FILE, ModelFacts.FILE);
		assertEquals(new ModelFacts(3, 1), ModelFacts.read(TestImages.untrainedModel(tmp.resolve("m3"), 3).toString()));
		assertEquals(new ModelFacts(2, 1), ModelFacts.read(TestImages.untrainedModel(tmp.resolve("m2"), 2).toString()));
	}

	@Test
	void aFolderWithoutAReadableModelGivesNothingSoTheEngineCanSayWhatIsWrong() {
		assertNull(ModelFacts.read(tmp.resolve("none").toString()));
	}
}

package sauron.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

/** A pruned model keeps its training settings and history and says, beside them, how it was pruned. */
class ModelMetadataTest {

	private static JsonObject note(final String criterion) {
		final JsonObject n = new JsonObject();
		n.addProperty("criterion", criterion);
		return n;
	}

	@Test
	void pruningAfterTrainingIsRecordedBesideTheSettingsAndTheOriginalIsLeftAlone() {
		final JsonObject training = new JsonObject();
		training.addProperty("batchSize", 4);
		final List<EpochRecord> history = List.of();
		final ModelMetadata trained = new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, training, history);
		final ModelMetadata pruned = trained.prunedAfterTraining(note("L1"));
		assertEquals(4, pruned.recordedTraining().batchSize(), "the settings stay readable");
		assertEquals("L1", pruned.training().getAsJsonObject("pruned_after_training").get("criterion").getAsString());
		assertFalse(trained.training().has("pruned_after_training"), "the trained model's metadata is not changed");
		assertSame(history, pruned.history());
		assertEquals("zscore per image", pruned.normalisation());
	}

	@Test
	void aModelThatRecordsNoTrainingGetsTheNoteAlone() {
		final ModelMetadata m = new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, null, List.of())
				.prunedAfterTraining(note("sauron"));
		assertEquals(List.of("pruned_after_training"), List.copyOf(m.training().keySet()));
	}
}

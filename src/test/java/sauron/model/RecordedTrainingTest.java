package sauron.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class RecordedTrainingTest {

	@Test
	void aModelThatRecordsNoTrainingSettingsReadsWithTheDefaults() {
		for (final JsonObject none : new JsonObject[] { null, new JsonObject() }) {
			final RecordedTraining t = RecordedTraining.of(none);
			assertEquals(1, t.batchSize(), "one patch per step");
			assertNull(t.initialNetwork());
			assertNull(t.sauron());
			assertEquals(OptionalInt.empty(), t.sauronPoolFactor());
			assertFalse(t.sauronRounds());
		}
	}

	@Test
	void aModelWrittenBeforeTheStepBasedRoundsReadsItsSauronSettingsWithRoundsAtEpochEnds() {
		// metadata.training as an early sauron.json has it: no batchSize, no rounds in the Sauron group
		final RecordedTraining t = RecordedTraining.of(json("{\"levels\":3,\"baseWidth\":8,\"maxWidth\":32,\"sauron\":{\"tau0\":0.02,\"sf\":2}}"));
		assertEquals(1, t.batchSize());
		assertEquals(new RecordedTraining.InitialNetwork(3, 8, 32), t.initialNetwork());
		assertEquals(OptionalInt.of(2), t.sauronPoolFactor());
		assertFalse(t.sauronRounds());
		assertEquals(0.02, t.sauron().get("tau0").getAsDouble());
	}

	@Test
	void aCurrentModelReadsEverySettingItRecords() {
		final RecordedTraining t = RecordedTraining.of(json("{\"levels\":4,\"baseWidth\":16,\"maxWidth\":256,\"batchSize\":8,"
				+ "\"sauron\":{\"sf\":4,\"rounds\":{\"every\":50}},\"initialised_from\":{\"epochs_before\":3}}"));
		assertEquals(8, t.batchSize());
		assertEquals(new RecordedTraining.InitialNetwork(4, 16, 256), t.initialNetwork());
		assertEquals(OptionalInt.of(4), t.sauronPoolFactor());
		assertTrue(t.sauronRounds());
	}

	@Test
	void partOfTheStartingNetworkIsNoStartingNetworkAndABatchBelowOneIsOne() {
		final RecordedTraining t = RecordedTraining.of(json("{\"levels\":4,\"maxWidth\":256,\"batchSize\":0,\"sauron\":\"off\"}"));
		assertNull(t.initialNetwork(), "no baseWidth");
		assertEquals(1, t.batchSize());
		assertNull(t.sauron(), "a Sauron entry that is no group of settings");
	}

	@Test
	void theMetadataReadsItsTrainingSettingsThroughTheTypedView() {
		final ModelMetadata m = new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, json("{\"batchSize\":5}"), List.of());
		assertEquals(5, m.recordedTraining().batchSize());
	}

	private static JsonObject json(final String text) {
		return JsonParser.parseString(text).getAsJsonObject();
	}
}

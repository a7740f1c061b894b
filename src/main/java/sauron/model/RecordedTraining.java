package sauron.model;

import java.util.OptionalInt;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What the code reads back of the training settings a model's sauron.json records ({@code metadata.training}, written
 * by the trainer from its TrainingSettings and SauronSettings): typed, and with what a model written before a key
 * existed means. The one place that knows those keys; the JSON itself stays in {@link ModelMetadata#training()},
 * which pruning and fine-tuning copy whole into their notes.
 *
 * @param batchSize patches per training step; 1 where not recorded
 * @param initialNetwork the levels, base and widest width the training started from; null where not all three are
 *          recorded
 * @param sauron the Sauron settings as written, for reports; null where the model records none
 * @param sauronPoolFactor Sauron's average-pooling factor sf; empty where not recorded
 * @param sauronRounds whether the Sauron settings record step-based rounds; models trained before them pruned at
 *          every epoch end
 */
public record RecordedTraining(int batchSize, InitialNetwork initialNetwork, JsonObject sauron, OptionalInt sauronPoolFactor, boolean sauronRounds) {

	/** The network a training started from, as its settings name it (UNetSpec.create's arguments). */
	public record InitialNetwork(int levels, int baseWidth, int maxWidth) {}

	/** @param training metadata.training of a sauron.json; null or empty for a model that records none */
	public static RecordedTraining of(final JsonObject training) {
		final JsonObject t = training == null ? new JsonObject() : training;
		final int batchSize = t.has("batchSize") ? Math.max(1, t.get("batchSize").getAsInt()) : 1;
		final InitialNetwork initial = t.has("levels") && t.has("baseWidth") && t.has("maxWidth")
				? new InitialNetwork(t.get("levels").getAsInt(), t.get("baseWidth").getAsInt(), t.get("maxWidth").getAsInt())
				: null;
		final JsonElement s = t.get("sauron");
		final JsonObject sauron = s != null && s.isJsonObject() ? s.getAsJsonObject() : null;
		final OptionalInt sf = sauron != null && sauron.has("sf") ? OptionalInt.of(sauron.get("sf").getAsInt()) : OptionalInt.empty();
		return new RecordedTraining(batchSize, initial, sauron, sf, sauron != null && sauron.has("rounds"));
	}
}

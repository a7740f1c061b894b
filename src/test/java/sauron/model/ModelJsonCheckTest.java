package sauron.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import sauron.net.UNetSpec;

/** A sauron.json lacking a field gives one line naming the file and the field (issue 13 item 9), not a NullPointerException. */
class ModelJsonCheckTest {

	@TempDir
	Path dir;

	/** A complete sauron.json as JSON, from the store's own records; no weights are needed to fail before them. */
	private static JsonObject complete() {
		final UNetSpec spec = UNetSpec.create(2, 2, 4, 8, 1, 2);
		final EpochRecord epoch = new EpochRecord(1, 0.5, 0.1, 0.4, 0.8, 2.0, 100, 10, spec.widths(), Map.of(), 0, 1);
		final ModelMetadata metadata = new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, new JsonObject(), List.of(epoch));
		final Gson gson = new Gson();
		return gson.toJsonTree(new ModelStore.ModelJson(ModelStore.FORMAT, ModelStore.SpecJson.of(spec), 100, 10, metadata)).getAsJsonObject();
	}

	private IOException loadFails(final JsonObject json) throws IOException {
		final Path model = Files.createDirectories(dir.resolve("model"));
		Files.writeString(model.resolve(ModelStore.METADATA_FILE), json.toString());
		return assertThrows(IOException.class, () -> ModelStore.load(model));
	}

	private void assertNamed(final IOException e, final String expected) {
		final String m = e.getMessage();
		assertTrue(m.startsWith(dir.resolve("model").resolve(ModelStore.METADATA_FILE).toString()) && m.contains(expected) && !m.contains("\n"), m);
	}

	@Test
	void missingPatchShapeIsNamed() throws IOException {
		final JsonObject json = complete();
		json.getAsJsonObject("metadata").remove("patchShape");
		assertNamed(loadFails(json), "has no metadata.patchShape, expected the training patch size");
	}

	@Test
	void patchShapeOfTheWrongDimensionIsNamed() throws IOException {
		final JsonObject json = complete();
		json.getAsJsonObject("metadata").add("patchShape", new Gson().toJsonTree(new int[] { 16, 16, 16 }));
		assertNamed(loadFails(json), "metadata.patchShape is [16, 16, 16], expected 2 positive sizes");
	}

	@Test
	void missingWidthsAreNamed() throws IOException {
		final JsonObject json = complete();
		json.getAsJsonObject("spec").remove("widths");
		assertNamed(loadFails(json), "has no spec.widths");
	}

	@Test
	void missingHistoryIsNamed() throws IOException {
		final JsonObject json = complete();
		json.getAsJsonObject("metadata").remove("history");
		assertNamed(loadFails(json), "has no metadata.history");
	}

	@Test
	void anEpochWithoutWidthsIsNamed() throws IOException {
		final JsonObject json = complete();
		json.getAsJsonObject("metadata").getAsJsonArray("history").get(0).getAsJsonObject().remove("widths");
		assertNamed(loadFails(json), "metadata.history[0] has no widths");
	}

	@Test
	void aCompleteFileGetsAsFarAsTheWeights() throws IOException {
		// The check passes a complete file: what fails next is the missing SavedModel.
		assertTrue(loadFails(complete()).getMessage().contains("has no SavedModel weights"));
	}
}

package sauron.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import sauron.net.InferenceGraph;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

class ModelStoreTest {

	@TempDir
	Path tmp;

	static SauronModel model(final int dims, final long seed) {
		final UNetSpec spec = UNetSpec.create(dims, 3, 4, 16, 1, 3).withWidths(java.util.Map.of("dec0_1", 3, "enc1_0", 5));
		return new SauronModel(spec, Weights.heNormal(new Topology(spec), seed),
				new ModelMetadata("zscore per image", dims == 3 ? new double[] { 1, 1, 2 } : new double[] { 1, 1 },
						dims == 3 ? new int[] { 16, 16, 8 } : new int[] { 32, 32 }, new JsonObject(), List.of()));
	}

	private static float[] noise(final int n) {
		final Random r = new Random(1);
		final float[] f = new float[n];
		for (int i = 0; i < n; i++) f[i] = (float) r.nextGaussian();
		return f;
	}

	@Test
	void aSavedAndLoadedModelGivesIdenticalProbabilities() throws IOException {
		for (final int dims : new int[] { 2, 3 }) {
			final SauronModel original = model(dims, 3);
			final Path dir = tmp.resolve("model" + dims);
			ModelStore.save(original, dir);
			final SauronModel loaded = ModelStore.load(dir);
			assertEquals(original.spec(), loaded.spec());
			final int[] tile = dims == 3 ? new int[] { 8, 12, 16 } : new int[] { 20, 24 };
			final float[] input = noise(2 * tile[0] * tile[1] * (dims == 3 ? tile[2] : 1));
			try (InferenceGraph a = new InferenceGraph(original.topology(), original.weights());
					InferenceGraph b = new InferenceGraph(loaded.topology(), loaded.weights())) {
				assertArrayEquals(a.predict(input, 2, tile), b.predict(input, 2, tile));
			}
			assertArrayEquals(original.metadata().patchShape(), loaded.metadata().patchShape());
		}
	}

	@Test
	void theStoredGraphIsNeverExecutedLoadingRebuildsTheNetworkFromSpecAndWeights() throws IOException {
		final SauronModel original = model(2, 5);
		final Path dir = tmp.resolve("m");
		ModelStore.save(original, dir);
		// Whatever saved_model.pb holds (here bytes no TensorFlow can parse) is never loaded, let alone run.
		final byte[] garbage = new byte[4096];
		new Random(7).nextBytes(garbage);
		Files.write(dir.resolve("saved_model.pb"), garbage);
		final SauronModel loaded = ModelStore.load(dir);
		final float[] input = noise(2 * 20 * 24);
		try (InferenceGraph a = new InferenceGraph(original.topology(), original.weights());
				InferenceGraph b = new InferenceGraph(loaded.topology(), loaded.weights())) {
			assertArrayEquals(a.predict(input, 2, new int[] { 20, 24 }), b.predict(input, 2, new int[] { 20, 24 }));
		}
	}

	@Test
	void theSavedModelIsAPlainTensorFlowSavedModelWithTheImageToProbabilitiesSignature() throws IOException {
		final SauronModel m = model(2, 4);
		final Path dir = tmp.resolve("m");
		ModelStore.save(m, dir);
		try (org.tensorflow.SavedModelBundle bundle = org.tensorflow.SavedModelBundle.load(dir.toString(), "serve")) {
			final org.tensorflow.Signature sig = bundle.function("serving_default").signature();
			assertEquals(java.util.Set.of("image"), sig.inputNames());
			assertEquals(java.util.Set.of("probabilities"), sig.outputNames());
		}
	}

	@Test
	void savingOverAModelReplacesItWhole() throws IOException {
		final Path dir = tmp.resolve("m");
		ModelStore.save(model(2, 1), dir);
		final SauronModel second = model(2, 2);
		ModelStore.save(second, dir);
		assertArrayEquals(second.weights().get("enc0_0/kernel").values(), ModelStore.load(dir).weights().get("enc0_0/kernel").values());
		try (var entries = Files.list(tmp)) {
			assertEquals(List.of(dir), entries.filter(p -> !p.equals(ModelLock.lockFile(dir))).toList(), "no temporary or backup folder is left behind");
		}
	}

	@Test
	void savingRefusesToOverwriteAFolderThatIsNotAModel() throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve("photos"));
		Files.writeString(dir.resolve("holiday.jpg"), "x");
		final IOException e = assertThrows(IOException.class, () -> ModelStore.save(model(2, 1), dir));
		assertTrue(e.getMessage().contains("not a Sauron model"), e.getMessage());
		assertTrue(Files.exists(dir.resolve("holiday.jpg")));
	}

	/** Models trained before 3D training had one form record the form they used; they load as before. */
	@Test
	void aModelThatRecordsTheRemovedConvFormLoadsAndKeepsItsTrainingSettingsAsWritten() throws IOException {
		final SauronModel m = model(3, 2);
		final JsonObject training = com.google.gson.JsonParser.parseString("{\"dims\":3,\"levels\":3,\"baseWidth\":4,\"maxWidth\":16,\"batchSize\":2,"
				+ "\"convForm\":\"NATIVE\"}").getAsJsonObject();
		final Path dir = tmp.resolve("old");
		ModelStore.save(new SauronModel(m.spec(), m.weights(), new ModelMetadata(m.metadata().normalisation(), m.metadata().voxelSize(),
				m.metadata().patchShape(), training, List.of())), dir);
		assertTrue(Files.readString(dir.resolve("sauron.json")).contains("\"convForm\""), "the field is in the file");
		final SauronModel loaded = ModelStore.load(dir);
		assertEquals("NATIVE", loaded.metadata().training().get("convForm").getAsString());
		assertEquals(2, loaded.metadata().recordedTraining().batchSize());
		assertEquals(new RecordedTraining.InitialNetwork(3, 4, 16), loaded.metadata().recordedTraining().initialNetwork());
	}

	@Test
	void loadingAMissingFolderSaysSo() {
		final IOException e = assertThrows(IOException.class, () -> ModelStore.load(tmp.resolve("nope")));
		assertTrue(e.getMessage().contains("nope"), e.getMessage());
	}

	@Test
	void loadingAFolderWithoutSauronJsonSaysItIsNotAModel() throws IOException {
		final IOException e = assertThrows(IOException.class, () -> ModelStore.load(Files.createDirectories(tmp.resolve("empty"))));
		assertTrue(e.getMessage().contains("not a Sauron model"), e.getMessage());
	}

	@Test
	void aCorruptSauronJsonIsReportedAsDamaged() throws IOException {
		final Path dir = tmp.resolve("m");
		ModelStore.save(model(2, 1), dir);
		Files.writeString(dir.resolve("sauron.json"), "{ \"format\": \"sauron-unet/1\", \"spec\": [1, 2");
		final IOException e = assertThrows(IOException.class, () -> ModelStore.load(dir));
		assertTrue(e.getMessage().contains("damaged"), e.getMessage());
	}

	@Test
	void weightsThatDoNotFitTheSpecAreRejected() throws IOException {
		final Path dir = tmp.resolve("m");
		ModelStore.save(model(2, 1), dir);
		final String json = Files.readString(dir.resolve("sauron.json")).replace("\"dec0_1\": 3", "\"dec0_1\": 4");
		Files.writeString(dir.resolve("sauron.json"), json);
		final IOException e = assertThrows(IOException.class, () -> ModelStore.load(dir));
		assertTrue(e.getMessage().contains("dec0_1"), e.getMessage());
	}

	@Test
	void truncatedWeightsAreReportedAsDamaged() throws IOException {
		final Path dir = tmp.resolve("m");
		ModelStore.save(model(2, 1), dir);
		final Path data = Files.list(dir.resolve("variables")).filter(p -> p.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
		Files.write(data, new byte[10]);
		final IOException e = assertThrows(IOException.class, () -> ModelStore.load(dir));
		assertTrue(e.getMessage().contains("cannot read the weights"), e.getMessage());
	}

	@Test
	void variablesOfADeeperModelAreRejectedThoughEverySharedShapeFits() throws IOException {
		// 2 and 3 levels with the same base width share every name of the 2-level net with the same shapes
		final Path shallow = tmp.resolve("shallow");
		final Path deep = tmp.resolve("deep");
		ModelStore.save(model(UNetSpec.create(2, 2, 4, 16, 1, 2)), shallow);
		ModelStore.save(model(UNetSpec.create(2, 3, 4, 16, 1, 2)), deep);
		for (final Path f : Files.list(shallow.resolve("variables")).toList()) Files.delete(f);
		for (final Path f : Files.list(deep.resolve("variables")).toList()) Files.copy(f, shallow.resolve("variables").resolve(f.getFileName()));
		final IOException e = assertThrows(IOException.class, () -> ModelStore.load(shallow));
		assertTrue(e.getMessage().contains(shallow.toString()) && e.getMessage().contains("enc2_0/kernel"), e.getMessage());
	}

	private static SauronModel model(final UNetSpec spec) {
		return new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, new JsonObject(), List.of()));
	}
}

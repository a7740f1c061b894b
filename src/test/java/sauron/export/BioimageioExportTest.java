package sauron.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.TensorFlow;
import org.tensorflow.types.TFloat32;

import com.google.gson.JsonObject;

import sauron.data.Volume;
import sauron.data.ZScoreNormalisation;
import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.segment.ModelSegmenter;
import sauron.tf.Tensors;
import sauron.train.SyntheticVolumes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model exported for bioimage.io, checked as its consumers would check it: the rdf against the spec's published
 * JSON schema, the files against the rdf's sha256 sums, and the zipped SavedModel run by TensorFlow's own loader on
 * the test input, preprocessed as the rdf says, against the test output. Two small pruned-width networks of 3
 * levels: a 2D one with 1 channel and 3 classes, and a 3D one with 2 channels and 2 classes (two channels, so that
 * the rdf's per-channel normalisation is told apart from a joint one).
 */
class BioimageioExportTest {

	@TempDir
	static Path tmp;

	/** One exported package per dimensionality. */
	record Exported(SauronModel model, Path modelDir, Volume image, Path zip, BioimageioExport.Summary summary, Map<String, byte[]> entries, JsonNode rdf) {
		String rdfText() {
			return new String(entries.get(ModelRdf.RDF), StandardCharsets.UTF_8);
		}
	}

	static Exported exported2d, exported3d;

	@BeforeAll
	static void exportTwoModels() throws IOException {
		exported2d = export(2, 1, 3, image(new int[] { 48, 40 }, 1));
		exported3d = export(3, 2, 2, image(new int[] { 24, 20, 12 }, 2));
	}

	static SauronModel model(final int dims, final int channels, final int classes) {
		final UNetSpec spec = UNetSpec.create(dims, 3, 4, 16, channels, classes).withWidths(Map.of("dec0_1", 3, "enc1_0", 5));
		return new SauronModel(spec, Weights.heNormal(new Topology(spec), 11),
				new ModelMetadata(ZScoreNormalisation.NAME, dims == 3 ? new double[] { 1, 1, 2 } : new double[] { 1, 1 },
						dims == 3 ? new int[] { 16, 16, 8 } : new int[] { 32, 32 }, new JsonObject(), List.of()));
	}

	/** Bright balls on a lit background; a second channel, if any, is a dimmer noisy copy on another offset. */
	static Volume image(final int[] shape, final int channels) {
		final Volume one = SyntheticVolumes.balls("balls", shape, 4, 5).image();
		final float[] data = new float[one.data().length * channels];
		final Random random = new Random(3);
		for (int i = 0; i < one.data().length; i++)
			for (int c = 0; c < channels; c++) data[i * channels + c] = c == 0 ? one.data()[i] : 1000 + 0.3f * one.data()[i] + 5 * (float) random.nextGaussian();
		return new Volume(shape, channels, data, one.voxelSize());
	}

	static Exported export(final int dims, final int channels, final int classes, final Volume image) throws IOException {
		final SauronModel model = model(dims, channels, classes);
		final Path dir = tmp.resolve("model" + dims + "d");
		ModelStore.save(model, dir);
		final SauronModel loaded = ModelStore.load(dir);
		final ExportSettings settings = ExportSettings.of(null, "model" + dims + "d", dims, List.of("Jane Doe"), List.of(), null);
		final Path zip = tmp.resolve("model" + dims + "d.zip");
		final BioimageioExport.Summary summary = BioimageioExport.write(loaded, dir, image, "balls.tif", settings, zip);
		final Map<String, byte[]> entries = unzip(Files.readAllBytes(zip));
		return new Exported(loaded, dir, image, zip, summary, entries, RdfSchema.read(new String(entries.get(ModelRdf.RDF), StandardCharsets.UTF_8)));
	}

	static Map<String, byte[]> unzip(final byte[] zip) throws IOException {
		final Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry e; (e = in.getNextEntry()) != null;) entries.put(e.getName(), in.readAllBytes());
		}
		return entries;
	}

	static List<Exported> both() {
		return List.of(exported2d, exported3d);
	}

	// ---------------------------------------------------------------- the package and its rdf

	@Test
	void thePackageHoldsTheRdfTheZippedSavedModelTestTensorsCoverReadmeAndSauronJson() throws IOException {
		for (final Exported e : both()) {
			assertEquals(List.of("rdf.yaml", "tf_saved_model_bundle.zip", "test_input.npy", "test_output.npy", "sauron.json", "cover.png", "README.md"),
					new ArrayList<>(e.entries().keySet()));
			assertEquals(List.of("saved_model.pb", "variables/variables.data-00000-of-00001", "variables/variables.index"),
					new ArrayList<>(unzip(e.entries().get(ModelRdf.WEIGHTS)).keySet()));
			final BufferedImage cover = ImageIO.read(new ByteArrayInputStream(e.entries().get(ModelRdf.COVER)));
			assertEquals(2 * cover.getHeight(), cover.getWidth(), "bioimage.io asks for covers of 2:1 or 1:1");
			assertArrayEquals(Files.readAllBytes(e.modelDir().resolve("sauron.json")), e.entries().get(ModelRdf.SAURON_JSON));
			final String readme = new String(e.entries().get(ModelRdf.DOCUMENTATION), StandardCharsets.UTF_8);
			assertTrue(readme.startsWith("# Sauron U-Net " + e.model().spec().dims() + "D model" + e.model().spec().dims() + "d"), readme);
		}
	}

	@Test
	void theRdfIsValidAgainstTheBioimageioModelSchema() {
		for (final Exported e : both()) assertEquals(List.of(), RdfSchema.errors(e.rdf()), e.rdfText());
	}

	@Test
	void theSameSchemaRejectsAnRdfWithAnyOfTheseMistakes() {
		final Map<String, Consumer<ObjectNode>> mistakes = new LinkedHashMap<>();
		mistakes.put("no weights", rdf -> rdf.remove("weights"));
		mistakes.put("format 0.4", rdf -> rdf.put("format_version", "0.4.10"));
		mistakes.put("a step of 0", rdf -> axis(rdf, "inputs", 1).withObjectProperty("size").put("step", 0));
		mistakes.put("an unknown axis type", rdf -> axis(rdf, "inputs", 0).put("type", "batches"));
		mistakes.put("a channel axis without names", rdf -> axis(rdf, "outputs", 4).remove("channel_names"));
		mistakes.put("an unknown preprocessing", rdf -> ((ObjectNode) rdf.get("inputs").get(0).get("preprocessing").get(0)).put("id", "zscore"));
		mistakes.put("eps of 0", rdf -> ((ObjectNode) rdf.get("inputs").get(0).get("preprocessing").get(0).get("kwargs")).put("eps", 0.0));
		mistakes.put("a short sha256", rdf -> ((ObjectNode) rdf.get("weights").get("tensorflow_saved_model_bundle")).put("sha256", "abc"));
		mistakes.put("no tensorflow version", rdf -> ((ObjectNode) rdf.get("weights").get("tensorflow_saved_model_bundle")).remove("tensorflow_version"));
		mistakes.put("a 4-letter name", rdf -> rdf.put("name", "Unet"));
		mistakes.put("an unknown field", rdf -> rdf.put("weights_format", "tensorflow"));
		for (final Map.Entry<String, Consumer<ObjectNode>> m : mistakes.entrySet()) {
			final ObjectNode broken = (ObjectNode) exported3d.rdf().deepCopy();
			m.getValue().accept(broken);
			assertFalse(RdfSchema.errors(broken).isEmpty(), "the schema accepted an rdf with " + m.getKey());
		}
	}

	private static ObjectNode axis(final ObjectNode rdf, final String tensors, final int index) {
		return (ObjectNode) rdf.get(tensors).get(0).get("axes").get(index);
	}

	@Test
	void theRdfDescribesTheNetworkInSauronJson() {
		final JsonNode in = exported3d.rdf().get("inputs").get(0), out = exported3d.rdf().get("outputs").get(0);
		assertEquals(List.of("batch", "z", "y", "x", "channel"), types(in.get("axes"), "id", "type"));
		assertEquals(List.of("batch", "z", "y", "x", "channel"), types(out.get("axes"), "id", "type"));
		for (int a = 1; a <= 3; a++) {
			// 3 levels: the encoder halves every side twice
			assertEquals(4, in.get("axes").get(a).get("size").get("min").asInt());
			assertEquals(4, in.get("axes").get(a).get("size").get("step").asInt());
			assertEquals("image", out.get("axes").get(a).get("size").get("tensor_id").asString());
			assertEquals(in.get("axes").get(a).get("id").asString(), out.get("axes").get(a).get("size").get("axis_id").asString());
		}
		assertEquals(List.of("channel0", "channel1"), strings(in.get("axes").get(4).get("channel_names")));
		assertEquals(List.of("background", "class1"), strings(out.get("axes").get(4).get("channel_names")));
		assertEquals(List.of("background", "class1", "class2"), strings(exported2d.rdf().get("outputs").get(0).get("axes").get(3).get("channel_names")));
		assertEquals(List.of("batch", "y", "x", "channel"), types(exported2d.rdf().get("inputs").get(0).get("axes"), "id", "type"));
		final JsonNode zscore = in.get("preprocessing").get(0);
		assertEquals("zero_mean_unit_variance", zscore.get("id").asString());
		assertEquals(List.of("z", "y", "x"), strings(zscore.get("kwargs").get("axes")), "per image and channel, as ZScoreNormalisation");
		assertEquals(1e-8, zscore.get("kwargs").get("eps").asDouble(), 0);
		assertEquals("image", in.get("id").asString());
		assertEquals("probabilities", out.get("id").asString());
		assertEquals(TensorFlow.version(), exported3d.rdf().get("weights").get("tensorflow_saved_model_bundle").get("tensorflow_version").asString());
		assertEquals(List.of("Jane Doe"), types(exported3d.rdf().get("authors"), "name", "name"));
		assertEquals(ExportSettings.SAURON.url(), exported3d.rdf().get("cite").get(0).get("url").asString());
		assertEquals("CC-BY-4.0", exported3d.rdf().get("license").asString());
	}

	/** The field of each element; for axes without an id (batch, channel), its type, which is their default id. */
	private static List<String> types(final JsonNode array, final String field, final String fallback) {
		final List<String> out = new ArrayList<>();
		for (final JsonNode n : array) out.add(n.has(field) ? n.get(field).asString() : n.get(fallback).asString());
		return out;
	}

	private static List<String> strings(final JsonNode array) {
		final List<String> out = new ArrayList<>();
		for (final JsonNode n : array) out.add(n.asString());
		return out;
	}

	@Test
	void everyFileTheRdfNamesIsInThePackageWithTheSha256ItStates() {
		for (final Exported e : both()) {
			final JsonNode rdf = e.rdf();
			final Map<String, String> stated = new LinkedHashMap<>();
			final JsonNode weights = rdf.get("weights").get("tensorflow_saved_model_bundle");
			stated.put(weights.get("source").asString(), weights.get("sha256").asString());
			for (final String io : new String[] { "inputs", "outputs" }) {
				final JsonNode t = rdf.get(io).get(0).get("test_tensor");
				stated.put(t.get("source").asString(), t.get("sha256").asString());
			}
			final JsonNode attachment = rdf.get("attachments").get(0);
			stated.put(attachment.get("source").asString(), attachment.get("sha256").asString());
			assertEquals(4, stated.size());
			for (final Map.Entry<String, String> s : stated.entrySet())
				assertEquals(s.getValue(), BioimageioExport.sha256(e.entries().get(s.getKey())), s.getKey());
			assertTrue(e.entries().containsKey(rdf.get("documentation").asString()));
			assertTrue(e.entries().containsKey(rdf.get("covers").get(0).asString()));
		}
	}

	@Test
	void theUnzippedSavedModelBesideThePackagesSauronJsonIsTheSauronModelAgain() throws IOException {
		final Path folder = Files.createTempDirectory(tmp, "rebuilt");
		for (final Map.Entry<String, byte[]> f : unzip(exported3d.entries().get(ModelRdf.WEIGHTS)).entrySet()) {
			Files.createDirectories(folder.resolve(f.getKey()).getParent());
			Files.write(folder.resolve(f.getKey()), f.getValue());
		}
		Files.write(folder.resolve("sauron.json"), exported3d.entries().get(ModelRdf.SAURON_JSON));
		final SauronModel rebuilt = ModelStore.load(folder);
		assertEquals(exported3d.model().spec(), rebuilt.spec());
		for (final String name : exported3d.model().weights().all().keySet())
			assertArrayEquals(exported3d.model().weights().get(name).values(), rebuilt.weights().get(name).values(), name);
	}

	// ---------------------------------------------------------------- the stored graph, run as another runtime would

	@Test
	void theZippedSavedModelRunByTensorFlowsOwnLoaderReproducesTheTestOutputFromTheTestInput() throws IOException {
		for (final Exported e : both()) {
			final JsonNode in = e.rdf().get("inputs").get(0), out = e.rdf().get("outputs").get(0);
			final NpyReader.Array input = NpyReader.read(e.entries().get(in.get("test_tensor").get("source").asString()));
			final NpyReader.Array expected = NpyReader.read(e.entries().get(out.get("test_tensor").get("source").asString()));
			final float[] preprocessed = zeroMeanUnitVariance(input, in);
			final Path folder = Files.createTempDirectory(tmp, "bundle");
			for (final Map.Entry<String, byte[]> f : unzip(e.entries().get(e.rdf().get("weights").get("tensorflow_saved_model_bundle").get("source").asString())).entrySet()) {
				Files.createDirectories(folder.resolve(f.getKey()).getParent());
				Files.write(folder.resolve(f.getKey()), f.getValue());
			}
			final float[] actual;
			final long[] shape;
			try (SavedModelBundle bundle = SavedModelBundle.load(folder.toString(), "serve");
					TFloat32 t = Tensors.floats(preprocessed, input.shape());
					Result r = bundle.function("serving_default").call(Map.<String, Tensor>of(in.get("id").asString(), t))) {
				final Tensor probabilities = r.get(out.get("id").asString()).orElseThrow();
				actual = Tensors.toArray(probabilities);
				shape = probabilities.shape().asArray();
			}
			assertArrayEquals(expected.shape(), shape);
			assertEquals(e.model().spec().classes(), shape[shape.length - 1]);
			assertTrue(StoredGraphCheck.maxDifference(expected.values(), actual) <= 1e-4, "stored graph vs test output: " + StoredGraphCheck.maxDifference(expected.values(), actual));
			assertTrue(max(expected.values()) > 0.01, "test outputs must not be all near 0 (bioimage.io refuses those)");
		}
	}

	/**
	 * bioimage.io's zero_mean_unit_variance as the rdf states it: mean and standard deviation over the named axes,
	 * separately for every index of the others (batch and channel here), out = (x - mean) / (std + eps).
	 */
	static float[] zeroMeanUnitVariance(final NpyReader.Array input, final JsonNode tensor) {
		final JsonNode zscore = tensor.get("preprocessing").get(0);
		assertEquals("zero_mean_unit_variance", zscore.get("id").asString());
		final List<String> ids = new ArrayList<>();
		for (final JsonNode a : tensor.get("axes")) ids.add(a.has("id") ? a.get("id").asString() : a.get("type").asString());
		final List<String> reduced = strings(zscore.get("kwargs").get("axes"));
		final double eps = zscore.get("kwargs").get("eps").asDouble();
		final long[] shape = input.shape();
		final float[] x = input.values(), y = new float[x.length];
		// Group the elements by their indices along the axes that are kept.
		final Map<String, List<Integer>> groups = new LinkedHashMap<>();
		for (int i = 0; i < x.length; i++) {
			long rest = i;
			final StringBuilder key = new StringBuilder();
			for (int a = shape.length - 1; a >= 0; a--) {
				final long index = rest % shape[a];
				rest /= shape[a];
				if (!reduced.contains(ids.get(a))) key.append(ids.get(a)).append('=').append(index).append(' ');
			}
			groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(i);
		}
		for (final List<Integer> group : groups.values()) {
			double sum = 0, squares = 0;
			for (final int i : group) sum += x[i];
			final double mean = sum / group.size();
			for (final int i : group) squares += (x[i] - mean) * (x[i] - mean);
			final double std = Math.sqrt(squares / group.size());
			for (final int i : group) y[i] = (float) ((x[i] - mean) / (std + eps));
		}
		return y;
	}

	@Test
	void theTestOutputIsWhatThisPluginsSegmenterGivesForThePatchOfTheImage() throws IOException {
		for (final Exported e : both()) {
			final NpyReader.Array input = NpyReader.read(e.entries().get(ModelRdf.TEST_INPUT));
			final NpyReader.Array output = NpyReader.read(e.entries().get(ModelRdf.TEST_OUTPUT));
			final int[] patch = e.summary().tests().patch();
			final int channels = e.model().spec().inputChannels();
			try (ModelSegmenter segmenter = new ModelSegmenter(ModelStore.load(e.modelDir()))) {
				final Volume probabilities = segmenter.segment(new Volume(patch, channels, input.values(), e.image().voxelSize()), "patch").probabilities();
				assertTrue(StoredGraphCheck.maxDifference(probabilities.data(), output.values()) <= 1e-5,
						"segmenter vs test output: " + StoredGraphCheck.maxDifference(probabilities.data(), output.values()));
			}
		}
	}

	@Test
	void theTestInputIsTheRawCentrePatchOfTheImageWithBatchAndChannelAxes() {
		final Exported e = exported3d;
		final NpyReader.Array input = NpyReader.read(e.entries().get(ModelRdf.TEST_INPUT));
		// the training patch 16x16x8 fits the 24x20x12 image: centred at (4, 2, 2); tensor order [batch, z, y, x, channel]
		assertArrayEquals(new long[] { 1, 8, 16, 16, 2 }, input.shape());
		assertArrayEquals(new int[] { 4, 2, 2 }, e.summary().tests().origin());
		for (final int[] p : new int[][] { { 0, 0, 0 }, { 15, 3, 7 }, { 6, 15, 2 } })
			for (int c = 0; c < 2; c++)
				assertEquals(e.image().data()[e.image().index(4 + p[0], 2 + p[1], 2 + p[2]) + c], input.values()[((p[2] * 16 + p[1]) * 16 + p[0]) * 2 + c], 0);
		// 2D: 32x32 of a 48x40 image
		assertArrayEquals(new long[] { 1, 32, 32, 1 }, NpyReader.read(exported2d.entries().get(ModelRdf.TEST_INPUT)).shape());
		assertArrayEquals(new long[] { 1, 32, 32, 3 }, NpyReader.read(exported2d.entries().get(ModelRdf.TEST_OUTPUT)).shape());
	}

	@Test
	void aPatchIsShrunkToTheImageInWholeStepsAndAnImageBelowOneStepIsRefused() throws IOException {
		final SauronModel model = exported2d.model();
		final Path zip = tmp.resolve("small.zip");
		final ExportSettings settings = ExportSettings.of(null, "m", 2, List.of(), List.of(), null);
		final BioimageioExport.Summary s = BioimageioExport.write(model, exported2d.modelDir(), image(new int[] { 13, 40 }, 1), "narrow.tif", settings, zip);
		assertArrayEquals(new int[] { 12, 32 }, s.tests().patch(), "13 -> 12, a multiple of 4");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> BioimageioExport.write(model, exported2d.modelDir(), image(new int[] { 3, 40 }, 1), "thin.tif", settings, tmp.resolve("thin.zip")));
		assertTrue(e.getMessage().contains("thin.tif is 3 voxels along x") && e.getMessage().contains("at least 4"), e.getMessage());
		assertFalse(Files.exists(tmp.resolve("thin.zip")));
	}

	@Test
	void rdfYamlMeansTheSameToYaml11AndYaml12Readers() {
		for (final Exported e : both()) {
			final Object yaml11 = RdfSchema.readAsYaml11(e.rdfText());
			final JsonNode asJson = RdfSchema.tree(yaml11);
			assertEquals(e.rdf(), asJson);
		}
	}

	@Test
	void withoutAuthorsThePackageSaysWhatToFillIn() throws IOException {
		final ExportSettings settings = ExportSettings.of(null, "m", 2, List.of(), List.of(), null);
		final Path zip = tmp.resolve("anonymous.zip");
		BioimageioExport.write(exported2d.model(), exported2d.modelDir(), exported2d.image(), "balls.tif", settings, zip);
		final Map<String, byte[]> entries = unzip(Files.readAllBytes(zip));
		final String rdf = new String(entries.get(ModelRdf.RDF), StandardCharsets.UTF_8);
		assertTrue(rdf.contains("# Fill in before uploading: authors."), rdf);
		assertEquals(ExportSettings.PLACEHOLDER_AUTHOR, RdfSchema.read(rdf).get("authors").get(0).get("name").asString());
		assertTrue(new String(entries.get(ModelRdf.DOCUMENTATION), StandardCharsets.UTF_8).contains("**Before uploading**: fill in authors"));
		assertEquals(List.of(), RdfSchema.errors(RdfSchema.read(rdf)));
	}

	private static float max(final float[] a) {
		float m = Float.NEGATIVE_INFINITY;
		for (final float v : a) m = Math.max(m, v);
		return m;
	}
}

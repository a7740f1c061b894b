package sauron.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.tensorflow.TensorFlow;

import sauron.data.FileTrees;
import sauron.data.Volume;
import sauron.io.AtomicFiles;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.InferenceGraph;

/**
 * Packs a Sauron model as a bioimage.io model (format 0.5) for DeepImageJ, bioimage.io and other consumers: a zip
 * with rdf.yaml, the SavedModel zipped as bioimage.io asks for multi-file weights, test tensors as .npy, a cover,
 * a README and the model's sauron.json. The SavedModel is written afresh from the loaded network, and before
 * anything is written its stored graph is run the way another runtime would run it: it must reproduce the test
 * output within {@link StoredGraphCheck#TOLERANCE}, else nothing is written. The zip appears whole or not at all.
 */
public final class BioimageioExport {

	/** Zip entry times: fixed, so that the weights' sha256 depends on their content only. */
	private static final long ENTRY_TIME = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

	/**
	 * What was written.
	 *
	 * @param entries file name -> bytes, in the zip's order
	 * @param storedGraphDifference the largest difference between the stored graph's test output and ours
	 */
	public record Summary(Map<String, Long> entries, TestTensors tests, double storedGraphDifference, String tensorflowVersion) {}

	private BioimageioExport() {}

	/**
	 * @param modelDir the model's folder, for its sauron.json
	 * @param image raw intensities; a patch from its centre becomes the test input and the cover
	 * @param imageName how messages and the README call the image
	 * @param zip the file to write (replaced whole when it exists)
	 */
	public static Summary write(final SauronModel model, final Path modelDir, final Volume image, final String imageName, final ExportSettings settings,
			final Path zip) throws IOException {
		final TestTensors tests;
		final byte[] cover, weights;
		final double difference;
		final Path folder = Files.createTempDirectory("sauron-export-");
		try (InferenceGraph net = new InferenceGraph(model.topology(), model.weights())) {
			tests = TestTensors.of(model, net, image, imageName);
			final String layer = "dec0_1"; // the last decoder layer: on the image's grid, what the classes are read from
			final float[] maps = net.activations(layer, tests.normalised(), 1, tests.patch());
			cover = CoverImage.png(tests.normalised(), model.spec().inputChannels(), maps, model.topology().layer(layer).outChannels(), tests.patch());
			final Path savedModel = folder.resolve("model");
			net.exportSavedModel(savedModel);
			difference = StoredGraphCheck.maxDifference(StoredGraphCheck.run(savedModel, tests.normalised(), tests.inputShape()), tests.output());
			if (!(difference <= StoredGraphCheck.TOLERANCE))
				throw new IllegalStateException(String.format(java.util.Locale.ROOT,
						"the exported SavedModel's stored graph gives probabilities up to %.3g away from the model's own (tolerance %.0e); nothing was written",
						difference, StoredGraphCheck.TOLERANCE));
			weights = zipFolder(savedModel);
		} finally {
			FileTrees.delete(folder);
		}
		final String tensorflowVersion = TensorFlow.version();
		final Map<String, byte[]> files = new LinkedHashMap<>();
		files.put(ModelRdf.WEIGHTS, weights);
		files.put(ModelRdf.TEST_INPUT, NpyWriter.float32(tests.input(), tests.inputShape()));
		files.put(ModelRdf.TEST_OUTPUT, NpyWriter.float32(tests.output(), tests.outputShape()));
		files.put(ModelRdf.SAURON_JSON, Files.readAllBytes(modelDir.resolve(ModelStore.METADATA_FILE)));
		final Map<String, String> sha256 = new LinkedHashMap<>();
		for (final Map.Entry<String, byte[]> f : files.entrySet()) sha256.put(f.getKey(), sha256(f.getValue()));
		final Map<String, Object> rdf = ModelRdf.describe(model, settings, sha256, tensorflowVersion, Instant.now());
		final List<String> comment = new ArrayList<>(List.of("bioimage.io model description (format " + ModelRdf.FORMAT_VERSION + "), written by Sauron U-Net for Fiji."));
		if (!settings.placeholders().isEmpty()) comment.add("Fill in before uploading: " + String.join(", ", settings.placeholders()) + ".");
		final Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put(ModelRdf.RDF, YamlWriter.write(comment, rdf).getBytes(StandardCharsets.UTF_8));
		entries.putAll(files);
		entries.put(ModelRdf.COVER, cover);
		entries.put(ModelRdf.DOCUMENTATION, ModelReadme.markdown(model, settings, tests, imageName).getBytes(StandardCharsets.UTF_8));
		AtomicFiles.write(zip, out -> {
			final ZipOutputStream z = new ZipOutputStream(out);
			for (final Map.Entry<String, byte[]> e : entries.entrySet()) put(z, e.getKey(), e.getValue());
			z.finish();
		});
		final Map<String, Long> sizes = new LinkedHashMap<>();
		entries.forEach((name, bytes) -> sizes.put(name, (long) bytes.length));
		return new Summary(sizes, tests, difference, tensorflowVersion);
	}

	/** Every file under the folder, by its path relative to it ('/' separated), sorted: a zip of the same files is the same bytes. */
	static byte[] zipFolder(final Path folder) throws IOException {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream z = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(folder)) {
			for (final Path p : walk.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> relative(folder, p))).toList())
				put(z, relative(folder, p), Files.readAllBytes(p));
		}
		return bytes.toByteArray();
	}

	private static String relative(final Path folder, final Path file) {
		return folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
	}

	private static void put(final ZipOutputStream z, final String name, final byte[] content) throws IOException {
		final ZipEntry e = new ZipEntry(name);
		e.setTime(ENTRY_TIME);
		z.putNextEntry(e);
		z.write(content);
		z.closeEntry();
	}

	public static String sha256(final byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		} catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java has SHA-256", e);
		}
	}
}

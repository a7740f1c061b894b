package sauron.export;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import sauron.data.ZScoreNormalisation;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.InferenceGraph;
import sauron.net.UNetSpec;

/**
 * The bioimage.io model description (rdf.yaml, format 0.5) of a Sauron model, and the names of the files it refers
 * to in the package. Everything in it comes from sauron.json: dimensionality, input channels and classes from the
 * spec, the input size rule from its levels, the preprocessing from the normalisation the model was trained with.
 * Tensor ids are the SavedModel signature's names, so runtimes that match tensors by name find them.
 */
public final class ModelRdf {

	public static final String FORMAT_VERSION = "0.5.7";
	public static final String RDF = "rdf.yaml";
	public static final String WEIGHTS = "tf_saved_model_bundle.zip";
	public static final String TEST_INPUT = "test_input.npy";
	public static final String TEST_OUTPUT = "test_output.npy";
	public static final String COVER = "cover.png";
	public static final String DOCUMENTATION = "README.md";
	/** The model's own description, so that the package holds everything needed to rebuild the Sauron model folder. */
	public static final String SAURON_JSON = ModelStore.METADATA_FILE;
	/**
	 * The rdf's zero_mean_unit_variance divides by (std + eps); the model's z-score divides by max(std, 1e-8). With eps
	 * this small the two differ by at most 1e-8 / std, below float precision for any image that is not nearly constant.
	 */
	public static final double EPS = 1e-8;

	private ModelRdf() {}

	/**
	 * @param sha256 hex digests of the packaged files, by file name ({@link #WEIGHTS}, {@link #TEST_INPUT},
	 *            {@link #TEST_OUTPUT}, {@link #SAURON_JSON})
	 * @param tensorflowVersion the TensorFlow version that wrote the SavedModel
	 */
	public static Map<String, Object> describe(final SauronModel model, final ExportSettings settings, final Map<String, String> sha256,
			final String tensorflowVersion, final Instant timestamp) {
		if (!ZScoreNormalisation.NAME.equals(model.metadata().normalisation()))
			throw new IllegalArgumentException("the model expects normalisation '" + model.metadata().normalisation() + "', which has no bioimage.io equivalent here");
		final UNetSpec spec = model.spec();
		final Map<String, Object> rdf = new LinkedHashMap<>();
		rdf.put("type", "model");
		rdf.put("format_version", FORMAT_VERSION);
		rdf.put("name", settings.name());
		rdf.put("description", description(model));
		rdf.put("authors", settings.authors().stream().map(a -> (Object) ordered("name", a)).toList());
		rdf.put("cite", settings.cites().stream().map(ModelRdf::citation).toList());
		rdf.put("license", settings.license());
		rdf.put("tags", List.of("segmentation", "semantic-segmentation", "u-net", spec.dims() + "d", "sauron", "filter-pruning", "tensorflow", "fiji"));
		rdf.put("documentation", DOCUMENTATION);
		rdf.put("covers", List.of(COVER));
		rdf.put("attachments", List.of(file(SAURON_JSON, sha256)));
		rdf.put("timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString());
		rdf.put("inputs", List.of(input(spec, sha256)));
		rdf.put("outputs", List.of(output(spec, sha256)));
		final Map<String, Object> bundle = new LinkedHashMap<>();
		bundle.put("source", WEIGHTS);
		bundle.put("sha256", require(sha256, WEIGHTS));
		bundle.put("tensorflow_version", tensorflowVersion);
		bundle.put("comment", "TensorFlow SavedModel, tag 'serve', signature 'serving_default': " + InferenceGraph.INPUT + " -> " + InferenceGraph.OUTPUT
				+ "; written by TensorFlow Java");
		rdf.put("weights", ordered("tensorflow_saved_model_bundle", bundle));
		rdf.put("config", ordered("sauron", sauronConfig(model)));
		return rdf;
	}

	static String description(final SauronModel model) {
		final UNetSpec spec = model.spec();
		return String.format(java.util.Locale.ROOT,
				"%dD U-Net (%d levels, %,d parameters) that segments %d-channel images into %d classes (0: background); trained and pruned with Sauron "
						+ "in Sauron U-Net for Fiji. Input: intensities, z-scored per image and channel. Output: one probability per class; "
						+ "the label of a voxel is its most probable class.",
				spec.dims(), spec.levels(), model.topology().parameterCount(), spec.inputChannels(), spec.classes());
	}

	private static Map<String, Object> input(final UNetSpec spec, final Map<String, String> sha256) {
		final List<Object> axes = new ArrayList<>();
		axes.add(ordered("type", "batch"));
		// Every side must be a multiple of 2^(levels-1): the encoder halves it levels-1 times.
		for (final String axis : spatialAxes(spec.dims()))
			axes.add(ordered("type", "space", "id", axis, "size", ordered("min", spec.sizeMultiple(), "step", spec.sizeMultiple())));
		axes.add(channelAxis(names("channel", spec.inputChannels())));
		final Map<String, Object> zscore = new LinkedHashMap<>();
		zscore.put("id", "zero_mean_unit_variance");
		// Mean and standard deviation over the spatial axes of one sample, per channel: ZScoreNormalisation.
		zscore.put("kwargs", ordered("axes", spatialAxes(spec.dims()), "eps", EPS));
		final Map<String, Object> t = new LinkedHashMap<>();
		t.put("id", InferenceGraph.INPUT);
		t.put("description", "raw intensities; z-scored per image and channel before the network");
		t.put("axes", axes);
		t.put("test_tensor", file(TEST_INPUT, sha256));
		t.put("data", ordered("type", "float32"));
		t.put("preprocessing", List.of(zscore));
		return t;
	}

	private static Map<String, Object> output(final UNetSpec spec, final Map<String, String> sha256) {
		final List<Object> axes = new ArrayList<>();
		axes.add(ordered("type", "batch"));
		for (final String axis : spatialAxes(spec.dims()))
			axes.add(ordered("type", "space", "id", axis, "size", ordered("tensor_id", InferenceGraph.INPUT, "axis_id", axis)));
		final List<String> classes = new ArrayList<>(List.of("background"));
		for (int c = 1; c < spec.classes(); c++) classes.add("class" + c);
		axes.add(channelAxis(classes));
		final Map<String, Object> t = new LinkedHashMap<>();
		t.put("id", InferenceGraph.OUTPUT);
		t.put("description", "softmax probability of each class; labels: the most probable class per voxel");
		t.put("axes", axes);
		t.put("test_tensor", file(TEST_OUTPUT, sha256));
		t.put("data", ordered("type", "float32", "range", List.of(0.0, 1.0)));
		return t;
	}

	/** The SavedModel's axis order after batch: (z,) y, x. */
	static List<String> spatialAxes(final int dims) {
		return dims == 3 ? List.of("z", "y", "x") : List.of("y", "x");
	}

	private static Map<String, Object> channelAxis(final List<String> names) {
		final Map<String, Object> a = new LinkedHashMap<>();
		a.put("type", "channel");
		a.put("channel_names", names);
		return a;
	}

	private static List<String> names(final String prefix, final int n) {
		final List<String> names = new ArrayList<>();
		for (int i = 0; i < n; i++) names.add(prefix + i);
		return names;
	}

	private static Map<String, Object> file(final String name, final Map<String, String> sha256) {
		final Map<String, Object> f = new LinkedHashMap<>();
		f.put("source", name);
		f.put("sha256", require(sha256, name));
		return f;
	}

	private static String require(final Map<String, String> sha256, final String name) {
		final String hash = sha256.get(name);
		if (hash == null || !hash.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("no sha256 for " + name + ": " + hash);
		return hash;
	}

	private static Map<String, Object> citation(final ExportSettings.Citation c) {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("text", c.text());
		if (c.doi() != null) m.put("doi", c.doi());
		if (c.url() != null) m.put("url", c.url());
		return m;
	}

	/** What bioimage.io has no field for: the network and how it was trained, for people and for tools that know Sauron. */
	private static Map<String, Object> sauronConfig(final SauronModel model) {
		final UNetSpec spec = model.spec();
		final Map<String, Object> c = new LinkedHashMap<>();
		c.put("dims", spec.dims());
		c.put("levels", spec.levels());
		c.put("input_channels", spec.inputChannels());
		c.put("classes", spec.classes());
		c.put("input_size_multiple", spec.sizeMultiple());
		c.put("parameters", model.topology().parameterCount());
		c.put("widths", new LinkedHashMap<String, Object>(spec.widths()));
		c.put("normalisation", model.metadata().normalisation());
		if (model.metadata().voxelSize() != null) c.put("training_voxel_size_x_first", boxed(model.metadata().voxelSize()));
		c.put("training_patch_x_first", java.util.Arrays.stream(model.metadata().patchShape()).boxed().toList());
		c.put("model_description", SAURON_JSON);
		return c;
	}

	/** A map that keeps the order its entries are given in, so rdf.yaml reads the same in every export. */
	private static Map<String, Object> ordered(final Object... keysAndValues) {
		final Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
		return m;
	}

	private static List<Double> boxed(final double[] a) {
		return java.util.Arrays.stream(a).boxed().toList();
	}
}

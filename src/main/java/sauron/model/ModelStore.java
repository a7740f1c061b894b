package sauron.model;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import sauron.net.InferenceGraph;
import sauron.net.Layer;
import sauron.net.Param;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.tf.Tensors;

/**
 * Model directories: a TensorFlow SavedModel (inference only, usable by any TF runtime) plus sauron.json
 * (spec, metadata, history). Saving writes a sibling temporary directory and renames it into place, so a
 * crash never leaves half a model and never damages the previous one ({@link ModelReplacement}; a crash's
 * leftovers are resolved by the next save or load). Loading reads the spec from
 * sauron.json and the weights straight from the SavedModel's variables with our own Restore op: the stored
 * graph is never executed.
 */
public final class ModelStore {

	public static final String METADATA_FILE = "sauron.json";
	static final String FORMAT = "sauron-unet/1";
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

	private ModelStore() {}

	/** The JSON form of sauron.json. */
	record ModelJson(String format, SpecJson spec, long parameters, double flopsPerVoxel, ModelMetadata metadata) {}

	record SpecJson(int dims, int levels, int inputChannels, int classes, Map<String, Integer> widths) {
		static SpecJson of(final UNetSpec s) {
			return new SpecJson(s.dims(), s.levels(), s.inputChannels(), s.classes(), new LinkedHashMap<>(s.widths()));
		}

		UNetSpec toSpec() {
			return UNetSpec.of(dims, levels, inputChannels, classes, widths);
		}
	}

	/**
	 * Saves the model as the folder {@code dir}, replacing a model there; fails if another process is writing it.
	 * Training should {@link ModelDestination#reserve reserve} the folder before it starts instead.
	 */
	public static void save(final SauronModel model, final Path dir) throws IOException {
		try (ModelDestination destination = ModelDestination.reserve(dir)) {
			destination.saveHere(model);
		}
	}

	/** Writes the SavedModel and sauron.json into a new folder. */
	static void writeFiles(final SauronModel model, final Path dir) throws IOException {
		try (InferenceGraph graph = new InferenceGraph(model.topology(), model.weights())) {
			graph.exportSavedModel(dir);
		} catch (final org.tensorflow.exceptions.TensorFlowException e) {
			// TensorFlow's text names its own file operations; the user needs the folder and the cause.
			throw new IOException("cannot write the model files into " + dir + ": " + firstLine(e.getMessage()), e);
		}
		ModelReplacement.reached(ModelReplacement.Stage.EXPORTED);
		final Topology topology = model.topology();
		final ModelJson json = new ModelJson(FORMAT, SpecJson.of(model.spec()), topology.parameterCount(),
				topology.flopsPerVoxel(model.metadata().patchShape()), model.metadata());
		try (Writer w = Files.newBufferedWriter(dir.resolve(METADATA_FILE), StandardCharsets.UTF_8)) {
			GSON.toJson(json, w);
		}
	}

	/**
	 * Fails unless {@link #save} may write to {@code dir}: it must not exist, or be an empty folder or a model
	 * of ours. Callers check this before hours of training, not after.
	 */
	public static void requireSavable(final Path dir) throws IOException {
		final Path target = dir.toAbsolutePath().normalize();
		if (Files.exists(target) && !isReplaceable(target))
			throw new IOException(target + " exists and is not a Sauron model directory (no " + METADATA_FILE + "); choose an empty or new folder");
	}

	public static SauronModel load(final Path dir) throws IOException {
		recoverInterruptedSave(dir);
		final Path json = dir.resolve(METADATA_FILE);
		if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "model directory not found");
		if (!Files.isRegularFile(json)) throw new IOException(dir + " is not a Sauron model: it has no " + METADATA_FILE);
		final ModelJson parsed;
		try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
			parsed = GSON.fromJson(r, ModelJson.class);
		} catch (final JsonParseException e) {
			// Gson wraps the reader's exception and puts its class name in the message; users need only the place.
			final String where = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
			throw new IOException(json + " is damaged: " + where, e);
		}
		if (parsed == null || !FORMAT.equals(parsed.format()) || parsed.spec() == null || parsed.metadata() == null)
			throw new IOException(json + " is not a " + FORMAT + " model description");
		ModelJsonCheck.requireComplete(parsed, json);
		final UNetSpec spec;
		try {
			spec = parsed.spec().toSpec();
		} catch (final IllegalArgumentException e) {
			throw new IOException(json + " describes an invalid network: " + e.getMessage(), e);
		}
		final Topology topology = new Topology(spec);
		final Weights weights = readWeights(dir, topology);
		try {
			return new SauronModel(spec, weights, parsed.metadata());
		} catch (final IllegalArgumentException e) {
			throw new IOException(dir + ": the weights do not fit the network in " + METADATA_FILE + ": " + e.getMessage(), e);
		}
	}

	/** Reads every kernel and bias of the topology from the SavedModel's variables checkpoint. */
	static Weights readWeights(final Path dir, final Topology topology) throws IOException {
		final Path index = dir.resolve("variables").resolve("variables.index");
		if (!Files.isRegularFile(index)) throw new IOException(dir + " has no SavedModel weights (" + index + " is missing)");
		final List<String> names = new ArrayList<>();
		final List<long[]> shapes = new ArrayList<>();
		for (final Layer layer : topology.layers()) {
			names.add(layer.kernelName());
			shapes.add(layer.kernelShape());
			names.add(layer.biasName());
			shapes.add(new long[] { layer.outChannels() });
		}
		final List<Class<? extends TType>> types = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) types.add(TFloat32.class);
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Restore restore = tf.train.restore(tf.constant(dir.resolve("variables").resolve("variables").toString()),
					tf.constant(StandardCharsets.UTF_8, names.toArray(new String[0])), tf.constant(StandardCharsets.UTF_8, emptySlices(names.size())), types);
			try (Session s = new Session(g)) {
				final Session.Runner runner = s.runner();
				restore.tensors().forEach(runner::fetch);
				try (Result r = runner.run()) {
					final Map<String, Param> params = new LinkedHashMap<>();
					for (int i = 0; i < names.size(); i++) {
						final long[] stored = r.get(i).shape().asArray();
						if (!java.util.Arrays.equals(stored, shapes.get(i)))
							throw new IOException(dir + ": weight " + names.get(i) + " has shape " + java.util.Arrays.toString(stored) + ", "
									+ METADATA_FILE + " needs " + java.util.Arrays.toString(shapes.get(i)));
						params.put(names.get(i), new Param(shapes.get(i), Tensors.toArray(r.get(i))));
					}
					requireNoDeeperLevel(dir, topology);
					return new Weights(params);
				}
			}
		} catch (final org.tensorflow.exceptions.TensorFlowException e) {
			throw new IOException(dir + ": cannot read the weights (damaged model or not made by this plugin): " + firstLine(e.getMessage()), e);
		}
	}

	/**
	 * Variables of a deeper model hold every name of this one, with the same shapes when the base widths agree
	 * (the up-convolution of the lowest decoder level sees the same width either way), so the shape check alone
	 * passes wrong weights. Their first extra layer gives them away; a shallower model's lack a name and fail above.
	 */
	private static void requireNoDeeperLevel(final Path dir, final Topology topology) throws IOException {
		final String extra = "enc" + topology.spec().levels() + "_0/kernel";
		final long[] shape;
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Restore probe = tf.train.restore(tf.constant(dir.resolve("variables").resolve("variables").toString()),
					tf.constant(StandardCharsets.UTF_8, new String[] { extra }), tf.constant(StandardCharsets.UTF_8, new String[] { "" }),
					List.of(TFloat32.class));
			try (Session s = new Session(g); Result r = s.runner().fetch(probe.tensors().get(0)).run()) {
				shape = r.get(0).shape().asArray();
			}
		} catch (final org.tensorflow.exceptions.TensorFlowException e) {
			return; // not there: as it should be
		}
		throw new IOException(dir + ": weight " + extra + " has shape " + java.util.Arrays.toString(shape) + ", " + METADATA_FILE
				+ " needs none (its network has " + topology.spec().levels() + " levels): the variables come from another model");
	}

	private static String[] emptySlices(final int n) {
		final String[] s = new String[n];
		java.util.Arrays.fill(s, "");
		return s;
	}

	private static String firstLine(final String s) {
		if (s == null) return "";
		final int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}

	/** An existing directory may be replaced only if it is empty or a model of ours. */
	private static boolean isReplaceable(final Path dir) throws IOException {
		if (!Files.isDirectory(dir)) return false;
		if (Files.isRegularFile(dir.resolve(METADATA_FILE))) return true;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
			return !entries.iterator().hasNext();
		}
	}

	/**
	 * Finishes or undoes a save that a crash interrupted, so the folder holds the old or the new model. Only when
	 * hidden leftovers lie beside it (else loading writes nothing), and not while another process is saving it.
	 */
	private static void recoverInterruptedSave(final Path dir) throws IOException {
		final Path target = dir.toAbsolutePath().normalize();
		if (target.getParent() == null || !ModelReplacement.hasLeftovers(target)) return;
		final ModelLock lock;
		try {
			lock = ModelLock.tryAcquire(target);
		} catch (final IOException e) {
			return; // a folder we cannot write: load what is there
		}
		if (lock == null) {
			if (!Files.exists(target)) throw new IOException(dir + " is being replaced by another save right now; try again when it has finished");
			return;
		}
		try (lock) {
			ModelReplacement.recover(target);
		} catch (final IOException e) {
			// e.g. leftovers in a folder this user may read but not change: load what is in place, if anything
		}
	}

	/** Bytes on disk of a model directory (all files). */
	public static long sizeOnDisk(final Path dir) throws IOException {
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
		}
	}
}

package sauron.net;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

import sauron.tf.Tensors;

/**
 * The forward pass only, built from (spec, weights): full-resolution probabilities for tiles of any size
 * (multiples of {@link UNetSpec#sizeMultiple()}), the activations of any layer for the feature-map browser,
 * and the export of a plain TensorFlow SavedModel (signature: image -> probabilities). 3D graphs use
 * TensorFlow's Conv3D: inference needs no gradients.
 */
public final class InferenceGraph implements PatchPredictor {

	public static final String INPUT = "image";
	public static final String OUTPUT = "probabilities";

	private final Topology topology;
	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> image;
	private final Operand<TFloat32> probabilities;
	private final Map<String, Operand<TFloat32>> activations;

	public InferenceGraph(final Topology topology, final Weights weights) {
		weights.checkMatches(topology);
		this.topology = topology;
		final int dims = topology.spec().dims();
		graph = new Graph();
		boolean built = false;
		try {
			final Ops tf = Ops.create(graph);
			final long[] shape = new long[dims + 2];
			java.util.Arrays.fill(shape, -1);
			shape[dims + 1] = topology.spec().inputChannels();
			image = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
			final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
			final Map<String, Placeholder<TFloat32>> inputs = new LinkedHashMap<>();
			final List<Op> assigns = new ArrayList<>();
			for (final Layer layer : topology.layers()) {
				// One sub-scope per layer: TF makes a repeated sub-scope name unique (enc0_0_1), which would
				// rename the variables in the SavedModel.
				final Ops scope = tf.withSubScope(layer.name());
				for (final String name : List.of(layer.kernelName(), layer.biasName())) {
					final Shape s = Shape.of(weights.get(name).shape());
					final Variable<TFloat32> v = scope.withName(name.substring(name.indexOf('/') + 1)).variable(s, TFloat32.class);
					final Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(s));
					variables.put(name, v);
					inputs.put(name, in);
					assigns.add(tf.assign(v, in));
				}
			}
			final UNetGraph.Forward forward = new UNetGraph(tf, topology, UNetGraph.WeightSource.byName(variables::get), UNetGraph.Convolutions.PLAIN).forward(image, false);
			probabilities = tf.withName(OUTPUT).nn.softmax(forward.logits().get(0));
			activations = forward.activations();
			session = Sessions.create(graph);
			final List<Tensor> open = new ArrayList<>();
			try {
				final Session.Runner runner = session.runner();
				for (final Map.Entry<String, Param> e : weights.all().entrySet()) {
					final TFloat32 t = Tensors.floats(e.getValue().values(), e.getValue().shape());
					open.add(t);
					runner.feed(inputs.get(e.getKey()), t);
				}
				assigns.forEach(runner::addTarget);
				runner.run().close();
			} finally {
				open.forEach(Tensor::close);
			}
			built = true;
		} finally {
			if (!built) graph.close();
		}
	}

	@Override
	public int dims() { return topology.spec().dims(); }

	@Override
	public int inputChannels() { return topology.spec().inputChannels(); }

	@Override
	public int classes() { return topology.spec().classes(); }

	@Override
	public int sizeMultiple() { return topology.spec().sizeMultiple(); }

	public Topology topology() { return topology; }

	@Override
	public float[] predict(final float[] tiles, final int batch, final int[] tileShape) {
		return run(probabilities, tiles, batch, tileShape);
	}

	/**
	 * The output of one layer (after its norm and activation) for a batch of tiles: channels-last, one value
	 * per remaining filter. Deeper layers have a smaller grid (tile / 2^level).
	 */
	public float[] activations(final String layer, final float[] tiles, final int batch, final int[] tileShape) {
		final Operand<TFloat32> a = activations.get(layer);
		if (a == null) throw new IllegalArgumentException("no layer " + layer + " with feature maps; layers: " + activations.keySet());
		return run(a, tiles, batch, tileShape);
	}

	/** The feature maps of several layers from one forward pass over a batch of tiles. */
	public Map<String, FeatureMaps> featureMaps(final Iterable<String> layers, final float[] tiles, final int batch, final int[] tileShape) {
		final Session.Runner runner = session.runner();
		final List<String> names = new ArrayList<>();
		for (final String layer : layers) {
			final Operand<TFloat32> a = activations.get(layer);
			if (a == null) throw new IllegalArgumentException("no layer " + layer + " with feature maps; layers: " + activations.keySet());
			runner.fetch(a);
			names.add(layer);
		}
		try (TFloat32 in = Tensors.floats(tiles, inputShape(batch, tileShape)); Result r = runner.feed(image, in).run()) {
			final Map<String, FeatureMaps> maps = new LinkedHashMap<>();
			for (int i = 0; i < names.size(); i++) maps.put(names.get(i), new FeatureMaps(Tensors.toArray(r.get(i)), r.get(i).shape().asArray()));
			return maps;
		}
	}

	private long[] inputShape(final int batch, final int[] tileShape) {
		final int dims = dims();
		topology.spec().checkSides("tile", tileShape);
		final long[] shape = new long[dims + 2];
		shape[0] = batch;
		for (int d = 0; d < dims; d++) shape[1 + d] = tileShape[dims - 1 - d];
		shape[dims + 1] = inputChannels();
		return shape;
	}

	private float[] run(final Operand<TFloat32> output, final float[] tiles, final int batch, final int[] tileShape) {
		final long[] shape = inputShape(batch, tileShape);
		try (TFloat32 in = Tensors.floats(tiles, shape); Result r = session.runner().feed(image, in).fetch(output).run()) {
			return Tensors.toArray(r.get(0));
		}
	}

	/** Writes a TensorFlow SavedModel (tag "serve", signature "serving_default": image -> probabilities). */
	public void exportSavedModel(final Path dir) throws IOException {
		final Signature signature = Signature.builder().key(Signature.DEFAULT_KEY).input(INPUT, image).output(OUTPUT, probabilities).build();
		SavedModelBundle.exporter(dir.toString()).withSession(session).withSignature(signature).export();
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}
}

package sauron.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

import sauron.net.AdamState;
import sauron.net.Layer;
import sauron.net.Param;
import sauron.net.Topology;
import sauron.net.UNetGraph;
import sauron.net.Weights;
import sauron.net.FeatureMaps;
import sauron.net.Sessions;
import sauron.prune.SauronRegularizer;
import sauron.tf.Tensors;

/**
 * A U-Net training graph for one batch and patch shape, with our own Adam (raw ApplyAdam on moment
 * variables we own, so pruning can slice them). Built from (topology, weights, Adam state); pruning reads
 * the state back, slices it and builds a new one.
 * <p>
 * The backward pass: in 2D, TensorFlow's own gradient builder ({@code Graph.addGradients}; its C++ registry has
 * Conv2D's gradient). In 3D, the registry has no Conv3D gradient, so the graph differentiates its convolutions itself
 * ({@link SegmentedBackprop}) with ops that run on every platform; nothing is registered with TensorFlow.
 */
public final class TrainingGraph implements AutoCloseable {

	/** Results of one forward pass on a batch. */
	public record Evaluation(float loss, float[] probabilities) {}

	private static final float BETA1 = 0.9f, BETA2 = 0.999f, ADAM_EPS = 1e-8f;

	private final Topology topology;
	private final int batch;
	private final long[] inputShape;
	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> image, learningRate, beta1Power, beta2Power;
	private final Placeholder<TUint8> labels;
	private final Operand<TFloat32> loss, probabilities, regularizer;
	private float lastRegularizer = Float.NaN;
	private final Op train;
	private final Map<String, Slot> slots = new LinkedHashMap<>();
	private final Map<String, Operand<TFloat32>> prunableMaps = new LinkedHashMap<>(), pooledMaps = new LinkedHashMap<>();
	private final List<Operand<TFloat32>> gradients = new ArrayList<>();
	private long step;

	/** A weight array's variable, its two Adam moment variables, and the placeholders that load them. */
	private record Slot(Variable<TFloat32> weight, Variable<TFloat32> m, Variable<TFloat32> v,
			Placeholder<TFloat32> weightIn, Placeholder<TFloat32> mIn, Placeholder<TFloat32> vIn, List<Op> loads) {}

	/**
	 * @param patchShape spatial patch size, x first (ImgLib2 order)
	 */
	public TrainingGraph(final Topology topology, final Weights weights, final AdamState adam, final int batch, final int[] patchShape,
			final float weightDecay) {
		this(topology, weights, adam, batch, patchShape, weightDecay, 0f, 2);
	}

	/**
	 * @param lambda weight of Sauron's regulariser delta_opt in the loss (0: plain CE + Dice)
	 * @param poolFactor Sauron's average-pooling factor sf for the regulariser
	 */
	public TrainingGraph(final Topology topology, final Weights weights, final AdamState adam, final int batch, final int[] patchShape,
			final float weightDecay, final float lambda, final int poolFactor) {
		weights.checkMatches(topology);
		adam.firstMoment().checkMatches(topology);
		adam.secondMoment().checkMatches(topology);
		final int dims = topology.spec().dims();
		topology.spec().checkSides("patch", patchShape);
		final UNetGraph.Convolutions convolutions = dims == 3 ? UNetGraph.Convolutions.SEGMENTED : UNetGraph.Convolutions.PLAIN;
		this.topology = topology;
		this.batch = batch;
		this.step = adam.step();
		this.inputShape = new long[dims + 2];
		inputShape[0] = batch;
		for (int d = 0; d < dims; d++) inputShape[1 + d] = patchShape[dims - 1 - d];
		inputShape[dims + 1] = topology.spec().inputChannels();

		graph = new Graph();
		final Ops tf = Ops.create(graph);
		image = tf.withName("image").placeholder(TFloat32.class, Placeholder.shape(Shape.of(inputShape)));
		final long[] labelShape = java.util.Arrays.copyOf(inputShape, dims + 1);
		labels = tf.withName("labels").placeholder(TUint8.class, Placeholder.shape(Shape.of(labelShape)));
		learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		beta1Power = tf.withName("beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		beta2Power = tf.withName("beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

		final Ops adamM = tf.withSubScope("adam_m"), adamV = tf.withSubScope("adam_v");
		for (final Layer layer : topology.layers()) {
			// One sub-scope per layer and kind: TF makes a repeated sub-scope name unique (enc0_0_1).
			final Ops w = tf.withSubScope(layer.name()), m = adamM.withSubScope(layer.name()), v = adamV.withSubScope(layer.name());
			slot(tf, w, m, v, layer.kernelName(), layer.kernelShape());
			slot(tf, w, m, v, layer.biasName(), new long[] { layer.outChannels() });
		}
		final UNetGraph unet = new UNetGraph(tf, topology, UNetGraph.WeightSource.byName(name -> slots.get(name).weight()), convolutions);
		final UNetGraph.Forward forward = unet.forward(image, true);
		final Operand<TInt32> classIndex = tf.dtypes.cast(labels, TInt32.class);
		final Operand<TFloat32> oneHot = tf.oneHot(classIndex, tf.constant(topology.spec().classes()), tf.constant(1f), tf.constant(0f));
		for (final Layer layer : topology.prunable()) {
			prunableMaps.put(layer.name(), forward.activations().get(layer.name()));
			pooledMaps.put(layer.name(), SauronRegularizer.pooled(tf.withSubScope("pooled_" + layer.name()), forward.activations().get(layer.name()), poolFactor));
		}
		final Operand<TFloat32> segmentation = SegmentationLoss.build(tf, forward.logits(), oneHot, dims);
		regularizer = lambda == 0 ? null : SauronRegularizer.build(tf, prunableMaps, poolFactor);
		loss = tf.withName("loss").identity(lambda == 0 ? segmentation : tf.math.add(segmentation, tf.math.mul(tf.constant(lambda), regularizer)));
		probabilities = tf.nn.softmax(forward.logits().get(0));

		if (convolutions == UNetGraph.Convolutions.SEGMENTED) {
			final Map<Operand<TFloat32>, Operand<TFloat32>> byWeight = SegmentedBackprop.gradients(graph, tf, loss, segments(forward));
			for (final Map.Entry<String, Slot> e : slots.entrySet()) {
				final Operand<TFloat32> g = byWeight.get(e.getValue().weight());
				if (g == null) throw new IllegalStateException("no segment of the backward pass holds " + e.getKey());
				gradients.add(g);
			}
		} else {
			final List<Operand<?>> variables = new ArrayList<>();
			for (final Slot s : slots.values()) variables.add(s.weight());
			final Output<?>[] grads = graph.addGradients(loss.asOutput(), toOutputs(variables));
			for (final Output<?> g : grads) {
				@SuppressWarnings("unchecked")
				final Operand<TFloat32> gf = (Operand<TFloat32>) g;
				gradients.add(gf);
			}
		}
		// Updates wait for every gradient: ApplyAdam writes the variables in place, and backprop still reads
		// kernels (conv input gradients), so an early update would race with it (seen as runs with one seed
		// diverging after the first step).
		final Ops afterBackprop = tf.withControlDependencies(new ArrayList<Op>(gradients));
		final List<Op> updates = new ArrayList<>();
		int i = 0;
		for (final Slot s : slots.values()) {
			final Operand<TFloat32> g = gradients.get(i++);
			// Adam with L2 weight decay added to the gradient, as torch.optim.Adam(weight_decay=...) does.
			final Operand<TFloat32> decayed = tf.math.add(g, tf.math.mul(tf.constant(weightDecay), s.weight()));
			updates.add(afterBackprop.train.applyAdam(s.weight(), s.m(), s.v(), beta1Power, beta2Power, learningRate,
					tf.constant(BETA1), tf.constant(BETA2), tf.constant(ADAM_EPS), decayed));
		}
		train = tf.withControlDependencies(updates).withName("train").noOp();
		session = Sessions.create(graph);
		load(weights, adam);
	}

	/**
	 * One backward segment per block, in forward order: the block's convolution, its bias, and the weights of the
	 * layers it alone feeds that have no convolution of their own (transposed convs, heads).
	 */
	private List<SegmentedBackprop.Segment> segments(final UNetGraph.Forward forward) {
		final List<SegmentedBackprop.Segment> segments = new ArrayList<>();
		for (final Layer layer : topology.layers()) {
			if (layer.kind() != Layer.Kind.BLOCK) continue;
			final List<Operand<TFloat32>> weights = new ArrayList<>(), heads = new ArrayList<>();
			final List<UNetGraph.Conv> feeds = new ArrayList<>();
			weights.add(slots.get(layer.biasName()).weight());
			for (final Topology.Consumer c : topology.consumersOf(layer.name())) {
				if (c.layer().kind() == Layer.Kind.BLOCK) {
					feeds.add(forward.convs().get(c.layer().name()));
					continue;
				}
				// A transposed conv or a head: part of this segment; a transposed conv's readers are the next convolutions.
				final List<Operand<TFloat32>> to = c.layer().kind() == Layer.Kind.HEAD ? heads : weights;
				to.add(slots.get(c.layer().kernelName()).weight());
				to.add(slots.get(c.layer().biasName()).weight());
				for (final Topology.Consumer after : topology.consumersOf(c.layer().name()))
					if (after.layer().kind() == Layer.Kind.BLOCK) feeds.add(forward.convs().get(after.layer().name()));
			}
			segments.add(new SegmentedBackprop.Segment(forward.convs().get(layer.name()), weights, heads, feeds));
		}
		return segments;
	}

	private void slot(final Ops tf, final Ops wScope, final Ops mScope, final Ops vScope, final String name, final long[] shape) {
		final String leaf = name.substring(name.indexOf('/') + 1);
		final Variable<TFloat32> weight = wScope.withName(leaf).variable(Shape.of(shape), TFloat32.class);
		final Variable<TFloat32> m = mScope.withName(leaf).variable(Shape.of(shape), TFloat32.class);
		final Variable<TFloat32> v = vScope.withName(leaf).variable(Shape.of(shape), TFloat32.class);
		final Placeholder<TFloat32> wIn = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
		final Placeholder<TFloat32> mIn = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
		final Placeholder<TFloat32> vIn = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
		slots.put(name, new Slot(weight, m, v, wIn, mIn, vIn, List.of(tf.assign(weight, wIn), tf.assign(m, mIn), tf.assign(v, vIn))));
	}

	private static Output<?>[] toOutputs(final List<Operand<?>> operands) {
		final Output<?>[] outputs = new Output<?>[operands.size()];
		for (int i = 0; i < outputs.length; i++) outputs[i] = operands.get(i).asOutput();
		return outputs;
	}

	/** Loads weights and moments into the variables (also used by tests to probe the loss). */
	public void load(final Weights weights, final AdamState adam) {
		final List<Tensor> tensors = new ArrayList<>();
		try {
			final Session.Runner runner = session.runner();
			for (final Map.Entry<String, Slot> e : slots.entrySet()) {
				final Slot s = e.getValue();
				feed(runner, tensors, s.weightIn(), weights.get(e.getKey()));
				feed(runner, tensors, s.mIn(), adam.firstMoment().get(e.getKey()));
				feed(runner, tensors, s.vIn(), adam.secondMoment().get(e.getKey()));
				for (final Op op : s.loads()) runner.addTarget(op);
			}
			runner.run().close();
			step = adam.step();
		} finally {
			for (final Tensor t : tensors) t.close();
		}
	}

	private static void feed(final Session.Runner runner, final List<Tensor> open, final Placeholder<TFloat32> in, final Param p) {
		final TFloat32 t = Tensors.floats(p.values(), p.shape());
		open.add(t);
		runner.feed(in, t);
	}

	/**
	 * One Adam step on a batch.
	 *
	 * @param images channels-last patches, x fastest: [B, (Z,) Y, X, C] flattened
	 * @param labelBytes class per voxel: [B, (Z,) Y, X] flattened
	 * @return the loss before the step
	 */
	public float step(final float[] images, final byte[] labelBytes, final float lr) {
		return step(images, labelBytes, lr, false).loss();
	}

	/** A step's loss and, when asked for, the pooled prunable feature maps its forward pass computed. */
	public record Step(float loss, Map<String, FeatureMaps> pooledMaps) {}

	/**
	 * One Adam step that can also hand back the pooled maps of its forward pass (before the update): Sauron's
	 * criterion reads the last training batches of a round this way, at the cost of a copy, not of extra
	 * forward passes.
	 */
	public Step step(final float[] images, final byte[] labelBytes, final float lr, final boolean withPooledMaps) {
		return step(images, labelBytes, lr, withPooledMaps, null);
	}

	/**
	 * One Adam step like {@link #step(float[], byte[], float)}, traced: TensorFlow's statistics of every op it ran go to
	 * {@code trace}. For profiling (sauron.bench.TrainingOpProfile).
	 */
	public float tracedStep(final float[] images, final byte[] labelBytes, final float lr, final Consumer<RunMetadata> trace) {
		return step(images, labelBytes, lr, false, trace).loss();
	}

	private Step step(final float[] images, final byte[] labelBytes, final float lr, final boolean withPooledMaps, final Consumer<RunMetadata> trace) {
		final long t = step + 1;
		try (TFloat32 img = Tensors.floats(images, inputShape);
				TUint8 lab = Tensors.bytes(labelBytes, java.util.Arrays.copyOf(inputShape, inputShape.length - 1));
				TFloat32 lrT = Tensors.scalar(lr);
				TFloat32 b1 = Tensors.scalar((float) Math.pow(BETA1, t));
				TFloat32 b2 = Tensors.scalar((float) Math.pow(BETA2, t))) {
			final Session.Runner runner = withRegularizer(session.runner().feed(image, img).feed(labels, lab).feed(learningRate, lrT).feed(beta1Power, b1)
					.feed(beta2Power, b2).addTarget(train).fetch(loss));
			if (withPooledMaps) pooledMaps.values().forEach(runner::fetch);
			if (trace != null) runner.setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build());
			try (Result r = trace != null ? runner.runAndFetchMetadata() : runner.run()) {
				if (trace != null) trace.accept(r.getMetadata().orElseThrow());
				step = t;
				final int mapsFrom = regularizer != null ? 2 : 1;
				lastRegularizer = regularizer != null ? ((TFloat32) r.get(1)).getFloat() : Float.NaN;
				return new Step(((TFloat32) r.get(0)).getFloat(), withPooledMaps ? maps(r, pooledMaps.keySet(), mapsFrom) : null);
			}
		}
	}

	private Session.Runner withRegularizer(final Session.Runner runner) {
		return regularizer == null ? runner : runner.fetch(regularizer);
	}

	/** Sauron's regulariser R (unweighted) in the last step's loss; NaN when lambda is 0. */
	public float lastRegularizer() {
		return lastRegularizer;
	}

	/** Loss and full-resolution probabilities of a batch, without training. */
	public Evaluation evaluate(final float[] images, final byte[] labelBytes) {
		try (TFloat32 img = Tensors.floats(images, inputShape);
				TUint8 lab = Tensors.bytes(labelBytes, java.util.Arrays.copyOf(inputShape, inputShape.length - 1));
				Result r = session.runner().feed(image, img).feed(labels, lab).fetch(loss).fetch(probabilities).run()) {
			return new Evaluation(((TFloat32) r.get(0)).getFloat(), Tensors.toArray(r.get(1)));
		}
	}

	/** The feature maps of every prunable layer for a batch of images. */
	public Map<String, FeatureMaps> prunableFeatureMaps(final float[] images) {
		return fetch(prunableMaps, images);
	}

	/** The same, average-pooled by Sauron's sf as both distances see them (what the pruning criterion reads). */
	public Map<String, FeatureMaps> pooledPrunableFeatureMaps(final float[] images) {
		return fetch(pooledMaps, images);
	}

	private Map<String, FeatureMaps> fetch(final Map<String, Operand<TFloat32>> outputs, final float[] images) {
		try (TFloat32 img = Tensors.floats(images, inputShape)) {
			final Session.Runner runner = session.runner().feed(image, img);
			outputs.values().forEach(runner::fetch);
			try (Result r = runner.run()) {
				return maps(r, outputs.keySet(), 0);
			}
		}
	}

	/** Fetched maps, named like the layers, from result index {@code from} on. */
	private static Map<String, FeatureMaps> maps(final Result r, final Iterable<String> layers, final int from) {
		final Map<String, FeatureMaps> maps = new LinkedHashMap<>();
		int i = from;
		for (final String name : layers) {
			final Tensor t = r.get(i++);
			maps.put(name, new FeatureMaps(Tensors.toArray(t), t.shape().asArray()));
		}
		return maps;
	}

	/** d loss / d weights for a batch (no update), named like the weights. For gradient checks. */
	public Weights gradients(final float[] images, final byte[] labelBytes) {
		try (TFloat32 img = Tensors.floats(images, inputShape);
				TUint8 lab = Tensors.bytes(labelBytes, java.util.Arrays.copyOf(inputShape, inputShape.length - 1))) {
			final Session.Runner runner = session.runner().feed(image, img).feed(labels, lab);
			for (final Operand<TFloat32> g : gradients) runner.fetch(g);
			try (Result r = runner.run()) {
				return weightsFrom(r);
			}
		}
	}

	public Weights weights() {
		return read(0);
	}

	public AdamState adamState() {
		return new AdamState(read(1), read(2), step);
	}

	private Weights read(final int which) {
		final Session.Runner runner = session.runner();
		for (final Slot s : slots.values()) runner.fetch(which == 0 ? s.weight() : which == 1 ? s.m() : s.v());
		try (Result r = runner.run()) {
			return weightsFrom(r);
		}
	}

	/** One array per slot, in slot order, named like the weights. */
	private Weights weightsFrom(final Result r) {
		final Map<String, Param> out = new LinkedHashMap<>();
		int i = 0;
		for (final Map.Entry<String, Slot> e : slots.entrySet())
			out.put(e.getKey(), new Param(e.getValue().weight().shape().asArray(), Tensors.toArray(r.get(i++))));
		return new Weights(out);
	}

	public Topology topology() { return topology; }

	public int batchSize() { return batch; }

	@Override
	public void close() {
		session.close();
		graph.close();
	}
}

package sauron.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds the forward pass of a U-Net (docs/SAURON.md section 1) into a TensorFlow graph from a
 * {@link Topology} and a source of weight operands (variables when training, variables or constants
 * when exporting). Tensors are channels-last: [batch, (depth,) height, width, channels].
 */
public final class UNetGraph {

	/** Where the kernel and bias of each layer come from. */
	public interface WeightSource {
		Operand<TFloat32> kernel(Layer layer);

		Operand<TFloat32> bias(Layer layer);

		/** Kernels and biases looked up by their parameter names ({@link Layer#kernelName()}, {@link Layer#biasName()}). */
		static WeightSource byName(final java.util.function.Function<String, Operand<TFloat32>> lookup) {
			return new WeightSource() {
				@Override
				public Operand<TFloat32> kernel(final Layer layer) { return lookup.apply(layer.kernelName()); }

				@Override
				public Operand<TFloat32> bias(final Layer layer) { return lookup.apply(layer.biasName()); }
			};
		}
	}

	/**
	 * The outputs of one forward pass.
	 *
	 * @param activations the output of every block and transposed conv by layer name (Sauron's regulariser
	 *          and the feature-map browser read them)
	 * @param logits the deep-supervision heads' logits, full resolution first
	 */
	public record Forward(Map<String, Operand<TFloat32>> activations, List<Operand<TFloat32>> logits, Map<String, Conv> convs) {}

	/**
	 * How the blocks' convolutions are put into the graph. TensorFlow's C++ gradient registry, which
	 * {@code Graph.addGradients} uses, has Conv2D's gradient but not Conv3D's; 3D training therefore differentiates its
	 * convolutions itself (sauron.train.SegmentedBackprop) and needs them cut out of the graph.
	 */
	public enum Convolutions {
		/** Plain Conv2D / Conv3D ops: inference, and 2D training (differentiated by TensorFlow's own Conv2D gradient). */
		PLAIN,
		/**
		 * Each convolution reads a dedicated Identity, its output passes a StopGradient, and it is recorded in
		 * {@link Forward#convs()}, so that the training graph differentiates it itself: 3D training.
		 */
		SEGMENTED
	}

	/**
	 * A block's convolution as training differentiates it (sauron.train.SegmentedBackprop): its dedicated input (an
	 * Identity that feeds this convolution only), its output (before the bias) behind a StopGradient, its kernel, and
	 * the two ops of its gradient.
	 */
	public record Conv(Operand<TFloat32> input, Operand<TFloat32> output, Operand<TFloat32> kernel, int stride) {

		/** A SAME convolution of x (2D or 3D, as the kernel is) in this form. */
		public static Conv of(final Ops scope, final Operand<TFloat32> x, final Operand<TFloat32> kernel, final int stride) {
			final Operand<TFloat32> input = scope.withName("conv_input").identity(x);
			final Operand<TFloat32> y = convolve(scope, input, kernel, stride);
			return new Conv(input, scope.withName("conv_output").stopGradient(y), kernel, stride);
		}

		/** d loss / d input from d loss / d output. */
		public Operand<TFloat32> inputGradient(final Ops tf, final Operand<TFloat32> dOutput) {
			return dims() == 2 ? tf.nn.conv2dBackpropInput(tf.shape(input), kernel, dOutput, strides(), PADDING)
					: tf.nn.conv3dBackpropInput(tf.shape(input), kernel, dOutput, strides(), PADDING);
		}

		/** d loss / d kernel from d loss / d output. */
		public Operand<TFloat32> filterGradient(final Ops tf, final Operand<TFloat32> dOutput) {
			return dims() == 2 ? tf.nn.conv2dBackpropFilter(input, tf.shape(kernel), dOutput, strides(), PADDING)
					: tf.nn.conv3dBackpropFilter(input, tf.shape(kernel), dOutput, strides(), PADDING);
		}

		private int dims() {
			return kernel.shape().numDimensions() - 2;
		}

		private List<Long> strides() {
			return UNetGraph.strides(dims(), stride);
		}
	}

	private static final float LEAKY_SLOPE = 0.01f;
	private static final float NORM_EPS = 1e-5f;
	private static final String PADDING = "SAME";

	private final Ops tf;
	private final Topology topology;
	private final WeightSource weights;
	private final Convolutions convolutions;
	private final int dims;

	public UNetGraph(final Ops tf, final Topology topology, final WeightSource weights, final Convolutions convolutions) {
		this.tf = tf;
		this.topology = topology;
		this.weights = weights;
		this.convolutions = convolutions;
		this.dims = topology.spec().dims();
	}

	/**
	 * @param image [batch, (depth,) height, width, channels]; the spatial sizes must be multiples of
	 *          {@link UNetSpec#sizeMultiple()}.
	 * @param allHeads false to build only the full-resolution head (inference)
	 */
	public Forward forward(final Operand<TFloat32> image, final boolean allHeads) {
		final Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
		final List<Operand<TFloat32>> logits = new ArrayList<>();
		final Map<String, Conv> convs = new LinkedHashMap<>();
		for (final Layer layer : topology.layers()) {
			if (layer.kind() == Layer.Kind.HEAD && layer.level() > 0 && !allHeads) continue;
			final Ops scope = tf.withSubScope(layer.name());
			final Operand<TFloat32> input = input(layer, image, out);
			switch (layer.kind()) {
			case BLOCK:
				out.put(layer.name(), block(scope, layer, input, convs));
				break;
			case UPCONV:
				out.put(layer.name(), upconv(scope, layer, input));
				break;
			case HEAD:
				logits.add(scope.nn.biasAdd(pointwise(scope, input, weights.kernel(layer), layer.outChannels()), weights.bias(layer)));
				break;
			}
		}
		return new Forward(out, logits, convs);
	}

	private Operand<TFloat32> input(final Layer layer, final Operand<TFloat32> image, final Map<String, Operand<TFloat32>> out) {
		final List<Operand<TFloat32>> parts = new ArrayList<>();
		for (final String name : layer.inputs()) parts.add(name.equals(Layer.IMAGE) ? image : out.get(name));
		return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(dims + 1));
	}

	/** conv (SAME, with bias) -> instance norm without affine -> LeakyReLU(0.01). */
	private Operand<TFloat32> block(final Ops scope, final Layer layer, final Operand<TFloat32> x, final Map<String, Conv> convs) {
		final Operand<TFloat32> conv = scope.nn.biasAdd(conv(scope, layer, x, convs), weights.bias(layer));
		final Operand<TInt32> spatial = scope.constant(spatialAxes());
		final Operand<TFloat32> mean = scope.math.mean(conv, spatial, org.tensorflow.op.math.Mean.keepDims(true));
		final Operand<TFloat32> centred = scope.math.sub(conv, mean);
		final Operand<TFloat32> variance = scope.math.mean(scope.math.square(centred), spatial, org.tensorflow.op.math.Mean.keepDims(true));
		final Operand<TFloat32> normed = scope.math.mul(centred, scope.math.rsqrt(scope.math.add(variance, scope.constant(NORM_EPS))));
		return scope.nn.leakyRelu(normed, LeakyRelu.alpha(LEAKY_SLOPE));
	}

	private int[] spatialAxes() {
		final int[] axes = new int[dims];
		for (int d = 0; d < dims; d++) axes[d] = d + 1;
		return axes;
	}

	/**
	 * The block's convolution. For {@link Convolutions#SEGMENTED} it is recorded in {@code convs}, reads a dedicated
	 * Identity and is followed by a StopGradient, so that TensorFlow's gradient builder never asks for its gradient
	 * (see sauron.train.SegmentedBackprop).
	 */
	private Operand<TFloat32> conv(final Ops scope, final Layer layer, final Operand<TFloat32> x, final Map<String, Conv> convs) {
		final Operand<TFloat32> kernel = weights.kernel(layer);
		final int stride = layer.stride();
		if (convolutions == Convolutions.PLAIN) return convolve(scope, x, kernel, stride);
		final Conv conv = Conv.of(scope, x, kernel, stride);
		convs.put(layer.name(), conv);
		return conv.output();
	}

	/** A SAME convolution, 2D or 3D as the kernel is. */
	public static Operand<TFloat32> convolve(final Ops scope, final Operand<TFloat32> x, final Operand<TFloat32> kernel, final int stride) {
		final int dims = kernel.shape().numDimensions() - 2;
		return dims == 2 ? scope.nn.conv2d(x, kernel, strides(dims, stride), PADDING) : scope.nn.conv3d(x, kernel, strides(dims, stride), PADDING);
	}

	private static List<Long> strides(final int dims, final int stride) {
		final List<Long> s = new ArrayList<>();
		s.add(1L);
		for (int d = 0; d < dims; d++) s.add((long) stride);
		s.add(1L);
		return s;
	}

	/**
	 * Transposed conv, kernel 2 stride 2: without overlap it is a 1x1 matmul to 2^dims * out channels
	 * followed by a depth-to-space rearrangement. Every op has a C++ gradient, in 2D and 3D.
	 */
	private Operand<TFloat32> upconv(final Ops scope, final Layer layer, final Operand<TFloat32> x) {
		final int out = layer.outChannels();
		final int taps = 1 << dims;
		// kernel [2,2,(2), in, out] -> [in, 2,2,(2), out] -> [in, taps*out]
		final int[] toInFirst = new int[dims + 2];
		toInFirst[0] = dims;
		for (int d = 0; d < dims; d++) toInFirst[d + 1] = d;
		toInFirst[dims + 1] = dims + 1;
		final Operand<TFloat32> k = scope.reshape(scope.linalg.transpose(weights.kernel(layer), scope.constant(toInFirst)), scope.constant(new long[] { layer.inChannels(), (long) taps * out }));
		final Operand<TFloat32> y = scope.nn.biasAdd(pointwise(scope, x, k, taps * out), scope.tile(weights.bias(layer), scope.constant(new int[] { taps })));
		// [B, s1..sd, 2,...,2, out] -> interleave: [B, s1, 2, s2, 2, ..., out]
		final Operand<TInt32> shape = scope.shape(x);
		final Operand<TInt32> split = scope.concat(List.of(scope.stridedSlice(shape, Indices.slice(0, dims + 1)), scope.constant(twos(dims, out))), scope.constant(0));
		final int[] perm = new int[2 * dims + 2];
		perm[0] = 0;
		for (int d = 0; d < dims; d++) {
			perm[1 + 2 * d] = 1 + d;
			perm[2 + 2 * d] = 1 + dims + d;
		}
		perm[2 * dims + 1] = 2 * dims + 1;
		final Operand<TFloat32> interleaved = scope.linalg.transpose(scope.reshape(y, split), scope.constant(perm));
		final int[] scale = new int[dims + 2];
		final int[] channels = new int[dims + 2];
		Arrays.fill(scale, 2);
		scale[0] = 1;
		scale[dims + 1] = 0;
		channels[dims + 1] = out;
		return scope.reshape(interleaved, scope.math.add(scope.math.mul(shape, scope.constant(scale)), scope.constant(channels)));
	}

	private static int[] twos(final int dims, final int out) {
		final int[] t = new int[dims + 1];
		Arrays.fill(t, 2);
		t[dims] = out;
		return t;
	}

	/** 1x1(x1) convolution as a matmul over all voxels; works for dynamic spatial sizes. */
	private Operand<TFloat32> pointwise(final Ops scope, final Operand<TFloat32> x, final Operand<TFloat32> kernel, final int outChannels) {
		final Operand<TInt32> shape = scope.shape(x);
		final Operand<TFloat32> flat = scope.reshape(x, scope.constant(new long[] { -1, x.shape().get(dims + 1) }));
		final Operand<TFloat32> k = scope.reshape(kernel, scope.constant(new long[] { x.shape().get(dims + 1), outChannels }));
		final Operand<TFloat32> y = scope.linalg.matMul(flat, k);
		final Operand<TInt32> outShape = scope.concat(List.of(scope.stridedSlice(shape, Indices.slice(0, dims + 1)), scope.constant(new int[] { outChannels })), scope.constant(0));
		return scope.reshape(y, outShape);
	}
}

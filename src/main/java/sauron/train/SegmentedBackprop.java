package sauron.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import sauron.net.UNetGraph;

/**
 * Backpropagation that differentiates the network's convolutions itself, so that Conv3D trains without
 * TensorFlow.registerCustomGradient (process-global, refused on Windows and in a second class loader): TF's C++
 * gradient registry lacks Conv3D but has every other op of the network, and the two ops of Conv3D's gradient
 * (Conv3DBackpropInputV2, Conv3DBackpropFilterV2) run everywhere.
 * <p>
 * The graph is cut at the convolutions ({@link UNetGraph.Conv}): each reads a dedicated Identity x_k and its output
 * y_k passes a StopGradient, so TF's builder hands "no gradient" back at every convolution and never calls its
 * gradient function. Going backwards through the convolutions, one {@code addGradients} call per convolution asks for
 * d loss / d y_k (and the weights between y_k and the next convolutions: bias, transposed conv, heads) with the loss
 * and the inputs x_j of the later convolutions as the ys, seeded with 1 and the d loss / d x_j built before. Then
 * dx_k = BackpropInput(w_k, dy_k), dw_k = BackpropFilter(x_k, dy_k): the ops TF's registry builds for Conv2D, so 2D
 * and 3D take this one path. TF 2.18's builder does not stop at the ys: each call also builds gradient ops for
 * the segments after y_k, which end in "no gradient" at their StopGradient; nothing reads them, so the session never
 * runs them. Builders that do stop at the ys (later TF sources) would lose a skip path's gradient at a y that also
 * feeds a skip connection: hence the dedicated x_k, right under both.
 */
final class SegmentedBackprop {

	/**
	 * A convolution and the weights of the ops between its output and the next convolutions' inputs (its bias;
	 * the transposed conv and heads it feeds).
	 */
	record Segment(UNetGraph.Conv conv, List<Operand<TFloat32>> weights) {}

	private SegmentedBackprop() {}

	/**
	 * d loss / d weight for every kernel of the segments' convolutions and every segment weight, keyed by the
	 * weight operand (identity). The first convolution's input gets no gradient: it is the image.
	 *
	 * @param segments in forward (topological) order
	 */
	static Map<Operand<TFloat32>, Operand<TFloat32>> gradients(final Graph graph, final Ops tf, final Operand<TFloat32> loss,
			final List<Segment> segments) {
		final Map<Operand<TFloat32>, Operand<TFloat32>> gradients = new IdentityHashMap<>();
		final List<Output<?>> ys = new ArrayList<>();
		final List<Output<?>> dys = new ArrayList<>();
		ys.add(loss.asOutput());
		dys.add(tf.onesLike(loss).asOutput());
		for (int k = segments.size() - 1; k >= 0; k--) {
			final Segment s = segments.get(k);
			final UNetGraph.Conv conv = s.conv();
			final Output<?>[] xs = new Output<?>[1 + s.weights().size()];
			xs[0] = conv.output().asOutput();
			for (int i = 0; i < s.weights().size(); i++) xs[1 + i] = s.weights().get(i).asOutput();
			final Output<?>[] d = graph.addGradients("backprop_" + k, ys.toArray(Output<?>[]::new), xs, dys.toArray(Output<?>[]::new));
			final Operand<TFloat32> dy = floats(d[0]);
			for (int i = 0; i < s.weights().size(); i++) gradients.put(s.weights().get(i), floats(d[1 + i]));
			gradients.put(conv.kernel(), conv.filterGradient(tf, dy));
			if (k > 0) {
				// Later segments stop at this convolution's input and start from its gradient.
				ys.add(conv.input().asOutput());
				dys.add(conv.inputGradient(tf, dy).asOutput());
			}
		}
		return gradients;
	}

	@SuppressWarnings("unchecked")
	private static Operand<TFloat32> floats(final Output<?> o) {
		if (o == null) throw new IllegalStateException("the loss does not depend on a weight of this segment");
		return (Operand<TFloat32>) o;
	}
}

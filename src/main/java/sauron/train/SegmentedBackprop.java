package sauron.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
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
 * gradient function. The backward pass then has two parts. One {@code addGradients} call from the loss gives, for
 * every y_k and every segment weight, the gradient along the paths that cross no convolution (the regulariser on
 * a block's maps, the heads). Then, going backwards through the convolutions, one call per segment seeds the inputs
 * x_j of the convolutions the segment feeds with their gradients dx_j, already built, and asks for y_k and the
 * segment's weights; each sum is dy_k, and dx_k = BackpropInput(w_k, dy_k), dw_k = BackpropFilter(x_k, dy_k): the
 * ops TF's registry builds for Conv2D (2D training keeps TF's own Conv2D gradient). A call walks only its own segment (TF 2.18's
 * builder does not stop at the ys, but nothing past a segment's x_j leads to another of its ys, except a skip
 * connection's decoder path, which ends at a StopGradient): with the loss in every call, each would rebuild the
 * gradient of everything downstream, and a Sauron run, which rebuilds its graph every pruning round, paid seconds
 * per rebuild. The dedicated x_k keeps builders that do stop at the ys (later TF sources) from losing a skip path's
 * gradient at a y that also feeds a skip connection.
 */
final class SegmentedBackprop {

	/**
	 * A convolution; the weights of the ops between its output and the next convolutions' inputs (its bias, the
	 * transposed convs it feeds); the weights of the heads it feeds, which lead only to the loss; and those next
	 * convolutions (whose inputs read this segment's output without crossing another convolution).
	 */
	record Segment(UNetGraph.Conv conv, List<Operand<TFloat32>> weights, List<Operand<TFloat32>> heads, List<UNetGraph.Conv> feeds) {}

	private SegmentedBackprop() {}

	/**
	 * d loss / d weight for every kernel of the segments' convolutions and every segment weight, keyed by the
	 * weight operand (identity). The first convolution's input gets no gradient: it is the image.
	 *
	 * @param segments in forward (topological) order
	 */
	static Map<Operand<TFloat32>, Operand<TFloat32>> gradients(final Graph graph, final Ops tf, final Operand<TFloat32> loss,
			final List<Segment> segments) {
		final List<Output<?>> all = new ArrayList<>();
		for (final Segment s : segments) {
			all.add(s.conv().output().asOutput());
			for (final Operand<TFloat32> w : s.weights()) all.add(w.asOutput());
			for (final Operand<TFloat32> w : s.heads()) all.add(w.asOutput());
		}
		final Output<?>[] fromLoss = graph.addGradients("backprop_loss", new Output<?>[] { loss.asOutput() }, all.toArray(Output<?>[]::new),
				new Output<?>[] { tf.onesLike(loss).asOutput() });
		final Map<Operand<TFloat32>, Operand<TFloat32>> gradients = new IdentityHashMap<>();
		final Map<UNetGraph.Conv, Operand<TFloat32>> inputGradients = new IdentityHashMap<>();
		int at = all.size();
		for (int k = segments.size() - 1; k >= 0; k--) {
			final Segment s = segments.get(k);
			final UNetGraph.Conv conv = s.conv();
			at -= 1 + s.weights().size() + s.heads().size();
			final List<Operand<TFloat32>> sums = new ArrayList<>();
			for (int i = 0; i <= s.weights().size(); i++) sums.add(floatsOrNull(fromLoss[at + i]));
			for (int i = 0; i < s.heads().size(); i++) gradients.put(s.heads().get(i), required(floatsOrNull(fromLoss[at + 1 + s.weights().size() + i])));
			if (!s.feeds().isEmpty()) {
				final Output<?>[] ys = new Output<?>[s.feeds().size()], dys = new Output<?>[ys.length];
				for (int j = 0; j < ys.length; j++) {
					final UNetGraph.Conv next = s.feeds().get(j);
					ys[j] = next.input().asOutput();
					final Operand<TFloat32> dx = inputGradients.get(next);
					if (dx == null) throw new IllegalStateException("segments are not in forward order: a convolution this one feeds comes first");
					dys[j] = dx.asOutput();
				}
				final Output<?>[] xs = new Output<?>[1 + s.weights().size()];
				xs[0] = conv.output().asOutput();
				for (int i = 0; i < s.weights().size(); i++) xs[1 + i] = s.weights().get(i).asOutput();
				final Output<?>[] d = graph.addGradients("backprop_" + k, ys, xs, dys);
				for (int i = 0; i < d.length; i++) sums.set(i, plus(tf, sums.get(i), floatsOrNull(d[i])));
			}
			final Operand<TFloat32> dy = required(sums.get(0));
			for (int i = 0; i < s.weights().size(); i++) gradients.put(s.weights().get(i), required(sums.get(1 + i)));
			gradients.put(conv.kernel(), conv.filterGradient(tf, dy));
			if (k > 0) inputGradients.put(conv, conv.inputGradient(tf, dy));
		}
		return gradients;
	}

	private static Operand<TFloat32> plus(final Ops tf, final Operand<TFloat32> a, final Operand<TFloat32> b) {
		return a == null ? b : b == null ? a : tf.math.add(a, b);
	}

	/** The gradient, or null where TF's builder found none (an Output whose operation has no native handle). */
	@SuppressWarnings("unchecked")
	private static Operand<TFloat32> floatsOrNull(final Output<?> o) {
		if (o == null || !(o.op() instanceof GraphOperation op)) return null;
		final org.tensorflow.internal.c_api.TF_Operation handle = op.getUnsafeNativeHandle();
		return handle == null || handle.isNull() ? null : (Operand<TFloat32>) o;
	}

	private static Operand<TFloat32> required(final Operand<TFloat32> g) {
		if (g == null) throw new IllegalStateException("the loss does not depend on a weight of this segment");
		return g;
	}
}

package sauron.train;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.nn.Conv3d;
import org.tensorflow.types.TFloat32;

/**
 * A test oracle: registers, once per test JVM, the Conv3D gradient that TensorFlow's C++ registry lacks, so that
 * TensorFlow's own builder ({@code Graph.addGradients}) can differentiate a graph with plain Conv3D ops, to compare
 * with what the training graph's segmented backward pass ({@link SegmentedBackprop}) gives.
 * <p>
 * Training itself never registers anything: {@code TensorFlow.registerCustomGradient} is process-global and
 * permanent, throws on Windows, and fails in a second class loader of the same JVM. Before SEGMENTED became the
 * only 3D training path, this class was the main code's "NATIVE" form.
 */
final class RegisteredConv3dGradient {

	private static boolean registered;

	private RegisteredConv3dGradient() {}

	@SuppressWarnings("unchecked")
	static synchronized void ensureRegistered() {
		if (registered) return;
		final boolean ok = TensorFlow.registerCustomGradient(Conv3d.Inputs.class, (tf, op, gradients) -> {
			final Operand<TFloat32> input = (Operand<TFloat32>) op.input;
			final Operand<TFloat32> filter = (Operand<TFloat32>) op.filter;
			final Operand<TFloat32> grad = (Operand<TFloat32>) gradients.get(0);
			final List<Long> strides = toList(op.strides);
			return List.of(
					tf.nn.conv3dBackpropInput(tf.shape(input), filter, grad, strides, op.padding),
					tf.nn.conv3dBackpropFilter(input, tf.shape(filter), grad, strides, op.padding));
		});
		if (!ok) throw new IllegalStateException("TensorFlow refused the Conv3D gradient (already registered by another class loader?)");
		registered = true;
	}

	private static List<Long> toList(final long[] values) {
		final Long[] boxed = new Long[values.length];
		for (int i = 0; i < values.length; i++) boxed[i] = values[i];
		return List.of(boxed);
	}
}

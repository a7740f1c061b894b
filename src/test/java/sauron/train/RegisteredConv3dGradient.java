package sauron.train;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.nn.Conv3d;
import org.tensorflow.types.TFloat32;

/**
 * Conv3D's gradient registered from Java, the way training worked before {@link SegmentedBackprop}: a reference for
 * its tests only. The registration is process-global and permanent, and TensorFlow refuses it on Windows and in a
 * second class loader.
 */
final class RegisteredConv3dGradient {

	private static Boolean registered;

	private RegisteredConv3dGradient() {}

	/** Registers the gradient once per process; false where TensorFlow refuses. */
	@SuppressWarnings("unchecked")
	static synchronized boolean tryRegister() {
		if (registered != null) return registered;
		try {
			registered = TensorFlow.registerCustomGradient(Conv3d.Inputs.class, (tf, op, gradients) -> {
				final Operand<TFloat32> input = (Operand<TFloat32>) op.input, filter = (Operand<TFloat32>) op.filter;
				final Operand<TFloat32> grad = (Operand<TFloat32>) gradients.get(0);
				final Long[] strides = new Long[op.strides.length];
				for (int i = 0; i < strides.length; i++) strides[i] = op.strides[i];
				return List.of(tf.nn.conv3dBackpropInput(tf.shape(input), filter, grad, List.of(strides), op.padding),
						tf.nn.conv3dBackpropFilter(input, tf.shape(filter), grad, List.of(strides), op.padding));
			});
		} catch (final RuntimeException | LinkageError e) {
			registered = false;
		}
		return registered;
	}
}

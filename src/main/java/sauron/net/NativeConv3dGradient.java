package sauron.net;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.nn.Conv3d;
import org.tensorflow.types.TFloat32;

/**
 * Registers, once per process, the Conv3D gradient that TensorFlow's C++ registry lacks, so that
 * {@link ConvForm#NATIVE} graphs can be trained. The registration is global and permanent and throws on
 * Windows; that is why {@link ConvForm#PORTABLE} is the default for training.
 */
public final class NativeConv3dGradient {

	private static boolean registered;

	private NativeConv3dGradient() {}

	/** Registers the gradient if it can be; false where TensorFlow refuses (Windows, another class loader). */
	public static synchronized boolean tryRegister() {
		try {
			ensureRegistered();
			return true;
		} catch (final RuntimeException | LinkageError e) {
			return false;
		}
	}

	@SuppressWarnings("unchecked")
	public static synchronized void ensureRegistered() {
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

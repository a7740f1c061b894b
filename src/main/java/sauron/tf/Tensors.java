package sauron.tf;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** Copies between Java arrays and TensorFlow tensors. Callers own (and close) the tensors they get. */
public final class Tensors {

	private Tensors() {}

	public static TFloat32 floats(final float[] values, final long... shape) {
		return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
	}

	public static TUint8 bytes(final byte[] values, final long... shape) {
		return TUint8.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
	}

	public static TFloat32 scalar(final float value) {
		return TFloat32.scalarOf(value);
	}

	public static float[] toArray(final Tensor tensor) {
		final TFloat32 t = (TFloat32) tensor;
		final float[] values = new float[Math.toIntExact(t.shape().size())];
		t.copyTo(DataBuffers.of(values, false, false));
		return values;
	}
}

package sauron.net;

import java.util.Arrays;

/** One named array of a network (a kernel, a bias, or an optimizer moment of one): shape + values, row-major. */
public record Param(long[] shape, float[] values) {

	public Param {
		long n = 1;
		for (final long s : shape) n *= s;
		if (n != values.length)
			throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + values.length);
	}

	public static Param zeros(final long[] shape) {
		long n = 1;
		for (final long s : shape) n *= s;
		return new Param(shape.clone(), new float[Math.toIntExact(n)]);
	}

	public Param copy() {
		return new Param(shape.clone(), values.clone());
	}
}

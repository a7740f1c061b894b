package sauron.io;

import java.io.IOException;
import java.nio.file.Path;

/** The one rule for label files of any format: every value is an integer 0..255. */
final class LabelValues {

	private LabelValues() {}

	/**
	 * @param shape spatial shape, x first, to name the voxel in the message
	 * @param index x-fastest voxel index
	 */
	static byte toLabel(final double value, final Path file, final int[] shape, final int index) throws IOException {
		if (value >= 0 && value <= 255 && value == Math.rint(value)) return (byte) (int) value;
		throw new IOException(file + ": label value " + value + " at voxel " + position(shape, index) + ", expected an integer 0..255");
	}

	private static String position(final int[] shape, int index) {
		final StringBuilder sb = new StringBuilder("(");
		for (int d = 0; d < shape.length; d++) {
			sb.append(d == 0 ? "" : ", ").append(index % shape[d]);
			index /= shape[d];
		}
		return sb.append(')').toString();
	}
}

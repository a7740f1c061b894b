package sauron.io;

import java.io.IOException;
import java.nio.file.Path;

import sauron.data.Shapes;

/** The one rule for label files of any format: every value is an integer 0..255. */
final class LabelValues {

	private LabelValues() {}

	/**
	 * @param shape spatial shape, x first, to name the voxel in the message
	 * @param index x-fastest voxel index
	 */
	static byte toLabel(final double value, final Path file, final int[] shape, final int index) throws IOException {
		if (value >= 0 && value <= 255 && value == Math.rint(value)) return (byte) (int) value;
		throw new IOException(file + ": label value " + value + " at voxel " + Shapes.position(shape, index) + ", expected an integer 0..255");
	}

}

package sauron.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * NumPy's .npy format, version 1.0, for float32 arrays in C order: what bioimage.io's test tensors must be. The
 * header is the magic string, the version, its own length and a Python dict literal padded with spaces to a
 * multiple of 64 bytes; the values follow as little-endian float32.
 */
public final class NpyWriter {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 };

	private NpyWriter() {}

	/**
	 * @param values in C order: the last axis varies fastest
	 * @param shape the array's shape, first axis first
	 */
	public static byte[] float32(final float[] values, final long... shape) {
		long count = 1;
		for (final long s : shape) {
			if (s < 0) throw new IllegalArgumentException("negative axis in shape " + java.util.Arrays.toString(shape));
			count *= s;
		}
		if (count != values.length)
			throw new IllegalArgumentException(values.length + " values do not fill shape " + java.util.Arrays.toString(shape) + " (" + count + ")");
		final byte[] header = header("<f4", shape);
		final ByteBuffer out = ByteBuffer.allocate(header.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		out.put(header);
		for (final float v : values) out.putFloat(v);
		return out.array();
	}

	/** Magic, version, header length and the dict, padded so that the data starts on a 64-byte boundary. */
	static byte[] header(final String descr, final long[] shape) {
		final StringBuilder dims = new StringBuilder();
		for (final long s : shape) dims.append(s).append(", ");
		// A one-element tuple keeps its comma, "(3,)"; numpy writes the others without the last one.
		final String tuple = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + (dims.length() > 0 ? dims.substring(0, dims.length() - 2) : "") + ")";
		final String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
		final int unpadded = MAGIC.length + 2 + dict.length() + 1;
		final int padding = (64 - unpadded % 64) % 64;
		final String text = dict + " ".repeat(padding) + "\n";
		if (text.length() > 0xFFFF) throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " is too long for an .npy 1.0 header");
		final byte[] dictBytes = text.getBytes(StandardCharsets.US_ASCII);
		final ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 2 + dictBytes.length).order(ByteOrder.LITTLE_ENDIAN);
		header.put(MAGIC).putShort((short) dictBytes.length).put(dictBytes);
		return header.array();
	}
}

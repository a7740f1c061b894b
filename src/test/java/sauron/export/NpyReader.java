package sauron.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the .npy files a bioimage.io package holds (float32 only), as a consumer of the package would: from the header's own words. */
final class NpyReader {

	record Array(long[] shape, float[] values) {}

	private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

	private NpyReader() {}

	static Array read(final byte[] file) {
		final ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
		final byte[] magic = new byte[6];
		b.get(magic);
		if (!new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY") || (magic[0] & 0xFF) != 0x93) throw new IllegalArgumentException("not an .npy file");
		final int major = b.get(), minor = b.get();
		if (major != 1 || minor != 0) throw new IllegalArgumentException("npy version " + major + "." + minor);
		final int headerLength = b.getShort() & 0xFFFF;
		final String header = new String(file, 10, headerLength, StandardCharsets.US_ASCII);
		b.position(10 + headerLength);
		final Matcher descr = DESCR.matcher(header), fortran = FORTRAN.matcher(header), shape = SHAPE.matcher(header);
		if (!descr.find() || !fortran.find() || !shape.find()) throw new IllegalArgumentException("npy header without descr, fortran_order or shape: " + header);
		if (!descr.group(1).equals("<f4")) throw new IllegalArgumentException("not little-endian float32: " + descr.group(1));
		if (fortran.group(1).equals("True")) throw new IllegalArgumentException("Fortran order");
		final String[] parts = shape.group(1).split(",");
		final long[] dims = java.util.Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
		long count = 1;
		for (final long d : dims) count *= d;
		if (b.remaining() != 4 * count) throw new IllegalArgumentException(b.remaining() + " data bytes for shape " + java.util.Arrays.toString(dims));
		final float[] values = new float[(int) count];
		b.asFloatBuffer().get(values);
		return new Array(dims, values);
	}
}

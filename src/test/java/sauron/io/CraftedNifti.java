package sauron.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Builds NIfTI-1 files byte by byte, independently of {@link NiftiHeader}, so tests can craft any header. */
final class CraftedNifti {

	ByteOrder order = ByteOrder.BIG_ENDIAN;
	int[] dim = { 3, 1, 1, 1, 1, 1, 1, 1 };
	NiftiDatatype datatype = NiftiDatatype.INT16;
	float[] pixdim = { 1, 1, 1, 1, 1, 1, 1, 1 };
	float voxOffset = 352;
	float slope = 0, inter = 0;
	int units = 2;
	String magic = "n+1\0";
	short qformCode, sformCode;
	float[] quatern = new float[3], qoffset = new float[3], srow = new float[12];
	/** Raw values in file order, stored as {@link #datatype}. */
	double[] values = new double[0];

	CraftedNifti dims(final int... sizes) {
		dim = new int[] { sizes.length, 1, 1, 1, 1, 1, 1, 1 };
		System.arraycopy(sizes, 0, dim, 1, sizes.length);
		return this;
	}

	byte[] bytes() {
		final int n = values.length;
		final ByteBuffer b = ByteBuffer.allocate((int) voxOffset + n * datatype.bytes).order(order);
		b.putInt(0, 348);
		for (int i = 0; i < 8; i++) b.putShort(40 + 2 * i, (short) dim[i]);
		b.putShort(70, datatype.code);
		b.putShort(72, (short) (datatype.bytes * 8));
		for (int i = 0; i < 8; i++) b.putFloat(76 + 4 * i, pixdim[i]);
		b.putFloat(108, voxOffset);
		b.putFloat(112, slope);
		b.putFloat(116, inter);
		b.put(123, (byte) units);
		b.putShort(252, qformCode);
		b.putShort(254, sformCode);
		for (int i = 0; i < 3; i++) {
			b.putFloat(256 + 4 * i, quatern[i]);
			b.putFloat(268 + 4 * i, qoffset[i]);
		}
		for (int i = 0; i < 12; i++) b.putFloat(280 + 4 * i, srow[i]);
		b.put(344, magic.getBytes(StandardCharsets.US_ASCII));
		b.position((int) voxOffset);
		for (final double v : values) {
			switch (datatype) {
				case UINT8: case INT8: b.put((byte) (long) v); break;
				case INT16: case UINT16: b.putShort((short) (long) v); break;
				case INT32: case UINT32: b.putInt((int) (long) v); break;
				case FLOAT32: b.putFloat((float) v); break;
				case FLOAT64: b.putDouble(v); break;
			}
		}
		return b.array();
	}

	static byte[] gzip(final byte[] bytes) throws IOException {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(bytes);
		}
		return out.toByteArray();
	}
}

package sauron.io;

import java.nio.ByteBuffer;

/** The NIfTI-1 voxel datatypes we read (codes from nifti1.h). */
enum NiftiDatatype {
	UINT8(2, 1), INT16(4, 2), INT32(8, 4), FLOAT32(16, 4), FLOAT64(64, 8), INT8(256, 1), UINT16(512, 2), UINT32(768, 4);

	final short code;
	final int bytes;

	NiftiDatatype(final int code, final int bytes) {
		this.code = (short) code;
		this.bytes = bytes;
	}

	/** @return the datatype, or null for a code we do not support (RGB, complex, int64 ...) */
	static NiftiDatatype of(final int code) {
		for (final NiftiDatatype t : values())
			if (t.code == code) return t;
		return null;
	}

	/** Raw (unscaled) value of voxel {@code index}; the buffer carries the file's byte order. */
	double get(final ByteBuffer data, final int index) {
		final int at = index * bytes;
		switch (this) {
			case UINT8: return data.get(at) & 0xff;
			case INT8: return data.get(at);
			case INT16: return data.getShort(at);
			case UINT16: return data.getShort(at) & 0xffff;
			case INT32: return data.getInt(at);
			case UINT32: return data.getInt(at) & 0xffffffffL;
			case FLOAT32: return data.getFloat(at);
			case FLOAT64: return data.getDouble(at);
			default: throw new AssertionError(this);
		}
	}
}

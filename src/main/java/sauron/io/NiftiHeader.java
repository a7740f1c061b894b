package sauron.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import sauron.data.Geometry;

/**
 * The fields of a NIfTI-1 header that a dense image needs, parsed from or written to the 348-byte
 * layout of nifti1.h. Only single-file NIfTI-1 ("n+1") is supported. Position and orientation
 * (qform, sform, qfac, pixdim, units) are read into a {@link NiftiGeometry} and written back from one
 * unchanged.
 */
final class NiftiHeader {

	static final int SIZE = 348;
	/** Where our writer puts the voxels: header plus the 4-byte "no extensions" flag. */
	static final int VOX_OFFSET = 352;

	private static final int UNITS_MM = 2;

	final ByteOrder order;
	/** dim[0] = number of dimensions, dim[1..7] = sizes (x, y, z, t/channels, ...). */
	final int[] dim;
	final NiftiDatatype datatype;
	final float[] pixdim;
	final int voxOffset;
	final float sclSlope, sclInter;
	final NiftiGeometry geometry;

	private NiftiHeader(final ByteOrder order, final int[] dim, final NiftiDatatype datatype, final float[] pixdim,
		final int voxOffset, final float sclSlope, final float sclInter, final NiftiGeometry geometry)
	{
		this.order = order;
		this.dim = dim;
		this.datatype = datatype;
		this.pixdim = pixdim;
		this.voxOffset = voxOffset;
		this.sclSlope = sclSlope;
		this.sclInter = sclInter;
		this.geometry = geometry;
	}

	/**
	 * @param file the file's first {@value #SIZE} bytes or more (decompressed)
	 * @param source file name for messages
	 */
	static NiftiHeader parse(final byte[] file, final String source) throws IOException {
		if (file.length < SIZE)
			throw new IOException(source + ": truncated or not NIfTI: a NIfTI-1 header needs " + SIZE + " bytes, the file has " + file.length);
		final ByteBuffer b = ByteBuffer.wrap(file, 0, SIZE).order(ByteOrder.LITTLE_ENDIAN);
		// sizeof_hdr is 348 in the writer's byte order; that is how NIfTI tells endianness.
		if (b.getInt(0) != SIZE) b.order(ByteOrder.BIG_ENDIAN);
		final int sizeofHdr = b.getInt(0);
		if (sizeofHdr != SIZE) {
			if (sizeofHdr == 540 || Integer.reverseBytes(sizeofHdr) == 540)
				throw new IOException(source + ": NIfTI-2 is not supported, expected NIfTI-1 (sizeof_hdr 348)");
			throw new IOException(source + ": not a NIfTI-1 file: sizeof_hdr is " + b.order(ByteOrder.LITTLE_ENDIAN).getInt(0) + ", expected 348");
		}
		final String magic = new String(file, 344, 4, StandardCharsets.US_ASCII);
		if (magic.equals("ni1\0"))
			throw new IOException(source + ": a NIfTI header/image pair (.hdr + .img) is not supported, expected a single .nii or .nii.gz file");
		if (!magic.equals("n+1\0"))
			throw new IOException(source + ": bad NIfTI magic " + printable(magic) + ", expected \"n+1\" (ANALYZE 7.5 is not supported)");

		final int[] dim = new int[8];
		for (int i = 0; i < 8; i++) dim[i] = b.getShort(40 + 2 * i);
		if (dim[0] < 1 || dim[0] > 7)
			throw new IOException(source + ": dim[0] is " + dim[0] + ", expected 1..7");
		for (int i = 1; i <= dim[0]; i++)
			if (dim[i] < 1) throw new IOException(source + ": dim[" + i + "] is " + dim[i] + ", expected >= 1 (dim = " + Arrays.toString(dim) + ")");
		for (int i = dim[0] + 1; i < 8; i++) dim[i] = 1; // unused entries may hold anything
		for (int i = 5; i < 8; i++)
			if (dim[i] > 1)
				throw new IOException(source + ": has " + dim[0] + " dimensions " + Arrays.toString(Arrays.copyOfRange(dim, 1, dim[0] + 1))
					+ ", expected at most 4 (x, y, z, channels)");

		final short code = b.getShort(70);
		final NiftiDatatype datatype = NiftiDatatype.of(code);
		if (datatype == null)
			throw new IOException(source + ": unsupported NIfTI datatype " + code + ", expected one of " + Arrays.toString(NiftiDatatype.values()));

		final float[] pixdim = new float[8];
		for (int i = 0; i < 8; i++) pixdim[i] = b.getFloat(76 + 4 * i);
		final float voxOffset = b.getFloat(108);
		// The reader checks vox_offset against the file's length, which a gzipped file tells only once decompressed.
		if (!(voxOffset >= SIZE) || voxOffset > Integer.MAX_VALUE)
			throw new IOException(source + ": vox_offset is " + voxOffset + ", expected " + SIZE + " or more, within the file");
		return new NiftiHeader(b.order(), dim, datatype, pixdim, (int) voxOffset, b.getFloat(112), b.getFloat(116), geometry(b, pixdim, file[123]));
	}

	/** qform_code 252, sform_code 254, quatern_b/c/d 256-264, qoffset_x/y/z 268-276, srow_x/y/z 280/296/312. */
	private static NiftiGeometry geometry(final ByteBuffer b, final float[] pixdim, final byte xyztUnits) {
		return new NiftiGeometry(b.getShort(252), b.getShort(254), pixdim[0], new float[] { pixdim[1], pixdim[2], pixdim[3] }, floats(b, 256, 3),
			floats(b, 268, 3), floats(b, 280, 12), xyztUnits);
	}

	private static float[] floats(final ByteBuffer b, final int offset, final int n) {
		final float[] f = new float[n];
		for (int i = 0; i < n; i++) f[i] = b.getFloat(offset + 4 * i);
		return f;
	}

	/** Whether scl_slope/scl_inter change values (nifti1.h: slope 0 means "no scaling"; nibabel also ignores NaN). */
	boolean scaled() {
		return Float.isFinite(sclSlope) && sclSlope != 0 && (sclSlope != 1 || (Float.isFinite(sclInter) && sclInter != 0));
	}

	/** Spatial sizes x, y[, z]; a singleton z is dropped (2D), but a 2D image keeps y even if 1. */
	int[] spatialShape() {
		return dim[3] > 1 ? new int[] { dim[1], dim[2], dim[3] } : new int[] { dim[1], dim[2] };
	}

	int channels() {
		return dim[4];
	}

	/**
	 * A little-endian header plus the empty extension flag ({@link #VOX_OFFSET} bytes) for an unscaled image.
	 * A {@link NiftiGeometry} (an input's, or one derived from it) is written unchanged: codes, quaternion, offsets,
	 * qfac, pixdim[1..3], srow and xyzt_units. Any other geometry is written in mm from its affine: sform (code 1,
	 * "scanner") always, and the qform too (code 1, no rotation) when the affine has no rotation or flip, so that
	 * SPM, FSL, ITK and nibabel agree on the voxel size and position.
	 */
	static byte[] create(final int[] shape, final int channels, final Geometry geometry, final NiftiDatatype datatype) {
		final ByteBuffer b = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
		b.putInt(0, SIZE);
		b.put(38, (byte) 'r'); // "regular", an ANALYZE leftover some readers still check
		final int[] dim = { 0, 1, 1, 1, 1, 1, 1, 1 };
		for (int d = 0; d < shape.length; d++) dim[d + 1] = shape[d];
		dim[4] = channels;
		dim[0] = channels > 1 ? 4 : shape.length;
		for (int i = 0; i < 8; i++) b.putShort(40 + 2 * i, (short) dim[i]);
		for (int i = 1; i < 8; i++)
			if (dim[i] > Short.MAX_VALUE) throw new IllegalArgumentException("NIfTI-1 sizes are at most 32767, got " + Arrays.toString(shape) + " x " + channels);
		b.putShort(70, datatype.code);
		b.putShort(72, (short) (8 * datatype.bytes));
		final NiftiGeometry g = geometry instanceof NiftiGeometry n ? n : inMillimetres(geometry);
		final float[] pixdim = { g.qfac, 1, 1, 1, 1, 1, 1, 1 };
		System.arraycopy(g.pixdim(), 0, pixdim, 1, 3);
		for (int i = 0; i < 8; i++) b.putFloat(76 + 4 * i, pixdim[i]);
		b.putFloat(108, VOX_OFFSET);
		b.putFloat(112, 1); // scl_slope 1, scl_inter 0: no scaling, unambiguous for old tools that misread 0
		b.put(123, g.xyztUnits);
		b.put(148, "Sauron U-Net".getBytes(StandardCharsets.US_ASCII));
		b.putShort(252, g.qformCode);
		b.putShort(254, g.sformCode);
		putFloats(b, 256, g.quatern());
		putFloats(b, 268, g.qoffset());
		putFloats(b, 280, g.srow());
		b.put(344, "n+1\0".getBytes(StandardCharsets.US_ASCII));
		return b.array();
	}

	/** A geometry that is not a NIfTI header's, as header fields in mm (see {@link #create}). */
	private static NiftiGeometry inMillimetres(final Geometry geometry) {
		final double[] size = geometry.voxelSize();
		final double[][] affine = geometry.affine();
		final float[] pixdim = { 1, 1, 1 }, srow = new float[12], qoffset = new float[3];
		boolean unrotated = true;
		for (int r = 0; r < 3; r++) {
			if (r < size.length) pixdim[r] = (float) size[r];
			for (int c = 0; c < 4; c++) {
				srow[4 * r + c] = (float) affine[r][c];
				if (c < 3 && (r == c ? !(affine[r][c] > 0) : affine[r][c] != 0)) unrotated = false;
			}
			qoffset[r] = (float) affine[r][3];
		}
		return new NiftiGeometry((short) (unrotated ? 1 : 0), (short) 1, 1, pixdim, new float[3], qoffset, srow, (byte) UNITS_MM);
	}

	private static void putFloats(final ByteBuffer b, final int offset, final float[] values) {
		for (int i = 0; i < values.length; i++) b.putFloat(offset + 4 * i, values[i]);
	}

	private static String printable(final String s) {
		final StringBuilder sb = new StringBuilder("\"");
		for (final char c : s.toCharArray()) sb.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
		return sb.append('"').toString();
	}
}

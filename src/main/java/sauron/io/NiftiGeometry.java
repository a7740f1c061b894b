package sauron.io;

import java.util.Arrays;
import java.util.Locale;

import sauron.data.Geometry;

/**
 * The geometry fields of a NIfTI-1 header exactly as the file holds them (nifti1.h): qform_code, sform_code, the
 * quaternion (quatern_b/c/d), qoffset_x/y/z, qfac (pixdim[0]), the voxel sizes pixdim[1..3], srow_x/y/z and
 * xyzt_units. {@link NiftiWriter} writes them back bit for bit, so an output on the input's grid has the input's
 * header geometry; {@link #resampled} derives the fields of a pooled grid. Immutable.
 * <p>
 * {@link #affine()} follows nifti1.h and nibabel: the sform when sform_code > 0, else the qform when qform_code >
 * 0, else pixdim on the diagonal ("method 1"); in mm, converted from the spatial unit of xyzt_units.
 */
public final class NiftiGeometry implements Geometry {

	private static final int UNITS_METER = 1, UNITS_MICRON = 3;

	final short qformCode, sformCode;
	/** pixdim[0]: the qfac sign of the qform's third axis (nifti1.h: -1 or 1; 0 is read as 1). */
	final float qfac;
	/** pixdim[1..3] as stored. */
	private final float[] pixdim;
	/** quatern_b, quatern_c, quatern_d. */
	private final float[] quatern;
	/** qoffset_x, qoffset_y, qoffset_z. */
	private final float[] qoffset;
	/** srow_x, srow_y, srow_z, row after row (12 values). */
	private final float[] srow;
	/** xyzt_units: spatial unit in bits 0-2, time unit in bits 3-5. */
	final byte xyztUnits;

	NiftiGeometry(final short qformCode, final short sformCode, final float qfac, final float[] pixdim, final float[] quatern, final float[] qoffset,
		final float[] srow, final byte xyztUnits)
	{
		if (pixdim.length != 3 || quatern.length != 3 || qoffset.length != 3 || srow.length != 12)
			throw new IllegalArgumentException("NIfTI geometry needs 3 pixdim, 3 quatern, 3 qoffset and 12 srow values");
		this.qformCode = qformCode;
		this.sformCode = sformCode;
		this.qfac = qfac;
		this.pixdim = pixdim.clone();
		this.quatern = quatern.clone();
		this.qoffset = qoffset.clone();
		this.srow = srow.clone();
		this.xyztUnits = xyztUnits;
	}

	public int qformCode() { return qformCode; }

	public int sformCode() { return sformCode; }

	float[] pixdim() { return pixdim.clone(); }

	float[] quatern() { return quatern.clone(); }

	float[] qoffset() { return qoffset.clone(); }

	float[] srow() { return srow.clone(); }

	/** mm per spatial unit of xyzt_units; unknown units are taken as mm, like nibabel does. */
	private double millimetres() {
		switch (xyztUnits & 0x07) {
			case UNITS_METER: return 1000;
			case UNITS_MICRON: return 0.001;
			default: return 1;
		}
	}

	/** |pixdim| in the file's unit; 0 or NaN (careless writers) counts as 1, the only sane guess. */
	private double size(final int axis) {
		final double p = Math.abs(pixdim[axis]);
		return p > 0 && Double.isFinite(p) ? p : 1;
	}

	/** Voxel size in mm from pixdim[1..3] and xyzt_units (three entries; a 2D image uses two). */
	@Override
	public double[] voxelSize() {
		final double mm = millimetres();
		return new double[] { size(0) * mm, size(1) * mm, size(2) * mm };
	}

	@Override
	public double[][] affine() {
		final double[][] m = sformCode > 0 ? sform() : qformCode > 0 ? qform() : method1();
		final double mm = millimetres();
		for (final double[] row : m)
			for (int c = 0; c < 4; c++) row[c] *= mm;
		return m;
	}

	private double[][] sform() {
		final double[][] m = new double[3][4];
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 4; c++) m[r][c] = srow[4 * r + c];
		return m;
	}

	/** nifti1.h method 2: rotation from the quaternion, times the voxel sizes, the third negated when qfac < 0. */
	private double[][] qform() {
		final double b = quatern[0], c = quatern[1], d = quatern[2];
		final double a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
		final double n = a * a + b * b + c * c + d * d, s = n > 0 ? 2 / n : 0; // normalised, as nibabel's quat2mat
		final double[][] r = {
			{ 1 - s * (c * c + d * d), s * (b * c - a * d), s * (b * d + a * c) },
			{ s * (b * c + a * d), 1 - s * (b * b + d * d), s * (c * d - a * b) },
			{ s * (b * d - a * c), s * (c * d + a * b), 1 - s * (b * b + c * c) } };
		final double[] scale = { size(0), size(1), qfac < 0 ? -size(2) : size(2) };
		final double[][] m = new double[3][4];
		for (int row = 0; row < 3; row++) {
			for (int col = 0; col < 3; col++) m[row][col] = r[row][col] * scale[col];
			m[row][3] = qoffset[row];
		}
		return m;
	}

	private double[][] method1() {
		final double[][] m = new double[3][4];
		for (int d = 0; d < 3; d++) m[d][d] = size(d);
		return m;
	}

	/**
	 * The fields of the grid whose voxel i' is voxel scale·i' + shift of this one: pixdim and the srow columns grow
	 * by the scale, qoffset and the srow offsets move to the new voxel 0; codes, quaternion, qfac and units stay.
	 */
	@Override
	public Geometry resampled(final double[] scale, final double[] shift) {
		final double[] k = { 1, 1, 1 }, t = new double[3];
		for (int d = 0; d < Math.min(3, scale.length); d++) {
			k[d] = scale[d];
			t[d] = shift[d];
		}
		final float[] p = new float[3], q = new float[3], s = new float[12];
		final double[][] qform = qform();
		for (int d = 0; d < 3; d++) p[d] = (float) (pixdim[d] * k[d]);
		for (int r = 0; r < 3; r++) {
			double qo = qoffset[r], so = srow[4 * r + 3];
			for (int c = 0; c < 3; c++) {
				qo += qform[r][c] * t[c];
				so += srow[4 * r + c] * t[c];
				s[4 * r + c] = (float) (srow[4 * r + c] * k[c]);
			}
			q[r] = (float) qo;
			s[4 * r + 3] = (float) so;
		}
		return new NiftiGeometry(qformCode, sformCode, qfac, p, quatern, q, s, xyztUnits);
	}

	/** Bit for bit: every field as the header holds it. */
	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof NiftiGeometry g)) return false;
		return qformCode == g.qformCode && sformCode == g.sformCode && Float.floatToIntBits(qfac) == Float.floatToIntBits(g.qfac)
			&& Arrays.equals(pixdim, g.pixdim) && Arrays.equals(quatern, g.quatern) && Arrays.equals(qoffset, g.qoffset) && Arrays.equals(srow, g.srow)
			&& xyztUnits == g.xyztUnits;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(new int[] { qformCode, sformCode, Float.floatToIntBits(qfac), Arrays.hashCode(pixdim), Arrays.hashCode(quatern),
			Arrays.hashCode(qoffset), Arrays.hashCode(srow), xyztUnits });
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "NIfTI qform_code %d sform_code %d qfac %s pixdim %s quatern %s qoffset %s srow %s xyzt_units %d", qformCode,
			sformCode, qfac, Arrays.toString(pixdim), Arrays.toString(quatern), Arrays.toString(qoffset), Arrays.toString(srow), xyztUnits);
	}
}

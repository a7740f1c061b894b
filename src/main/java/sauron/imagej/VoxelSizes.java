package sauron.imagej;

import ij.measure.Calibration;
import sauron.io.TiffReader;

/**
 * ImageJ calibration <-> voxel size in mm, the unit of the core. Units are converted exactly as the TIFF
 * reader does (nm, µm, cm, m, inch; no or unknown unit counts as mm), so an image gives the same voxel size
 * whether it comes from a file or from an open window.
 */
public final class VoxelSizes {

	private VoxelSizes() {}

	/** pixelWidth, pixelHeight[, pixelDepth] in mm; 1 where a size is missing, zero or not finite. */
	public static double[] millimetres(final Calibration cal, final int dims) {
		final double[] raw = { cal.pixelWidth, cal.pixelHeight, cal.pixelDepth };
		final String[] units = { cal.getXUnit(), cal.getYUnit(), cal.getZUnit() };
		final double[] mm = new double[dims];
		for (int d = 0; d < dims; d++)
			mm[d] = raw[d] > 0 && Double.isFinite(raw[d]) ? raw[d] * TiffReader.millimetresPer(units[d]) : 1;
		return mm;
	}

	/** Sets the pixel sizes (x, y[, z], in mm) and the unit "mm". */
	public static void apply(final double[] voxelSizeMm, final Calibration cal) {
		cal.setUnit("mm");
		cal.setYUnit("mm");
		cal.setZUnit("mm");
		cal.pixelWidth = voxelSizeMm[0];
		cal.pixelHeight = voxelSizeMm[1];
		if (voxelSizeMm.length > 2) cal.pixelDepth = voxelSizeMm[2];
	}
}

package sauron.imagej;

import java.util.Arrays;

import ij.measure.Calibration;
import sauron.data.Geometry;
import sauron.io.CalibrationGeometry;
import sauron.io.TiffReader;
import sauron.io.TiffWriter;

/**
 * ImageJ calibration <-> voxel size in mm, the unit of the core. Units are converted exactly as the TIFF
 * reader does (nm, µm, cm, m, inch; no or unknown unit counts as mm; see {@link CalibrationGeometry}), so an image
 * gives the same voxel size whether it comes from a file or from an open window.
 */
public final class VoxelSizes {

	private VoxelSizes() {}

	/** pixelWidth, pixelHeight[, pixelDepth] in mm; 1 where a size is missing, zero or not finite. */
	public static double[] millimetres(final Calibration cal, final int dims) {
		return Arrays.copyOf(TiffReader.geometry(cal).voxelSize(), dims);
	}

	/** Sets the pixel sizes (x, y[, z], in mm), the unit "mm" and the origin 0. */
	public static void apply(final double[] voxelSizeMm, final Calibration cal) {
		TiffWriter.calibrate(cal, Geometry.of(voxelSizeMm));
	}
}

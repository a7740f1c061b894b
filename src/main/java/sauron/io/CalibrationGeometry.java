package sauron.io;

import java.util.Arrays;
import java.util.Locale;

import sauron.data.Geometry;

/**
 * An ImageJ calibration's geometry as a TIFF (or an open image) holds it: pixel sizes and origin (in pixels)
 * per axis, each axis in its own unit. ImageJ places pixel i at (i - origin) * size, in the unit. {@link TiffWriter}
 * writes these fields back unchanged, so an output on the input's grid has the input's calibration. Kept free of
 * ImageJ classes; {@link TiffReader#geometry} and {@link TiffWriter#calibrate} convert.
 *
 * @param size pixelWidth, pixelHeight, pixelDepth in their units
 * @param origin xOrigin, yOrigin, zOrigin in pixels
 * @param units x, y and z unit ("mm", "micron", "pixel", ...)
 */
public record CalibrationGeometry(double[] size, double[] origin, String[] units) implements Geometry {

	public CalibrationGeometry {
		if (size.length != 3 || origin.length != 3 || units.length != 3)
			throw new IllegalArgumentException("a calibration has a size, origin and unit for x, y and z");
		size = size.clone();
		origin = origin.clone();
		units = units.clone();
	}

	@Override
	public double[] size() { return size.clone(); }

	@Override
	public double[] origin() { return origin.clone(); }

	@Override
	public String[] units() { return units.clone(); }

	/** Pixel sizes in mm; 1 where a size is missing, zero or not finite; no or unknown unit counts as mm. */
	@Override
	public double[] voxelSize() {
		final double[] mm = new double[3];
		for (int d = 0; d < 3; d++) mm[d] = size[d] > 0 && Double.isFinite(size[d]) ? size[d] * millimetresPer(units[d]) : 1;
		return mm;
	}

	/** Unrotated: pixel i at (i - origin) * size, in mm. */
	@Override
	public double[][] affine() {
		final double[] mm = voxelSize();
		final double[][] m = new double[3][4];
		for (int d = 0; d < 3; d++) {
			m[d][d] = mm[d];
			m[d][3] = Double.isFinite(origin[d]) ? -origin[d] * mm[d] : 0;
		}
		return m;
	}

	/** Sizes grow by the scale; the origin, in the new (larger) pixels, moves so that every pixel keeps its place. */
	@Override
	public Geometry resampled(final double[] scale, final double[] shift) {
		final double[] s = size.clone(), o = origin.clone();
		for (int d = 0; d < Math.min(3, scale.length); d++) {
			s[d] *= scale[d];
			o[d] = (o[d] - shift[d]) / scale[d];
		}
		return new CalibrationGeometry(s, o, units);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof CalibrationGeometry c && Arrays.equals(size, c.size) && Arrays.equals(origin, c.origin)
			&& Arrays.equals(units, c.units);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(new int[] { Arrays.hashCode(size), Arrays.hashCode(origin), Arrays.hashCode(units) });
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "ImageJ calibration size %s origin %s units %s", Arrays.toString(size), Arrays.toString(origin),
			Arrays.toString(units));
	}

	/**
	 * How many mm one calibration unit is; 1 for "mm", "pixel", and anything we do not know. Public so that ImagePlus
	 * calibrations in memory are converted exactly like TIFF files.
	 */
	public static double millimetresPer(final String unit) {
		if (unit == null) return 1;
		switch (unit.trim().toLowerCase(Locale.ROOT)) {
			case "nm": case "nanometer": case "nanometers": case "nanometre": case "nanometres": return 1e-6;
			case "um": case "µm": case "\u03bcm": case "micron": case "microns": case "micrometer": case "micrometers": case "micrometre": case "micrometres": return 1e-3;
			case "cm": case "centimeter": case "centimeters": return 10;
			case "m": case "meter": case "meters": case "metre": case "metres": return 1000;
			case "inch": case "inches": case "in": return 25.4;
			default: return 1;
		}
	}
}

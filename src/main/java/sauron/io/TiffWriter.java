package sauron.io;

import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import sauron.data.Geometry;
import sauron.data.LabelVolume;
import sauron.data.Volume;

/**
 * Writes ImageJ TIFF stacks (no GUI): channels become hyperstack channels, the volume's geometry
 * the calibration (see {@link #calibrate}). Writes are atomic (see {@link AtomicFiles}).
 */
public final class TiffWriter {

	private TiffWriter() {}

	/** 32-bit float. */
	public static void writeVolume(final Volume volume, final Path file) throws IOException {
		final int[] shape = volume.shape();
		save(image(file, floatStack(volume), volume.channels(), shape.length == 3 ? shape[2] : 1, volume.geometry()), file);
	}

	/** 8-bit. */
	public static void writeLabels(final LabelVolume labels, final Path file) throws IOException {
		final int[] shape = labels.shape();
		final int plane = shape[0] * shape[1];
		final int depth = shape.length == 3 ? shape[2] : 1;
		final ImageStack stack = new ImageStack(shape[0], shape[1]);
		for (int z = 0; z < depth; z++) {
			final byte[] pixels = new byte[plane];
			System.arraycopy(labels.labels(), z * plane, pixels, 0, plane);
			stack.addSlice(new ByteProcessor(shape[0], shape[1], pixels));
		}
		save(image(file, stack, 1, depth, labels.geometry()), file);
	}

	private static ImagePlus image(final Path file, final ImageStack stack, final int channels, final int depth, final Geometry geometry) {
		final ImagePlus imp = new ImagePlus(file.getFileName().toString(), stack);
		imp.setDimensions(channels, depth, 1);
		if (channels > 1) imp.setOpenAsHyperStack(true);
		calibrate(imp.getCalibration(), geometry);
		return imp;
	}

	/**
	 * Sets a calibration from a geometry: a {@link CalibrationGeometry} (an input's, carried by every output on its
	 * grid) unchanged, sizes, origin and units; any other in mm from its affine, the origin included when the grid
	 * is unrotated and unflipped ({@link #holds}), else the voxel size only.
	 */
	public static void calibrate(final Calibration cal, final Geometry geometry) {
		if (geometry instanceof CalibrationGeometry c) {
			final double[] size = c.size(), origin = c.origin();
			final String[] units = c.units();
			cal.setXUnit(units[0]);
			cal.setYUnit(units[1]);
			cal.setZUnit(units[2]);
			cal.pixelWidth = size[0];
			cal.pixelHeight = size[1];
			cal.pixelDepth = size[2];
			cal.xOrigin = origin[0];
			cal.yOrigin = origin[1];
			cal.zOrigin = origin[2];
			return;
		}
		final double[] mm = geometry.voxelSize();
		final double[][] affine = geometry.affine();
		final boolean placed = holds(geometry);
		cal.setXUnit("mm");
		cal.setYUnit("mm");
		cal.setZUnit("mm");
		cal.pixelWidth = mm[0];
		cal.pixelHeight = mm[1];
		if (mm.length > 2) cal.pixelDepth = mm[2];
		cal.xOrigin = placed ? -affine[0][3] / mm[0] : 0;
		cal.yOrigin = placed ? -affine[1][3] / mm[1] : 0;
		if (mm.length > 2) cal.zOrigin = placed ? -affine[2][3] / mm[2] : 0;
	}

	/**
	 * Whether a TIFF can hold where this geometry puts the voxels: an ImageJ calibration can, and so can any grid
	 * whose affine has the voxel sizes on its diagonal (no rotation, no flip); a rotated or flipped NIfTI grid
	 * keeps only its voxel size in a TIFF.
	 */
	public static boolean holds(final Geometry geometry) {
		if (geometry instanceof CalibrationGeometry) return true;
		final double[] mm = geometry.voxelSize();
		final double[][] affine = geometry.affine();
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 3; c++) {
				final double expected = r == c ? (r < mm.length ? mm[r] : affine[r][c]) : 0;
				if (Math.abs(affine[r][c] - expected) > 1e-6 * Math.max(1, Math.abs(expected)) || (r == c && !(affine[r][c] > 0))) return false;
			}
		return true;
	}

	private static void save(final ImagePlus imp, final Path file) throws IOException {
		// serialize() encodes in memory, so the bytes can go through our atomic write.
		final byte[] tiff = new FileSaver(imp).serialize();
		if (tiff == null) throw new IOException(file + ": ImageJ could not encode the TIFF");
		AtomicFiles.write(file, out -> out.write(tiff));
	}

	/** A 32-bit stack in ImageJ's hyperstack order (channel fastest, then z), one plane per channel and slice. */
	public static ImageStack floatStack(final Volume volume) {
		final int[] shape = volume.shape();
		final int channels = volume.channels(), plane = shape[0] * shape[1], depth = shape.length == 3 ? shape[2] : 1;
		final float[] data = volume.data();
		final ImageStack stack = new ImageStack(shape[0], shape[1]);
		for (int z = 0; z < depth; z++)
			for (int c = 0; c < channels; c++) {
				final float[] pixels = new float[plane];
				for (int i = 0; i < plane; i++) pixels[i] = data[(z * plane + i) * channels + c];
				stack.addSlice(new FloatProcessor(shape[0], shape[1], pixels));
			}
		return stack;
	}
}

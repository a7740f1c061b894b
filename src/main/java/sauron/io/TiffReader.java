package sauron.io;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.Opener;
import ij.io.TiffDecoder;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import sauron.data.LabelVolume;
import sauron.data.Volume;

/**
 * Reads 8-, 16- and 32-bit TIFF images and stacks through ImageJ 1 (no GUI). A stack's slices (or
 * frames, when there is only one slice per frame) become z; hyperstack channels become channels.
 * The calibration (pixel sizes, origin and units per axis) becomes the volume's
 * {@link CalibrationGeometry}, whose voxel size is in mm (no or unknown unit is taken as mm). TIFF
 * stores x/y resolution as a rational of 1/size, so sizes come back with about six significant
 * digits (3 mm written is 3.000003 mm read).
 * <p>
 * Every problem with the file is an {@link IOException} whose message starts with the file name.
 */
public final class TiffReader {

	private TiffReader() {}

	/**
	 * Any bit depth as float; 8- and 16-bit images with a calibration function (e.g. signed 16-bit)
	 * give calibrated values. NaN and infinite values are passed through unchanged (callers that cannot use them
	 * reject them).
	 */
	public static Volume readVolume(final Path file) throws IOException {
		return readVolume(file, ReadLimits.availableHeap());
	}

	/** As {@link #readVolume(Path)}, refusing files whose reading needs more than {@code budget} bytes. */
	static Volume readVolume(final Path file, final long budget) throws IOException {
		final ImagePlus imp = open(file, budget, Float.BYTES);
		final int[] shape = shape(imp, file);
		final int channels = imp.getNChannels();
		final int plane = shape[0] * shape[1];
		final int depth = shape.length == 3 ? shape[2] : 1;
		final float[] data = new float[plane * depth * channels];
		final ImageStack stack = imp.getStack();
		for (int z = 0; z < depth; z++)
			for (int c = 0; c < channels; c++) {
				// z may come from slices or frames; the stack index is (c fastest, then slices, then frames).
				final ImageProcessor ip = stack.getProcessor(c + 1 + z * channels);
				for (int i = 0; i < plane; i++)
					data[((z * plane) + i) * channels + c] = (float) value(imp, ip, i);
			}
		return new Volume(shape, channels, data, geometry(imp.getCalibration()));
	}

	/** Labels: one channel of (calibrated, see {@link #readVolume}) values that are integers 0..255. */
	public static LabelVolume readLabels(final Path file) throws IOException {
		return readLabels(file, ReadLimits.availableHeap());
	}

	/** As {@link #readLabels(Path)}, refusing files whose reading needs more than {@code budget} bytes. */
	static LabelVolume readLabels(final Path file, final long budget) throws IOException {
		final ImagePlus imp = open(file, budget, 1);
		if (imp.getNChannels() != 1)
			throw new IOException(file + ": a label image must have one channel, this one has " + imp.getNChannels());
		final int[] shape = shape(imp, file);
		final int plane = shape[0] * shape[1];
		final int depth = shape.length == 3 ? shape[2] : 1;
		final byte[] labels = new byte[plane * depth];
		final ImageStack stack = imp.getStack();
		for (int z = 0; z < depth; z++) {
			final ImageProcessor ip = stack.getProcessor(z + 1);
			for (int i = 0; i < plane; i++)
				labels[z * plane + i] = LabelValues.toLabel(value(imp, ip, i), file, shape, z * plane + i);
		}
		return new LabelVolume(shape, labels, geometry(imp.getCalibration()));
	}

	/** Pixel value with ImageJ's calibration function applied (signed 16-bit TIFFs open as unsigned plus one). */
	private static double value(final ImagePlus imp, final ImageProcessor ip, final int i) {
		final Calibration cal = imp.getCalibration();
		return imp.getBitDepth() != 32 && cal.calibrated() ? cal.getCValue((double) ip.getf(i)) : ip.getf(i);
	}

	/**
	 * Checks the file's structure and declared size before ImageJ decodes anything, then opens it.
	 *
	 * @param outputBytes bytes per value of the array the caller fills from the image
	 */
	private static ImagePlus open(final Path file, final long budget, final int outputBytes) throws IOException {
		if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such file, expected a TIFF image");
		final long length = Files.size(file);
		if (length == 0) throw new IOException(file + ": file is empty, expected a TIFF image");
		TiffStructure.check(file);
		final Path absolute = file.toAbsolutePath();
		final String folder = absolute.getParent().toString() + File.separator;
		final String name = absolute.getFileName().toString();
		// Decode the directory ourselves first: Opener reports these errors in a dialog and returns null.
		final FileInfo[] info;
		try {
			info = new TiffDecoder(folder, name).getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException(file + ": not a readable TIFF (" + e.getMessage() + ")", e);
		}
		if (info == null || info.length == 0) throw new IOException(file + ": not a readable TIFF (no image directory)");
		checkSize(info, length, budget, outputBytes, file);
		checkComplete(info, length, file);
		TiffStrips.check(file, info);
		final ImagePlus imp;
		try {
			imp = new Opener().openTiff(folder, name);
		}
		catch (final RuntimeException e) {
			// The structure and size are checked; what ImageJ still trips over is damaged pixel data.
			throw new IOException(file + ": damaged TIFF, ImageJ could not decode its pixels (" + e + ")", e);
		}
		if (imp == null) throw new IOException(file + ": ImageJ could not open this TIFF");
		final int bits = imp.getBitDepth();
		if (bits != 8 && bits != 16 && bits != 32)
			throw new IOException(file + ": " + bits + "-bit " + (bits == 24 ? "RGB " : "") + "TIFF is not supported, expected 8-, 16- or 32-bit grey values (split RGB into channels first)");
		return imp;
	}

	/**
	 * What the directories declare, against {@link ReadLimits}: ImageJ allocates every plane before decoding it, so a
	 * small compressed file can claim gigabytes. Each directory is nImages planes (an ImageJ stack declares them in
	 * its first one).
	 */
	private static void checkSize(final FileInfo[] info, final long length, final long budget, final int outputBytes, final Path file)
			throws IOException {
		long values = 0, decoded = 0, compressed = 0;
		for (final FileInfo fi : info) {
			if (fi.compression != FileInfo.COMPRESSION_NONE) compressed = length;
			if (fi.fileType == FileInfo.BITMAP)
				throw new IOException(file + ": 1-bit (black and white) TIFF is not supported, expected 8-, 16- or 32-bit grey values (save it as 8-bit)");
			if (fi.width < 1 || fi.height < 1 || fi.nImages < 1)
				throw new IOException(file + ": not a readable TIFF: an image directory declares " + fi.width + "x" + fi.height + " pixels and "
						+ fi.nImages + " images, expected positive sizes");
			final long samples = (long) fi.width * fi.height * fi.nImages * (fi.getBytesPerPixel() == 3 || fi.getBytesPerPixel() == 6 ? 3 : 1);
			values += samples;
			decoded += (long) fi.width * fi.height * fi.nImages * fi.getBytesPerPixel();
		}
		final FileInfo first = info[0];
		final long planes = values / ((long) first.width * first.height);
		final String declared = first.width + "x" + first.height + " pixels" + (planes > 1 ? " x " + planes + " planes" : "") + " of "
				+ 8 * first.getBytesPerPixel() + " bits";
		ReadLimits.requireValues(file, declared, values);
		// ImageJ's planes, plus the compressed strips it reads beside them (at most the file), plus the caller's array.
		ReadLimits.requireMemory(file, declared, decoded + compressed + values * outputBytes, budget);
	}

	/** ImageJ fills missing pixel data with zeros without complaint, so compare sizes for uncompressed data. */
	private static void checkComplete(final FileInfo[] info, final long length, final Path file) throws IOException {
		for (final FileInfo fi : info) {
			if (fi.compression != FileInfo.COMPRESSION_NONE) continue;
			final long image = (long) fi.width * fi.height * fi.getBytesPerPixel();
			final long end = fi.getOffset() + image * fi.nImages + (long) fi.gapBetweenImages * (fi.nImages - 1);
			if (end > length)
				throw new IOException(file + ": truncated TIFF: pixel data should end at byte " + end + ", the file has " + length);
		}
	}

	/** x, y[, z]: z from slices, or from frames when a stack has one slice per frame. */
	private static int[] shape(final ImagePlus imp, final Path file) throws IOException {
		final int slices = imp.getNSlices(), frames = imp.getNFrames();
		if (slices > 1 && frames > 1)
			throw new IOException(file + ": has " + slices + " slices and " + frames + " time frames, expected a single 2D or 3D image (with channels)");
		final int depth = Math.max(slices, frames);
		return depth > 1 ? new int[] { imp.getWidth(), imp.getHeight(), depth } : new int[] { imp.getWidth(), imp.getHeight() };
	}

	/**
	 * The geometry of a calibration, as a TIFF holds it: pixel sizes, origin and units of x, y and z. Public so that
	 * images open in ImageJ give the same geometry as their files.
	 */
	public static CalibrationGeometry geometry(final Calibration cal) {
		return new CalibrationGeometry(new double[] { cal.pixelWidth, cal.pixelHeight, cal.pixelDepth }, new double[] { cal.xOrigin, cal.yOrigin, cal.zOrigin },
			new String[] { cal.getXUnit(), cal.getYUnit(), cal.getZUnit() });
	}
}

package sauron.io;

import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import sauron.data.LabelVolume;
import sauron.data.Volume;

/**
 * Writes ImageJ TIFF stacks (no GUI): channels become hyperstack channels, voxel size the
 * calibration in mm. Writes are atomic (see {@link AtomicFiles}).
 */
public final class TiffWriter {

	private TiffWriter() {}

	/** 32-bit float. */
	public static void writeVolume(final Volume volume, final Path file) throws IOException {
		final int[] shape = volume.shape();
		save(image(file, floatStack(volume), volume.channels(), shape.length == 3 ? shape[2] : 1, volume.voxelSize()), file);
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
		save(image(file, stack, 1, depth, labels.voxelSize()), file);
	}

	private static ImagePlus image(final Path file, final ImageStack stack, final int channels, final int depth, final double[] voxelSize) {
		final ImagePlus imp = new ImagePlus(file.getFileName().toString(), stack);
		imp.setDimensions(channels, depth, 1);
		if (channels > 1) imp.setOpenAsHyperStack(true);
		final Calibration cal = imp.getCalibration();
		cal.setUnit("mm");
		cal.pixelWidth = voxelSize[0];
		cal.pixelHeight = voxelSize[1];
		if (voxelSize.length == 3) cal.pixelDepth = voxelSize[2];
		return imp;
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

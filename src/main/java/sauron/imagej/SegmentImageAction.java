package sauron.imagej;

import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import sauron.io.ImageFiles;
import sauron.io.TiffReader;
import sauron.io.TiffWriter;

/** {@link SegmentImageCommand}: the engine's "segment" on the image; labels (and probabilities) on the image's calibration. */
final class SegmentImageAction extends CommandAction<SegmentImageCommand> {

	SegmentImageAction(final SegmentImageCommand command) {
		super(command);
	}

	@Override
	protected void execute() throws Exception {
		final SegmentImageCommand c = command;
		c.labels = c.probability_map = null;
		if (c.image == null) throw new IllegalArgumentException("no image given");
		final String name = c.image.getTitle();
		IJ.resetEscape();
		try (EngineCall call = new EngineCall("segment")) {
			final Path out = call.file("labels.nii");
			call.with("-m", EngineCall.modelDir(c.model_dir)).with("-i", call.write(ImagePlusVolumes.toVolume(c.image), c.image.getTitle())).with("-o", out)
					.flag("--probabilities", c.probabilities).flag("--events", true);
			status("segmenting " + name);
			call.run(progressListener(), IJ::escapePressed);
			c.labels = sameCalibration(ImagePlusVolumes.toImagePlus(ImageFiles.readLabels(out), baseName(name) + "-labels"), c.image);
			if (c.probabilities) c.probability_map = sameCalibration(
					ImagePlusVolumes.probabilityImage(ImageFiles.readImage(ImageFiles.probabilityPath(out)), baseName(name)), c.image);
		}
		status("segmented " + name);
	}

	/**
	 * An output on the input's grid keeps its calibration: sizes, origin and units (an uncalibrated image stays in
	 * pixels, not mm). One on a pooled grid (feature maps of a lower level, whose voxel sizes the engine gave as
	 * whole multiples of the input's) gets the input's calibration pooled as {@link sauron.data.Geometry#pooled} says.
	 * The engine's files cannot carry ImageJ's units, so the calibration comes from the input here.
	 */
	static ImagePlus sameCalibration(final ImagePlus output, final ImagePlus input) {
		final ij.measure.Calibration c = input.getCalibration().copy();
		c.disableDensityCalibration(); // pixel values are labels, probabilities or feature maps, not the input's calibrated values
		final int[] in = ImagePlusChecks.spatialShape(input), out = ImagePlusChecks.spatialShape(output);
		if (java.util.Arrays.equals(in, out)) {
			output.setCalibration(c);
			return output;
		}
		final int[] factors = poolingFactors(in, VoxelSizes.millimetres(input.getCalibration(), in.length), out,
				VoxelSizes.millimetres(output.getCalibration(), out.length));
		if (factors != null) {
			TiffWriter.calibrate(c, TiffReader.geometry(c).pooled(factors));
			output.setCalibration(c);
		}
		return output;
	}

	/** Per axis, f when the output has ceil(input / f) voxels of f times the input's size; null when it is no such grid. */
	private static int[] poolingFactors(final int[] in, final double[] inSize, final int[] out, final double[] outSize) {
		if (in.length != out.length) return null;
		final int[] f = new int[in.length];
		for (int d = 0; d < in.length; d++) {
			f[d] = (int) Math.round(outSize[d] / inSize[d]);
			if (f[d] < 1 || Math.abs(outSize[d] - f[d] * inSize[d]) > 1e-6 * outSize[d] || out[d] != (in[d] + f[d] - 1) / f[d]) return null;
		}
		return f;
	}

	static String baseName(final String title) {
		final String lower = title.toLowerCase(java.util.Locale.ROOT);
		for (final String ext : new String[] { ".nii.gz", ".nii", ".tiff", ".tif" })
			if (lower.endsWith(ext)) return title.substring(0, title.length() - ext.length());
		return title;
	}
}

package sauron.imagej;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.engine.SegmentRequest;
import sauron.io.ImageFiles;
import sauron.io.TiffReader;
import sauron.io.TiffWriter;

/**
 * {@link SegmentImageCommand}: the engine's "segment" on the image laid out for the model's network as {@link NetworkLayout}
 * says (a 2D network plane by plane, a 3D one frame by frame, in one engine run); labels (and probabilities) keep the
 * image's slices, frames and calibration.
 */
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
		final String model = EngineCall.modelDir(c.model_dir);
		final ModelFacts facts = ModelFacts.read(model);
		NetworkLayout.requireChannels(c.image, facts);
		final List<Volume> volumes = NetworkLayout.volumes(c.image, facts != null ? facts.dims() : NetworkLayout.autoDims(c.image));
		IJ.resetEscape(); // Esc is ImageJ 1's key (no SciJava service sees it): one pressed before this run must not stop it
		try (EngineCall call = new EngineCall()) {
			final List<Path> ins = new ArrayList<>(), outs = new ArrayList<>();
			for (int t = 0; t < volumes.size(); t++) {
				final String title = volumes.size() == 1 ? name : name + " (frame " + (t + 1) + ")";
				ins.add(call.write(volumes.get(t), title));
				outs.add(call.file(volumes.size() == 1 ? "labels.nii" : "frame" + t + "-labels.nii"));
			}
			status("segmenting " + name);
			call.run(new SegmentRequest(Path.of(model), ins, outs, null, null, c.probabilities), progressListener(), this::stopRequested);
			final List<LabelVolume> labels = new ArrayList<>();
			for (final Path out : outs) labels.add(ImageFiles.readLabels(out));
			c.labels = sameCalibration(NetworkLayout.labelImage(labels, c.image, baseName(name) + "-labels"), c.image);
			if (c.probabilities) {
				final List<Volume> p = new ArrayList<>();
				for (final Path out : outs) p.add(ImageFiles.readImage(ImageFiles.probabilityPath(out)));
				c.probability_map = sameCalibration(NetworkLayout.probabilityImage(p, c.image, baseName(name)), c.image);
			}
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
		final int[] in = ImagePlusChecks.gridShape(input), out = ImagePlusChecks.gridShape(output);
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

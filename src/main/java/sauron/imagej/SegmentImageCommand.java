package sauron.imagej;

import java.io.File;
import java.nio.file.Path;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import sauron.io.ImageFiles;

/** Segments an open image with a trained model (in the engine process, the command line's "segment"): a label image and, if asked, the class probabilities. Esc cancels. */
@Plugin(type = Command.class, menuPath = "Plugins>Sauron U-Net>Segment Image")
public final class SegmentImageCommand extends SauronCommand {

	@Parameter
	ImagePlus image;

	@Parameter(style = "directory", description = "a model folder written by Train U-Net")
	File model_dir;

	@Parameter(description = "also give the class probabilities (one channel per class)")
	boolean probabilities = false;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	ImagePlus probability_map;

	@Override
	protected void execute() throws Exception {
		labels = probability_map = null;
		if (image == null) throw new IllegalArgumentException("no image given");
		final String name = image.getTitle();
		IJ.resetEscape();
		try (EngineCall call = new EngineCall("segment")) {
			final Path out = call.file("labels.nii");
			call.with("-m", EngineCall.modelDir(model_dir)).with("-i", call.write(ImagePlusVolumes.toVolume(image), image.getTitle())).with("-o", out)
					.flag("--probabilities", probabilities).flag("--events", true);
			status("segmenting " + name);
			call.run(progressListener(), IJ::escapePressed);
			labels = sameCalibration(ImagePlusVolumes.toImagePlus(ImageFiles.readLabels(out), baseName(name) + "-labels"), image);
			if (probabilities) probability_map = sameCalibration(
					ImagePlusVolumes.probabilityImage(ImageFiles.readImage(ImageFiles.probabilityPath(out)), baseName(name)), image);
		}
		status("segmented " + name);
	}

	/** An output on the input's grid keeps its calibration and unit (an uncalibrated image stays in pixels, not mm). */
	static ImagePlus sameCalibration(final ImagePlus output, final ImagePlus input) {
		if (output.getWidth() == input.getWidth() && output.getHeight() == input.getHeight() && output.getNSlices() == input.getNSlices())
		{
			final ij.measure.Calibration c = input.getCalibration().copy();
			c.disableDensityCalibration(); // pixel values are labels or probabilities, not the input's calibrated values
			output.setCalibration(c);
		}
		return output;
	}

	static String baseName(final String title) {
		final String lower = title.toLowerCase(java.util.Locale.ROOT);
		for (final String ext : new String[] { ".nii.gz", ".nii", ".tiff", ".tif" })
			if (lower.endsWith(ext)) return title.substring(0, title.length() - ext.length());
		return title;
	}
}

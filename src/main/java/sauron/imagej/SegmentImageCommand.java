package sauron.imagej;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/** Segments an open image with a trained model (in the engine process, the command line's "segment"): a label image and, if asked, the class probabilities. Esc cancels. */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>Sauron U-Net>Segment Image")
public final class SegmentImageCommand extends SauronCommand {

	@Parameter(label = "Image", description = "the image to segment")
	ImagePlus image;

	@Parameter(label = "Model folder", style = "directory", description = "a model folder written by Train U-Net")
	File model_dir;

	@Parameter(label = "Probabilities", description = "also give the class probabilities (one channel per class)")
	boolean probabilities = false;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	ImagePlus probability_map;
}

package sauron.imagej;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Shrinks a saved model with Sauron's pruning criterion computed on an open image, writing a new model folder;
 * the original model is never changed. Runs in the engine process (the command line's "prune"), which logs the
 * parameters, FLOPs and sizes before and after.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>Sauron U-Net>Prune Model")
public final class PruneModelCommand extends SauronCommand {

	@Parameter(label = "Image", description = "an image like the training images, to compute Sauron's criterion on")
	ImagePlus image;

	@Parameter(label = "Model folder", style = "directory", description = "the model folder to prune (read only)")
	File model_dir;

	@Parameter(label = "Output folder", style = "directory", description = "the folder for the smaller model")
	File output_dir;

	@Parameter(label = "Threshold (tau)", min = "0", max = "1", description = "one threshold in [0, 1] for every layer; 0: automatic (the model's learned per-layer thresholds)")
	double tau = 0;

	@Parameter(label = "Patches", min = "1", description = "random patches of the image to compute the criterion on")
	int patches = 8;
}

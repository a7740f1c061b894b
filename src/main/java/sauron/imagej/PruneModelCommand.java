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
@Plugin(type = Command.class, menuPath = "Plugins>Sauron U-Net>Prune Model")
public final class PruneModelCommand extends SauronCommand {

	@Parameter
	ImagePlus image;

	@Parameter(style = "directory", description = "the model folder to prune (read only)")
	File model_dir;

	@Parameter(style = "directory", description = "the folder for the smaller model")
	File output_dir;

	@Parameter(min = "0", max = "1", description = "one threshold for every layer; 0: the model's learned per-layer thresholds")
	double tau = 0;

	@Parameter(min = "1", description = "random patches of the image to compute the criterion on")
	int patches = 8;
}

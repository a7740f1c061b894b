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

	@Override
	protected void execute() throws Exception {
		if (image == null) throw new IllegalArgumentException("no image given");
		if (output_dir == null) throw new IllegalArgumentException("no output_dir given: the folder for the pruned model");
		if (model_dir != null && output_dir.getAbsoluteFile().toPath().normalize().equals(model_dir.getAbsoluteFile().toPath().normalize()))
			throw new IllegalArgumentException("output_dir must differ from model_dir: pruning never changes the original model");
		try (EngineCall call = new EngineCall("prune")) {
			call.with("-m", EngineCall.modelDir(model_dir)).with("-o", output_dir.getAbsolutePath()).with("-i", call.write(ImagePlusVolumes.toVolume(image), image.getTitle()))
					.with("--tau", tau > 0 ? tau : null).with("--patches", patches);
			status("pruning " + model_dir.getName());
			call.run(EngineCall.logOnly(), () -> false);
		}
		status("pruned " + model_dir.getName());
	}
}

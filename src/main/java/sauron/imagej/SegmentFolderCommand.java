package sauron.imagej;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Segments every image of a folder (.tif, .tiff, .nii, .nii.gz) into label images of the same names in another
 * folder, for batch and headless runs, in one engine process; nothing is opened on screen. Esc or SciJava's cancel stops it (the images
 * already written stay). An image that cannot be read or segmented does not stop the batch: the log names it with
 * the reason, and the command's error counts the failures once the others are written.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>Sauron U-Net>Segment Folder")
public final class SegmentFolderCommand extends SauronCommand {

	@Parameter(label = "Input folder", style = "directory", description = "the images to segment: .tif, .tiff, .nii, .nii.gz")
	File input_dir;

	@Parameter(label = "Output folder", style = "directory", description = "created if missing; files of the same name are replaced")
	File output_dir;

	@Parameter(label = "Model folder", style = "directory", description = "a model folder written by Train U-Net")
	File model_dir;

	@Parameter(label = "Probabilities", description = "also write <name>-probabilities next to each label image")
	boolean probabilities = false;
}

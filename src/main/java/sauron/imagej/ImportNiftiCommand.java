package sauron.imagej;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Opens a NIfTI-1 image (.nii, .nii.gz) with Sauron's reader, so plain Fiji needs no other plugin for it: a
 * 32-bit image or stack, channels (the fourth axis) as hyperstack channels, calibrated in mm from pixdim, with the
 * origin of the affine when the grid is neither rotated nor flipped (ImageJ has no orientation).
 */
@Plugin(type = Command.class, headless = true, menuPath = "File>Import>NIfTI (Sauron)...")
public final class ImportNiftiCommand extends SauronCommand {

	@Parameter(label = "NIfTI file", style = "open", description = ".nii or .nii.gz")
	File file;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus image;
}

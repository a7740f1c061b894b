package sauron.imagej;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Packages a model for bioimage.io and DeepImageJ (the command line's "export"): a zip with rdf.yaml, the
 * TensorFlow SavedModel, test tensors from a patch of the open image, a cover and a README. The model is untouched.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>Sauron U-Net>Export to bioimage.io")
public final class ExportBioimageioCommand extends SauronCommand {

	@Parameter(label = "Example image", description = "an image like the training images: a patch from its centre becomes the test input and the cover")
	ImagePlus image;

	@Parameter(label = "Model folder", style = "directory", description = "the model folder to export (read only)")
	File model_dir;

	@Parameter(label = "Zip file", style = "save", description = "the .zip file to write")
	File output_file;

	@Parameter(label = "Model name", required = false, description = "5-128 letters, digits, spaces, _ + - ( ); empty: automatic (Sauron U-Net <dims>D <model folder>)")
	String name = "";

	@Parameter(label = "Authors", required = false, description = "full names separated by ';'; empty: a placeholder to fill in in rdf.yaml")
	String authors = "";

	@Parameter(label = "Cite", required = false, description = "TEXT|DOI or TEXT|URL of a paper to cite besides Sauron's; may be empty")
	String cite = "";

	@Parameter(label = "Licence", description = "SPDX licence identifier of the weights")
	String license = "CC-BY-4.0";
}

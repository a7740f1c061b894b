package sauron.imagej;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Shows what one layer of a model sees in an image: a hyperstack with one channel per (remaining) filter,
 * labelled "&lt;layer&gt; filter &lt;i&gt;" (i from 1, as the channel slider counts). The default is the last decoder layer, whose maps are the most
 * readable; level-l layers come on their own grid (the image size / 2^l).
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>Sauron U-Net>Feature Maps")
public final class FeatureMapsCommand extends SauronCommand {

	@Parameter(label = "Image", description = "the image the layer's maps are computed on")
	ImagePlus image;

	@Parameter(label = "Model folder", style = "directory", description = "a model folder written by Train U-Net")
	File model_dir;

	@Parameter(label = "Layer", description = "layer name: enc<l>_<0|1>, up<l> or dec<l>_<0|1> (Model Info lists a model's layers); dec0_1 is the last decoder layer")
	String layer = "dec0_1";

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus feature_maps;
}

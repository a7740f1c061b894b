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
@Plugin(type = Command.class, menuPath = "Plugins>Sauron U-Net>Feature Maps")
public final class FeatureMapsCommand extends SauronCommand {

	@Parameter
	ImagePlus image;

	@Parameter(style = "directory")
	File model_dir;

	@Parameter(description = "layer name: enc<l>_<0|1>, up<l> or dec<l>_<0|1>; dec0_1 is the last decoder layer")
	String layer = "dec0_1";

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus feature_maps;
}

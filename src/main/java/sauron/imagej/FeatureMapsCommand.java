package sauron.imagej;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.ImageStack;
import sauron.data.Volume;
import sauron.io.ImageFiles;

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

	@Override
	protected void execute() throws Exception {
		feature_maps = null;
		if (image == null) throw new IllegalArgumentException("no image given");
		final String name = layer == null ? "" : layer.trim();
		try (EngineCall call = new EngineCall("features")) {
			final java.nio.file.Path out = call.file("maps.nii");
			call.with("-m", EngineCall.modelDir(model_dir)).with("-i", call.write(ImagePlusVolumes.toVolume(image), image.getTitle())).with("--layer", name).with("-o", out);
			status("feature maps of " + name + " for " + image.getTitle());
			call.run(EngineCall.logOnly(), () -> false);
			final Volume maps = ImageFiles.readImage(out);
			feature_maps = SegmentImageCommand.sameCalibration(label(ImagePlusVolumes.toImagePlus(maps, SegmentImageCommand.baseName(image.getTitle()) + "-" + name), name), image);
		}
	}

	private static ImagePlus label(final ImagePlus imp, final String layer) {
		final ImageStack stack = imp.getStack();
		final int channels = imp.getNChannels();
		for (int i = 1; i <= stack.getSize(); i++) stack.setSliceLabel(layer + " filter " + ((i - 1) % channels + 1), i);
		return imp;
	}
}

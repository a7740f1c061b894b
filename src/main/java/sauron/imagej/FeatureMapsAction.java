package sauron.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import sauron.data.Volume;
import sauron.io.ImageFiles;

/** {@link FeatureMapsCommand}: the engine's "features" for one layer, as a hyperstack on the image's calibration. */
final class FeatureMapsAction extends CommandAction<FeatureMapsCommand> {

	FeatureMapsAction(final FeatureMapsCommand command) {
		super(command);
	}

	@Override
	protected void execute() throws Exception {
		final FeatureMapsCommand c = command;
		c.feature_maps = null;
		if (c.image == null) throw new IllegalArgumentException("no image given");
		final String name = c.layer == null ? "" : c.layer.trim();
		try (EngineCall call = new EngineCall("features")) {
			final java.nio.file.Path out = call.file("maps.nii");
			call.with("-m", EngineCall.modelDir(c.model_dir)).with("-i", call.write(ImagePlusVolumes.toVolume(c.image), c.image.getTitle())).with("--layer", name).with("-o", out);
			status("feature maps of " + name + " for " + c.image.getTitle());
			call.run(EngineCall.logOnly(), () -> false);
			final Volume maps = ImageFiles.readImage(out);
			c.feature_maps = SegmentImageAction.sameCalibration(label(ImagePlusVolumes.toImagePlus(maps, SegmentImageAction.baseName(c.image.getTitle()) + "-" + name), name), c.image);
		}
	}

	private static ImagePlus label(final ImagePlus imp, final String layer) {
		final ImageStack stack = imp.getStack();
		final int channels = imp.getNChannels();
		for (int i = 1; i <= stack.getSize(); i++) stack.setSliceLabel(layer + " filter " + ((i - 1) % channels + 1), i);
		return imp;
	}
}

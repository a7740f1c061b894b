package sauron.imagej;

import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import sauron.data.Volume;
import sauron.engine.FeaturesRequest;
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
		final String model = EngineCall.modelDir(c.model_dir);
		final ModelFacts facts = ModelFacts.read(model);
		// Said here, before the engine starts; a folder that cannot be read is left to the engine to judge.
		if (facts != null && !facts.layers().contains(name)) throw new IllegalArgumentException("no layer " + name + " in " + model + "; layers: " + String.join(", ", facts.layers()));
		NetworkLayout.requireChannels(c.image, facts);
		final java.util.List<Volume> volumes = NetworkLayout.volumes(c.image, facts != null ? facts.dims() : NetworkLayout.autoDims(c.image));
		if (volumes.size() > 1)
			throw new IllegalArgumentException(c.image.getTitle() + " has " + c.image.getNFrames() + " frames; feature maps of a 3D network are shown for one frame "
					+ "(Image > Duplicate... with one frame)");
		try (EngineCall call = new EngineCall()) {
			final Path image = call.write(volumes.get(0), c.image.getTitle()), out = call.file("maps.nii");
			status("feature maps of " + name + " for " + c.image.getTitle());
			call.run(new FeaturesRequest(Path.of(model), image, name, out), EngineCall.logOnly(), () -> false);
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

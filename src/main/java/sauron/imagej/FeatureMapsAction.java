package sauron.imagej;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.scijava.module.ModuleService;

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

	/**
	 * Fills the layer input's choices (called by name from {@link FeatureMapsCommand}, before its dialog and when its
	 * model folder changes): the layers of the folder given, or else of the one SciJava remembers from the last run,
	 * in forward order; with no readable model, the current layer alone, since a list needs an entry to be shown as one.
	 */
	static void offerLayers(final ActionHost host) {
		final FeatureMapsCommand c = (FeatureMapsCommand) host;
		final File dir = c.model_dir != null ? c.model_dir : rememberedModelDir(c);
		final ModelFacts facts = dir == null ? null : ModelFacts.read(dir.getPath());
		final List<String> layers = facts != null && !facts.layers().isEmpty() ? facts.layers() : List.of(c.layer == null ? "dec0_1" : c.layer);
		c.getInfo().getMutableInput("layer", String.class).setChoices(layers);
	}

	/** The model folder of the last run, which SciJava fills in after the initializer, just before the dialog. */
	private static File rememberedModelDir(final FeatureMapsCommand c) {
		try {
			return c.context().service(ModuleService.class).load(c.getInfo().getInput("model_dir", File.class));
		} catch (final RuntimeException e) {
			return null;
		}
	}

	private static ImagePlus label(final ImagePlus imp, final String layer) {
		final ImageStack stack = imp.getStack();
		final int channels = imp.getNChannels();
		for (int i = 1; i <= stack.getSize(); i++) stack.setSliceLabel(layer + " filter " + ((i - 1) % channels + 1), i);
		return imp;
	}
}

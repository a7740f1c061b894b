package sauron.export;

import java.util.Locale;

import sauron.model.SauronModel;
import sauron.net.UNetSpec;

/** The package's README.md (the rdf's documentation): what the model is, what it expects and gives, what to fill in. */
final class ModelReadme {

	private ModelReadme() {}

	static String markdown(final SauronModel model, final ExportSettings settings, final TestTensors tests, final String imageName) {
		final UNetSpec spec = model.spec();
		final StringBuilder s = new StringBuilder();
		s.append("# ").append(settings.name()).append("\n\n");
		s.append(ModelRdf.description(model)).append("\n\n");
		if (!settings.placeholders().isEmpty())
			s.append("**Before uploading**: fill in ").append(String.join(", ", settings.placeholders()))
					.append(" in rdf.yaml, and describe here what the model was trained on and what it is for.\n\n");
		s.append("## Network\n\n");
		s.append(String.format(Locale.ROOT, "A %dD U-Net of %d levels (nnU-Net style: convolution, instance norm and LeakyReLU blocks, strided "
				+ "downsampling, transposed-convolution upsampling, skip connections), %,d parameters, trained with Sauron's filter pruning "
				+ "(Valverde et al. 2024). Filters per layer: %s.\n\n", spec.dims(), spec.levels(), model.topology().parameterCount(), spec.widths()));
		s.append("## Input and output\n\n");
		s.append("- `image`: [batch, ").append(spec.dims() == 3 ? "z, " : "").append("y, x, channel], float32, ").append(spec.inputChannels())
				.append(" channel(s). Every spatial side must be a multiple of ").append(spec.sizeMultiple()).append(".\n");
		s.append("- Preprocessing: zero mean and unit variance over the spatial axes of each image, per channel: the z-score per image the "
				+ "model was trained with.\n");
		s.append("- `probabilities`: the input's spatial shape, one softmax probability per class (channel 0: background). No "
				+ "postprocessing: the label of a voxel is its most probable class.\n");
		s.append(String.format(Locale.ROOT, "- Test tensors: a %s patch (x first) from the centre of %s (`test_input.npy`, raw intensities) and the "
				+ "probabilities for it (`test_output.npy`).\n\n", sizes(tests.patch()), imageName));
		s.append("## Files\n\n");
		s.append("- `tf_saved_model_bundle.zip`: a TensorFlow SavedModel (tag `serve`, signature `serving_default`: `image` -> `probabilities`).\n");
		s.append("- `sauron.json`: the model's own description (network, training settings and history) as Sauron U-Net for Fiji writes it; "
				+ "with the unzipped SavedModel beside it, the folder is a Sauron model again.\n\n");
		s.append("## Training data and intended use\n\n");
		s.append("(Fill in: what the model was trained on, for what, and its limits. Voxel size of the training images, x first: ")
				.append(model.metadata().voxelSize() == null ? "not recorded" : java.util.Arrays.toString(model.metadata().voxelSize())).append(".)\n");
		return s.toString();
	}

	private static String sizes(final int[] a) {
		final StringBuilder s = new StringBuilder();
		for (final int v : a) s.append(s.length() > 0 ? "x" : "").append(v);
		return s.toString();
	}
}

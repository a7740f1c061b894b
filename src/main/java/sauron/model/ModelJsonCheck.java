package sauron.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The fields of sauron.json that loading and using a model need, checked once when it is read: Gson leaves a
 * missing field null, which a damaged or hand-edited file otherwise shows much later as a NullPointerException
 * naming neither the file nor the field.
 */
final class ModelJsonCheck {

	private ModelJsonCheck() {}

	static void requireComplete(final ModelStore.ModelJson model, final Path json) throws IOException {
		final ModelStore.SpecJson spec = model.spec();
		if (spec.widths() == null || spec.widths().isEmpty())
			throw missing(json, "spec.widths", "the filters of every layer, e.g. {\"enc0_0\": 32, ...}");
		if (spec.widths().containsValue(null)) throw new IOException(json + ": spec.widths has a layer without a width, expected a number for each");
		final ModelMetadata m = model.metadata();
		if (m.normalisation() == null) throw missing(json, "metadata.normalisation", "the input normalisation, e.g. \"zscore per image\"");
		if (m.voxelSize() == null) throw missing(json, "metadata.voxelSize", "the training images' voxel size in mm, x first");
		final int[] patch = m.patchShape();
		if (patch == null) throw missing(json, "metadata.patchShape", "the training patch size, x first, e.g. [64, 64, 64]");
		if (patch.length != spec.dims() || Arrays.stream(patch).anyMatch(s -> s < 1))
			throw new IOException(json + ": metadata.patchShape is " + Arrays.toString(patch) + ", expected " + spec.dims() + " positive sizes, x first");
		final List<EpochRecord> history = m.history();
		if (history == null) throw missing(json, "metadata.history", "the training history, a list of epochs (empty for none)");
		for (int i = 0; i < history.size(); i++)
			// thresholds may be missing: the report and the pruner take that for "trained without pruning".
			if (history.get(i) == null || history.get(i).widths() == null)
				throw new IOException(json + ": metadata.history[" + i + "] has no widths, expected the filters per layer at the end of that epoch");
	}

	private static IOException missing(final Path json, final String field, final String expected) {
		return new IOException(json + " has no " + field + ", expected " + expected + " (the file is damaged or was not written by this plugin)");
	}
}

package sauron.model;

import java.util.List;

import com.google.gson.JsonObject;

/**
 * What a model directory says about itself beyond the weights: how to prepare an image for it, what it was
 * trained on and how, and its training history.
 *
 * @param normalisation the intensity normalisation the network expects, e.g. "zscore per image"
 * @param voxelSize voxel size of the training images, x first (segmentation warns on a mismatch)
 * @param patchShape training patch size, x first; also the default tile for sliding-window segmentation
 * @param training the training settings, as given; read them through {@link #recordedTraining()}
 */
public record ModelMetadata(String normalisation, double[] voxelSize, int[] patchShape, JsonObject training, List<EpochRecord> history) {

	/** The training settings, typed, with defaults for what models written before a setting existed do not say. */
	public RecordedTraining recordedTraining() {
		return RecordedTraining.of(training);
	}

	/** The same metadata with how the model was pruned after its training recorded beside the training settings. */
	public ModelMetadata prunedAfterTraining(final JsonObject how) {
		final JsonObject t = training == null ? new JsonObject() : training.deepCopy();
		t.add("pruned_after_training", how);
		return new ModelMetadata(normalisation, voxelSize, patchShape, t, history);
	}
}

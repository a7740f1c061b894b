package sauron.prune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.google.gson.JsonObject;

import sauron.data.LabelVolume;
import sauron.data.PatchBatch;
import sauron.data.PatchSampler;
import sauron.data.TrainingPair;
import sauron.data.Volume;
import sauron.data.ZScoreNormalisation;
import sauron.model.EpochRecord;
import sauron.model.SauronModel;
import sauron.net.FeatureMaps;
import sauron.net.InferenceGraph;
import sauron.net.Layer;
import sauron.net.Topology;
import sauron.net.AdamState;

/**
 * Prunes a trained model after the fact: delta_prune (docs/SAURON.md section 4) on the feature maps of random
 * patches of the given images, against the model's learned per-layer thresholds or one given threshold,
 * then the same filter removal as during training. Returns a new, smaller model; the input is not changed.
 */
public final class ModelPruner {

	private ModelPruner() {}

	/**
	 * @param images raw images (normalised here as the model expects)
	 * @param tau one threshold for every layer, or null for the model's learned thresholds
	 * @param patches how many random patches of the model's patch size to compute delta_prune over
	 */
	public static SauronModel prune(final SauronModel model, final List<Volume> images, final Double tau, final int patches, final long seed) {
		if (images.isEmpty()) throw new IllegalArgumentException("no images given to compute the pruning criterion on");
		if (patches < 1) throw new IllegalArgumentException("patches must be >= 1, got " + patches);
		if (tau != null && !(tau >= 0 && tau <= 1)) throw new IllegalArgumentException("tau must be in [0, 1] (delta_prune's range), got " + tau);
		final Map<String, Double> thresholds = thresholds(model, tau);
		final Topology topology = model.topology();
		final int[] patch = model.metadata().patchShape();
		final PatchBatch batch = new PatchSampler(unlabelled(images, model), patch, patches, model.spec().classes(), 0, seed).nextBatch();
		final List<String> layers = topology.prunable().stream().map(Layer::name).toList();
		final Map<String, FeatureMaps> maps;
		try (InferenceGraph net = new InferenceGraph(topology, model.weights())) {
			maps = net.featureMaps(layers, batch.images(), patches, patch);
		}
		final Random random = new Random(seed);
		final int sf = poolFactor(model);
		final Map<String, boolean[]> keep = new LinkedHashMap<>();
		for (final String layer : layers) {
			final FeatureMaps m = maps.get(layer);
			final int reference = random.nextInt(m.channels());
			keep.put(layer, PruningCriterion.keep(PruningCriterion.deltaPrune(m.values(), m.shape(), reference, sf), thresholds.get(layer), reference));
		}
		final PrunedNetwork smaller = FilterRemoval.remove(model.spec(), model.weights(), AdamState.fresh(topology), keep);
		final JsonObject note = new JsonObject();
		note.addProperty("tau", tau == null ? "learned per layer" : tau.toString());
		note.addProperty("patches", patches);
		note.addProperty("seed", seed);
		return new SauronModel(smaller.spec(), smaller.weights(), model.metadata().prunedAfterTraining(note));
	}

	/** The learned per-layer taus of the last epoch, or the given tau for every layer. */
	static Map<String, Double> thresholds(final SauronModel model, final Double tau) {
		final Map<String, Double> t = new LinkedHashMap<>();
		final List<EpochRecord> history = model.metadata().history();
		final Map<String, Double> learned = history.isEmpty() ? Map.of() : history.get(history.size() - 1).thresholds();
		for (final Layer layer : model.topology().prunable()) {
			final Double value = tau != null ? tau : learned == null ? null : learned.get(layer.name());
			if (value == null)
				throw new IllegalArgumentException("the model has no learned threshold for " + layer.name() + " (trained without Sauron pruning); give a threshold tau");
			t.put(layer.name(), value);
		}
		return t;
	}

	private static int poolFactor(final SauronModel model) {
		return model.metadata().recordedTraining().sauronPoolFactor().orElse(SauronSettings.DEFAULTS.sf());
	}

	/** The images as sampler input: normalised, with all-background labels (the criterion needs none). */
	private static List<TrainingPair> unlabelled(final List<Volume> images, final SauronModel model) {
		final List<TrainingPair> pairs = new ArrayList<>();
		int i = 0;
		for (final Volume image : images) {
			final String name = "image " + (++i);
			model.spec().checkImage(name, image.shape(), image.channels());
			pairs.add(new TrainingPair(name, ZScoreNormalisation.normalise(image, name), LabelVolume.zeros(image.shape(), image.voxelSize()), model.spec().classes()));
		}
		return pairs;
	}
}

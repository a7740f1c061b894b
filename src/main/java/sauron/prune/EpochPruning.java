package sauron.prune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import sauron.net.FeatureMaps;

/**
 * Sauron's decisions at the end of every epoch (SAURON.md sections 4-5): first each layer's threshold
 * schedule sees the loss history, then delta_prune on a batch of feature maps picks the filters to keep,
 * with a fresh random reference filter per layer and epoch.
 */
public final class EpochPruning {

	private final SauronSettings settings;
	private final Random random;
	private final Map<String, ThresholdSchedule> schedules = new LinkedHashMap<>();
	private final Map<String, Integer> widthBefore = new LinkedHashMap<>();
	private final Map<String, Integer> removed = new LinkedHashMap<>();

	public EpochPruning(final SauronSettings settings, final Iterable<String> prunableLayers, final long seed) {
		this.settings = settings;
		this.random = new Random(seed);
		for (final String layer : prunableLayers) {
			schedules.put(layer, new ThresholdSchedule(settings));
			removed.put(layer, 0);
		}
	}

	/**
	 * @param trainingLosses mean training loss of every epoch so far
	 * @param validationLosses validation loss of every epoch so far (NaN without validation)
	 * @param maps the feature maps of every prunable layer for one batch of training patches
	 * @return the filters each layer keeps
	 */
	public Map<String, boolean[]> epochEnded(final List<Double> trainingLosses, final List<Double> validationLosses, final Map<String, FeatureMaps> maps) {
		final Map<String, boolean[]> keep = new LinkedHashMap<>();
		for (final Map.Entry<String, ThresholdSchedule> e : schedules.entrySet()) {
			final String layer = e.getKey();
			final FeatureMaps m = maps.get(layer);
			if (m == null) throw new IllegalArgumentException("no feature maps for layer " + layer);
			final int width = m.channels();
			e.getValue().epochEnded(trainingLosses, validationLosses, widthBefore.getOrDefault(layer, width), removed.get(layer));
			final int reference = random.nextInt(width);
			final boolean[] k = PruningCriterion.keep(PruningCriterion.deltaPrune(m.values(), m.shape(), reference, settings.sf()), e.getValue().tau(), reference);
			int kept = 0;
			for (final boolean b : k) if (b) kept++;
			widthBefore.put(layer, width);
			removed.put(layer, width - kept);
			keep.put(layer, k);
		}
		return keep;
	}

	/** Each layer's current threshold tau. */
	public Map<String, Double> thresholds() {
		final Map<String, Double> tau = new LinkedHashMap<>();
		schedules.forEach((layer, s) -> tau.put(layer, s.tau()));
		return tau;
	}
}

package sauron.prune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import sauron.net.FeatureMaps;

/**
 * Sauron's decisions in every pruning round (docs/SAURON.md sections 4-5): first each layer's threshold
 * schedule moves (on a loss plateau, or on the clock), then delta_prune, averaged over the given batches of
 * feature maps against one random reference filter per layer and round, picks the filters to remove, within
 * the criterion's floor and cap. With compensation on, each removed map's fit onto the reference goes with
 * the cut.
 */
public final class PruningRounds {

	private final SauronSettings settings;
	private final Random random;
	private final Map<String, ThresholdSchedule> schedules = new LinkedHashMap<>();
	private final Map<String, Integer> widthBefore = new LinkedHashMap<>();
	private final Map<String, Integer> removed = new LinkedHashMap<>();

	public PruningRounds(final SauronSettings settings, final Iterable<String> prunableLayers, final long seed) {
		this.settings = settings;
		this.random = new Random(seed);
		for (final String layer : prunableLayers) {
			schedules.put(layer, new ThresholdSchedule(settings));
			removed.put(layer, 0);
		}
	}

	/**
	 * @param round this round, 1-based
	 * @param rounds the rounds in the whole run (for the clock)
	 * @param trainingLosses mean training loss of every round so far (for the plateau test)
	 * @param validationLosses validation loss of every round so far (NaN or empty without validation)
	 * @param batches the feature maps of every prunable layer, one map per batch of training patches, already
	 *          average-pooled by sf ({@code TrainingGraph.pooledPrunableFeatureMaps}); compensation fits on them
	 * @return each layer's cut (possibly removing nothing)
	 */
	public Map<String, LayerCut> roundEnded(final int round, final int rounds, final List<Double> trainingLosses, final List<Double> validationLosses,
			final List<Map<String, FeatureMaps>> batches) {
		final Map<String, LayerCut> cuts = new LinkedHashMap<>();
		for (final Map.Entry<String, ThresholdSchedule> e : schedules.entrySet()) {
			final String layer = e.getKey();
			final List<FeatureMaps> maps = new ArrayList<>();
			for (final Map<String, FeatureMaps> batch : batches) {
				final FeatureMaps m = batch.get(layer);
				if (m == null) throw new IllegalArgumentException("no feature maps for layer " + layer);
				maps.add(m);
			}
			final int width = maps.get(0).channels();
			final ThresholdSchedule schedule = e.getValue();
			if (settings.rounds().plateau()) schedule.epochEnded(trainingLosses, validationLosses, widthBefore.getOrDefault(layer, width), removed.get(layer));
			else schedule.clockTicked(round, rounds, widthBefore.getOrDefault(layer, width), removed.get(layer));
			final LayerCut cut = cut(maps, random.nextInt(width), schedule.tau(), settings, 1);
			widthBefore.put(layer, width);
			removed.put(layer, width - cut.kept());
			cuts.put(layer, cut);
		}
		return cuts;
	}

	/**
	 * One layer's cut: delta_prune averaged over the batches against {@code reference}, the filters below tau
	 * removed within the criterion's floor and cap, and with compensation on, each removed map's fit onto the
	 * maps that stay.
	 */
	public static LayerCut cut(final List<FeatureMaps> maps, final int reference, final double tau, final SauronSettings settings) {
		return cut(maps, reference, tau, settings, settings.sf());
	}

	/** @param sf the pooling still to apply: 1 for maps already pooled by sf */
	private static LayerCut cut(final List<FeatureMaps> maps, final int reference, final double tau, final SauronSettings settings, final int sf) {
		final SauronSettings.Criterion c = settings.criterion();
		final boolean[] keep = PruningCriterion.keep(PruningCriterion.deltaPrune(maps, reference, sf), tau, reference, c.minFilters(), c.maxShare());
		return FilterCompensation.cut(maps, keep, reference, c.compensation());
	}

	/** Each layer's current threshold tau. */
	public Map<String, Double> thresholds() {
		final Map<String, Double> tau = new LinkedHashMap<>();
		schedules.forEach((layer, s) -> tau.put(layer, s.tau()));
		return tau;
	}
}

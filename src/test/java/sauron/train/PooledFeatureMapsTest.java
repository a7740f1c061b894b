package sauron.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import sauron.net.AdamState;
import sauron.net.ConvForm;
import sauron.net.FeatureMaps;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.prune.PruningCriterion;

/** The criterion reads maps pooled in the graph: delta_prune on them equals delta_prune pooling the full maps itself. */
class PooledFeatureMapsTest {

	@Test
	void deltaPruneOnGraphPooledMapsEqualsDeltaPruneOnFullMaps() {
		check(UNetSpec.create(2, 3, 4, 16, 1, 2), new int[] { 16, 16 }, ConvForm.PORTABLE);
		check(UNetSpec.create(3, 3, 4, 16, 1, 2), new int[] { 8, 8, 8 }, ConvForm.PORTABLE);
	}

	private static void check(final UNetSpec spec, final int[] patch, final ConvForm form) {
		final Topology topology = new Topology(spec);
		final TinyBatches data = new TinyBatches(2, patch, 7);
		final int sf = 2;
		try (TrainingGraph g = new TrainingGraph(topology, Weights.heNormal(topology, 3), AdamState.fresh(topology), 2, patch, form, 1e-5f, 0.5f, sf)) {
			final Map<String, FeatureMaps> full = g.prunableFeatureMaps(data.images), pooled = g.pooledPrunableFeatureMaps(data.images);
			for (final String layer : full.keySet()) {
				final FeatureMaps f = full.get(layer), p = pooled.get(layer);
				for (final int reference : new int[] { 0, f.channels() - 1 })
					assertArrayEquals(PruningCriterion.deltaPrune(f.values(), f.shape(), reference, sf), PruningCriterion.deltaPrune(p.values(), p.shape(), reference, 1),
							1e-4, layer + ", reference " + reference);
			}
		}
	}
}

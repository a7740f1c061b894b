package sauron.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import sauron.net.AdamState;
import sauron.net.FeatureMaps;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.prune.PruningCriterion;

/** The criterion reads maps pooled in the graph: delta_prune on them equals delta_prune pooling the full maps itself. */
class PooledFeatureMapsTest {

	@Test
	void deltaPruneOnGraphPooledMapsEqualsDeltaPruneOnFullMaps() {
		check(UNetSpec.create(2, 3, 4, 16, 1, 2), new int[] { 16, 16 });
		check(UNetSpec.create(3, 3, 4, 16, 1, 2), new int[] { 8, 8, 8 });
	}

	@Test
	void aTrainingStepHandsBackThePooledMapsOfItsForwardPassBeforeTheUpdate() {
		final UNetSpec spec = UNetSpec.create(2, 3, 4, 16, 1, 2);
		final Topology topology = new Topology(spec);
		final int[] patch = { 16, 16 };
		final TinyBatches data = new TinyBatches(2, patch, 7);
		try (TrainingGraph g = new TrainingGraph(topology, Weights.heNormal(topology, 3), AdamState.fresh(topology), 2, patch, 1e-5f, 0.5f, 2)) {
			final Map<String, FeatureMaps> before = g.pooledPrunableFeatureMaps(data.images);
			final TrainingGraph.Step step = g.step(data.images, data.labels, 1e-2f, true);
			assertEquals(before.keySet(), step.pooledMaps().keySet());
			for (final String layer : before.keySet())
				assertArrayEquals(before.get(layer).values(), step.pooledMaps().get(layer).values(), 1e-5f, layer);
			// The update happened: the same images now give other maps, and a plain step copies none.
			final Map<String, FeatureMaps> after = g.pooledPrunableFeatureMaps(data.images);
			final String first = before.keySet().iterator().next();
			assertEquals(false, java.util.Arrays.equals(before.get(first).values(), after.get(first).values()));
			assertNull(g.step(data.images, data.labels, 1e-2f, false).pooledMaps());
		}
	}

	private static void check(final UNetSpec spec, final int[] patch) {
		final Topology topology = new Topology(spec);
		final TinyBatches data = new TinyBatches(2, patch, 7);
		final int sf = 2;
		try (TrainingGraph g = new TrainingGraph(topology, Weights.heNormal(topology, 3), AdamState.fresh(topology), 2, patch, 1e-5f, 0.5f, sf)) {
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

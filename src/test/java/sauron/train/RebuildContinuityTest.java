package sauron.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import sauron.net.AdamState;
import sauron.net.Layer;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.prune.FilterRemoval;
import sauron.prune.PrunedNetwork;

/**
 * Sauron rebuilds the training graph after every pruning. A rebuild that removes nothing must continue
 * training as if there had been none (weights, Adam moments and step count carried over), or every pruning
 * would disturb training beyond the filters it removes.
 */
class RebuildContinuityTest {

	@Test
	void rebuildingAfterEveryStepWithoutRemovingAnythingTrainsLikeNeverRebuilding() {
		final UNetSpec spec = UNetSpec.create(2, 3, 4, 16, 1, 2);
		final Topology topology = new Topology(spec);
		final int[] patch = { 16, 16 };
		final TinyBatches data = new TinyBatches(2, patch, 7);
		final Weights start = Weights.heNormal(topology, 3);
		final int steps = 6;

		final Weights straight;
		final float straightLoss;
		try (TrainingGraph g = graph(topology, start, AdamState.fresh(topology), patch)) {
			float loss = 0;
			for (int i = 0; i < steps; i++) loss = g.step(data.images, data.labels, 1e-3f);
			straight = g.weights();
			straightLoss = loss;
		}

		final Map<String, boolean[]> keepAll = new HashMap<>();
		for (final Layer l : topology.prunable()) keepAll.put(l.name(), all(l.outChannels()));
		Weights w = start;
		AdamState adam = AdamState.fresh(topology);
		float loss = 0;
		for (int i = 0; i < steps; i++)
			try (TrainingGraph g = graph(topology, w, adam, patch)) {
				loss = g.step(data.images, data.labels, 1e-3f);
				final PrunedNetwork same = FilterRemoval.remove(spec, g.weights(), g.adamState(), keepAll);
				w = same.weights();
				adam = same.adam();
			}
		assertEquals(straightLoss, loss, 1e-5);
		for (final String name : straight.all().keySet()) {
			final float[] a = straight.get(name).values(), b = w.get(name).values();
			for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5, name + "[" + i + "]");
		}
		assertEquals(steps, adam.step());
	}

	private static TrainingGraph graph(final Topology t, final Weights w, final AdamState adam, final int[] patch) {
		return new TrainingGraph(t, w, adam, 2, patch, 1e-5f, 0.5f, 2);
	}

	private static boolean[] all(final int n) {
		final boolean[] b = new boolean[n];
		java.util.Arrays.fill(b, true);
		return b;
	}
}

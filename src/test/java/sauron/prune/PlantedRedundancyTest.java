package sauron.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import sauron.net.AdamState;
import sauron.prune.FilterCompensation.Compensation;
import sauron.net.FeatureMaps;
import sauron.net.InferenceGraph;
import sauron.net.Layer;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/**
 * A network with planted redundant filters (copies of a reference filter) loses exactly those, and with
 * compensation its output does not change; without compensation it does.
 */
class PlantedRedundancyTest {

	private static final UNetSpec SPEC = UNetSpec.create(2, 3, 8, 32, 1, 2);
	private static final int[] TILE = { 32, 32 };
	private static final int BATCH = 2;
	/** Per layer: the reference filter and its planted copies. */
	private static final int REFERENCE = 1;
	private static final int[] COPIES = { 3, 6 };
	/**
	 * A transposed conv has no norm after it: copies scaled by this are exact affine copies of the reference,
	 * which compensation folds exactly (the raw-map criterion does not see them as redundant).
	 */
	private static final float UPCONV_SCALE = 2.5f;

	private static final SauronSettings NO_LIMITS = SauronSettings.DEFAULTS.withCriterion(new SauronSettings.Criterion(2, 1, 1, Compensation.REFERENCE));

	@Test
	void theCriterionRemovesExactlyThePlantedCopies() {
		final Topology topology = new Topology(SPEC);
		final Map<String, LayerCut> cuts = cuts(topology, planted(topology, 1), NO_LIMITS);
		for (final Map.Entry<String, LayerCut> e : cuts.entrySet()) {
			final boolean[] expected = new boolean[e.getValue().keep().length];
			java.util.Arrays.fill(expected, true);
			for (final int c : COPIES) expected[c] = false;
			assertArrayEquals(expected, e.getValue().keep(), e.getKey());
		}
	}

	@Test
	void compensatedRemovalLeavesTheOutputUnchanged() {
		final Topology topology = new Topology(SPEC);
		final Weights weights = planted(topology, UPCONV_SCALE);
		final Map<String, LayerCut> cuts = copiesRemoved(topology, weights);
		final LayerCut up = cuts.get("up0");
		for (final int c : COPIES) {
			assertEquals(UPCONV_SCALE, up.weights()[c][REFERENCE], 1e-3, "fitted scale of up0's copy " + c);
			assertEquals(0, up.offset()[c], 1e-3, "fitted offset of up0's copy " + c);
		}
		final float[] tiles = randomTiles(7);
		final float[] before = predict(topology, weights, tiles);
		final float[] compensated = predict(removed(topology, FilterCompensation.fold(topology, weights, cuts), cuts), tiles);
		final float[] dropped = predict(removed(topology, weights, cuts), tiles);
		double maxCompensated = 0, maxDropped = 0;
		for (int i = 0; i < before.length; i++) {
			maxCompensated = Math.max(maxCompensated, Math.abs(before[i] - compensated[i]));
			maxDropped = Math.max(maxDropped, Math.abs(before[i] - dropped[i]));
		}
		assertTrue(maxCompensated < 1e-4, "compensated removal changed a probability by " + maxCompensated);
		assertTrue(maxDropped > 1e-2, "dropping the copies should change the output; it changed it by " + maxDropped);
	}

	@Test
	void theReferenceFitRecoversAnAffineCopyOfTheReference() {
		final FeatureMaps maps = combinations(new Random(3), false);
		final LayerCut cut = FilterCompensation.cut(List.of(maps), new boolean[] { true, false, true, false }, 0, Compensation.REFERENCE);
		assertArrayEquals(new double[] { -0.75, 0, 0, 0 }, cut.weights()[1], 1e-5);
		assertEquals(2, cut.offset()[1], 1e-5);
		assertEquals(null, cut.weights()[0], "kept filters have no fit");
	}

	@Test
	void theKeptFitRecoversACombinationOfSeveralKeptMaps() {
		final FeatureMaps maps = combinations(new Random(4), true);
		final LayerCut cut = FilterCompensation.cut(List.of(maps), new boolean[] { true, true, true, false }, 0, Compensation.KEPT);
		assertArrayEquals(new double[] { 0.5, -1, 0, 0 }, cut.weights()[3], 2e-3, "channel 3 = 0.5 * ch0 - ch1 + 1 (ridge shrinks it a little)");
		assertEquals(1, cut.offset()[3], 2e-3);
		final LayerCut reference = FilterCompensation.cut(List.of(maps), new boolean[] { true, true, true, false }, 0, Compensation.REFERENCE);
		assertEquals(0, reference.weights()[3][1], "the reference fit reads the reference alone");
	}

	@Test
	void aKeptFitWithFewerThanTenVoxelsPerUnknownFitsOnTheReferenceAlone() {
		final FeatureMaps all = combinations(new Random(5), true);
		// 30 voxels for 3 kept maps and a constant: too few for the fit on every kept map.
		final FeatureMaps few = new FeatureMaps(java.util.Arrays.copyOf(all.values(), 30 * 4), new long[] { 1, 5, 6, 4 });
		final boolean[] keep = { true, true, true, false };
		final LayerCut cut = FilterCompensation.cut(List.of(few), keep, 0, Compensation.KEPT);
		assertArrayEquals(FilterCompensation.cut(List.of(few), keep, 0, Compensation.REFERENCE).weights()[3], cut.weights()[3], 1e-12);
		assertEquals(0, cut.weights()[3][1]);
	}

	/**
	 * Four channels over 400 voxels: 0 and 2 random; 1 = -0.75 * ch0 + 2, or random when {@code independent};
	 * 3 = 0.5 * ch0 - ch1 + 1.
	 */
	private static FeatureMaps combinations(final Random random, final boolean independent) {
		final int voxels = 400;
		final float[] v = new float[voxels * 4];
		for (int i = 0; i < voxels; i++) {
			v[i * 4] = (float) random.nextGaussian();
			v[i * 4 + 1] = independent ? (float) random.nextGaussian() : -0.75f * v[i * 4] + 2;
			v[i * 4 + 2] = (float) random.nextGaussian();
			v[i * 4 + 3] = 0.5f * v[i * 4] - v[i * 4 + 1] + 1;
		}
		return new FeatureMaps(v, new long[] { 1, 20, 20, 4 });
	}

	/**
	 * He-initialised weights in which every prunable layer's filters COPIES repeat filter REFERENCE: with other
	 * biases in blocks (instance norm removes them), scaled by {@code upconvScale} in transposed convs.
	 */
	private static Weights planted(final Topology topology, final float upconvScale) {
		final Weights w = Weights.heNormal(topology, 11);
		final Random random = new Random(2);
		for (final Layer layer : topology.prunable()) {
			final float[] kernel = w.get(layer.kernelName()).values(), bias = w.get(layer.biasName()).values();
			final int out = layer.outChannels();
			final boolean upconv = layer.kind() == Layer.Kind.UPCONV;
			for (final int c : COPIES) {
				for (int i = 0; i < kernel.length / out; i++) kernel[i * out + c] = (upconv ? upconvScale : 1) * kernel[i * out + REFERENCE];
				// Instance norm removes a block's bias; a transposed conv's map is scaled with its bias.
				bias[c] = upconv ? upconvScale * bias[REFERENCE] : (float) random.nextGaussian();
			}
		}
		return w;
	}

	/** Sauron's cut of every prunable layer against the reference, on two batches of random tiles. */
	private static Map<String, LayerCut> cuts(final Topology topology, final Weights weights, final SauronSettings settings) {
		final Map<String, LayerCut> cuts = new LinkedHashMap<>();
		maps(topology, weights).forEach((layer, maps) -> cuts.put(layer, PruningRounds.cut(maps, REFERENCE, 0.01, settings)));
		return cuts;
	}

	/** Cuts that remove the copies, with their maps' fits onto the reference. */
	private static Map<String, LayerCut> copiesRemoved(final Topology topology, final Weights weights) {
		final Map<String, LayerCut> cuts = new LinkedHashMap<>();
		maps(topology, weights).forEach((layer, maps) -> {
			final boolean[] keep = new boolean[maps.get(0).channels()];
			java.util.Arrays.fill(keep, true);
			for (final int c : COPIES) keep[c] = false;
			cuts.put(layer, FilterCompensation.cut(maps, keep, REFERENCE, Compensation.REFERENCE));
		});
		return cuts;
	}

	private static Map<String, List<FeatureMaps>> maps(final Topology topology, final Weights weights) {
		final List<String> layers = topology.prunable().stream().map(Layer::name).toList();
		final List<Map<String, FeatureMaps>> batches;
		try (InferenceGraph net = new InferenceGraph(topology, weights)) {
			batches = List.of(net.featureMaps(layers, randomTiles(1), BATCH, TILE), net.featureMaps(layers, randomTiles(2), BATCH, TILE));
		}
		final Map<String, List<FeatureMaps>> maps = new LinkedHashMap<>();
		for (final String layer : layers) maps.put(layer, batches.stream().map(b -> b.get(layer)).toList());
		return maps;
	}

	private static Map.Entry<Topology, Weights> removed(final Topology topology, final Weights weights, final Map<String, LayerCut> cuts) {
		final Map<String, boolean[]> keep = new LinkedHashMap<>();
		cuts.forEach((layer, cut) -> keep.put(layer, cut.keep()));
		final PrunedNetwork p = FilterRemoval.remove(topology.spec(), weights, AdamState.fresh(topology), keep);
		return Map.entry(new Topology(p.spec()), p.weights());
	}

	private static float[] predict(final Map.Entry<Topology, Weights> net, final float[] tiles) {
		return predict(net.getKey(), net.getValue(), tiles);
	}

	private static float[] predict(final Topology topology, final Weights weights, final float[] tiles) {
		try (InferenceGraph net = new InferenceGraph(topology, weights)) {
			return net.predict(tiles, BATCH, TILE);
		}
	}

	private static float[] randomTiles(final long seed) {
		final Random random = new Random(seed);
		final float[] t = new float[BATCH * TILE[0] * TILE[1]];
		for (int i = 0; i < t.length; i++) t[i] = (float) random.nextGaussian();
		return t;
	}
}

package sauron.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import sauron.net.InferenceGraph;
import sauron.net.Layer;
import sauron.net.Param;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.net.AdamState;

/**
 * The pruned network computes what the original computes when the removed filters' outputs are ignored by
 * their consumers (zeroing a filter's own kernel would not do: instance norm would still shift it), and its
 * weights, moments and spec agree.
 */
class FilterRemovalTest {

	@Test
	void removingFiltersEqualsZeroingTheirConsumersIn2d() {
		// 4 levels: two heads, so dec1_1 feeds head1 as well as up0.
		checkEquivalence(UNetSpec.create(2, 4, 3, 12, 2, 3), new int[] { 16, 16 }, 2);
	}

	@Test
	void removingFiltersEqualsZeroingTheirConsumersIn3d() {
		checkEquivalence(UNetSpec.create(3, 3, 3, 12, 1, 2), new int[] { 8, 8, 8 }, 1);
	}

	private static void checkEquivalence(final UNetSpec spec, final int[] tile, final int batch) {
		final Topology topology = new Topology(spec);
		final Weights weights = Weights.heNormal(topology, 21);
		final Random random = new Random(5);
		final Map<String, boolean[]> keep = randomRemovals(topology, random);
		final PrunedNetwork pruned = FilterRemoval.remove(spec, weights, AdamState.fresh(topology), keep);
		assertPrunedComputesTheIgnoredOriginal(topology, weights, keep, new Topology(pruned.spec()), pruned.weights(), tile, batch, random);
	}

	/**
	 * The smaller network computes what the original computes with the removed filters ignored (their channels
	 * zeroed in every consumer), and the removals do change the original's output.
	 */
	static void assertPrunedComputesTheIgnoredOriginal(final Topology topology, final Weights weights, final Map<String, boolean[]> keep, final Topology smaller,
			final Weights smallerWeights, final int[] tile, final int batch, final Random random) {
		final Weights ignored = zeroRemovedInputs(topology, weights, keep);
		int voxels = batch * topology.spec().inputChannels();
		for (final int s : tile) voxels *= s;
		final float[] tiles = new float[voxels];
		for (int i = 0; i < tiles.length; i++) tiles[i] = (float) random.nextGaussian();
		final float[] full, zeroed, small;
		try (InferenceGraph a = new InferenceGraph(topology, weights);
				InferenceGraph b = new InferenceGraph(topology, ignored);
				InferenceGraph c = new InferenceGraph(smaller, smallerWeights)) {
			full = a.predict(tiles, batch, tile);
			zeroed = b.predict(tiles, batch, tile);
			small = c.predict(tiles, batch, tile);
		}
		double changed = 0;
		for (int i = 0; i < small.length; i++) {
			assertEquals(zeroed[i], small[i], 1e-5, "probability " + i);
			changed = Math.max(changed, Math.abs(full[i] - zeroed[i]));
		}
		assertTrue(changed > 1e-3, "the removals should change the original network's output, max change " + changed);
	}

	/** Removes filters from every prunable layer (encoder, skip providers, transposed convs, decoder, dec0_1). */
	private static Map<String, boolean[]> randomRemovals(final Topology topology, final Random random) {
		final Map<String, boolean[]> keep = new LinkedHashMap<>();
		for (final Layer layer : topology.prunable()) {
			final int n = layer.outChannels();
			final boolean[] k = new boolean[n];
			for (int j = 0; j < n; j++) k[j] = random.nextDouble() < 0.6;
			k[random.nextInt(n)] = true;
			k[random.nextInt(n)] = false;
			if (layer.name().startsWith("up0")) { // one layer down to its last filter
				Arrays.fill(k, false);
				k[n - 1] = true;
			}
			keep.put(layer.name(), k);
		}
		return keep;
	}

	/** The original weights with every consumer's input weights for removed channels set to 0, wired from Layer.inputs(). */
	static Weights zeroRemovedInputs(final Topology topology, final Weights weights, final Map<String, boolean[]> keep) {
		final Weights w = weights.copy();
		for (final Layer layer : topology.layers()) {
			final List<Boolean> inputs = new ArrayList<>();
			for (final String producer : layer.inputs()) {
				final int n = producer.equals(Layer.IMAGE) ? topology.spec().inputChannels() : topology.layer(producer).outChannels();
				for (int j = 0; j < n; j++) inputs.add(!keep.containsKey(producer) || keep.get(producer)[j]);
			}
			final float[] k = w.get(layer.kernelName()).values();
			final int in = layer.inChannels(), out = layer.outChannels();
			for (int t = 0; t < k.length / (in * out); t++)
				for (int i = 0; i < in; i++)
					if (!inputs.get(i)) for (int o = 0; o < out; o++) k[(t * in + i) * out + o] = 0;
		}
		return w;
	}

	@Test
	void consumerInputChannelsFollowTheConcatOffsets() {
		final UNetSpec spec = UNetSpec.create(2, 3, 3, 12, 1, 2); // enc0 3, enc1 6, enc2 12, up1 6, up0 3
		final Topology topology = new Topology(spec);
		final Weights marked = markedWeights(topology);
		final Map<String, boolean[]> keep = new LinkedHashMap<>();
		keep.put("enc0_1", new boolean[] { true, false, true });
		keep.put("up0", new boolean[] { false, true, true });
		keep.put("dec0_1", new boolean[] { true, true, false });
		keep.put("enc2_1", mask(12, 0, 11));
		final Weights w = FilterRemoval.remove(spec, marked, AdamState.fresh(topology), keep).weights();
		// enc0_1 is the skip of dec0_0 (offset 0), up0 its up-path (offset 3).
		assertChannels(w, "dec0_0", 2, new int[] { 0, 2, 4, 5 }, range(3));
		assertChannels(w, "enc1_0", 2, new int[] { 0, 2 }, range(6));
		assertChannels(w, "enc0_1", 2, range(3), new int[] { 0, 2 });
		assertChannels(w, "up0", 2, range(6), new int[] { 1, 2 });
		assertChannels(w, "head0", 2, new int[] { 0, 1 }, range(2));
		assertChannels(w, "dec0_1", 2, range(3), new int[] { 0, 1 });
		assertChannels(w, "up1", 2, without(12, 0, 11), range(6));
		assertArrayEquals(new float[] { 10, 12 }, w.get("enc0_1/bias").values());
	}

	/** Kernel value = 1000 * input index + output index, bias value = 10 + output index. */
	private static Weights markedWeights(final Topology topology) {
		final Map<String, Param> p = new LinkedHashMap<>();
		for (final Layer layer : topology.layers()) {
			final Param k = Param.zeros(layer.kernelShape());
			final int in = layer.inChannels(), out = layer.outChannels();
			for (int v = 0; v < k.values().length; v++) k.values()[v] = 1000 * ((v / out) % in) + v % out;
			final Param b = Param.zeros(new long[] { out });
			for (int o = 0; o < out; o++) b.values()[o] = 10 + o;
			p.put(layer.kernelName(), k);
			p.put(layer.biasName(), b);
		}
		return new Weights(p);
	}

	private static void assertChannels(final Weights w, final String layer, final int dims, final int[] in, final int[] out) {
		final Param k = w.get(layer + "/kernel");
		assertEquals(in.length, k.shape()[dims], layer + " inputs");
		assertEquals(out.length, k.shape()[dims + 1], layer + " outputs");
		for (int v = 0; v < k.values().length; v++) {
			final int i = (v / out.length) % in.length, o = v % out.length;
			assertEquals(1000 * in[i] + out[o], k.values()[v], layer + " kernel entry " + v);
		}
	}

	private static boolean[] mask(final int n, final int... removed) {
		final boolean[] k = new boolean[n];
		Arrays.fill(k, true);
		for (final int r : removed) k[r] = false;
		return k;
	}

	private static int[] without(final int n, final int... removed) {
		final boolean[] k = mask(n, removed);
		final List<Integer> kept = new ArrayList<>();
		for (int j = 0; j < n; j++) if (k[j]) kept.add(j);
		return kept.stream().mapToInt(Integer::intValue).toArray();
	}

	private static int[] range(final int n) {
		return without(n);
	}

	@Test
	void momentsAreSlicedLikeTheWeightsAndShapesMatchTheNewTopology() {
		final UNetSpec spec = UNetSpec.create(3, 3, 4, 16, 1, 2);
		final Topology topology = new Topology(spec);
		final Weights w = Weights.heNormal(topology, 2);
		final AdamState adam = new AdamState(scaled(w, 2), scaled(w, 3), 17);
		final Map<String, boolean[]> keep = randomRemovals(topology, new Random(8));
		final PrunedNetwork pruned = FilterRemoval.remove(spec, w, adam, keep);
		final Topology small = new Topology(pruned.spec());
		pruned.weights().checkMatches(small);
		pruned.adam().firstMoment().checkMatches(small);
		pruned.adam().secondMoment().checkMatches(small);
		assertEquals(17, pruned.adam().step());
		for (final Map.Entry<String, boolean[]> e : keep.entrySet()) {
			int kept = 0;
			for (final boolean k : e.getValue()) if (k) kept++;
			assertEquals(kept, pruned.spec().width(e.getKey()), e.getKey());
		}
		for (final String name : pruned.weights().all().keySet()) {
			final float[] x = pruned.weights().get(name).values();
			final float[] m = pruned.adam().firstMoment().get(name).values(), v = pruned.adam().secondMoment().get(name).values();
			for (int i = 0; i < x.length; i++) {
				assertEquals(2 * x[i], m[i], name);
				assertEquals(3 * x[i], v[i], name);
			}
		}
		assertTrue(small.parameterCount() < topology.parameterCount());
		assertEquals(small.parameterCount(), pruned.weights().parameterCount());
	}

	private static Weights scaled(final Weights w, final float factor) {
		final Weights s = w.copy();
		for (final Param p : s.all().values()) for (int i = 0; i < p.values().length; i++) p.values()[i] *= factor;
		return s;
	}

	@Test
	void keepingEverythingChangesNothing() {
		final UNetSpec spec = UNetSpec.create(2, 3, 3, 12, 1, 2);
		final Topology topology = new Topology(spec);
		final Weights w = Weights.heNormal(topology, 4);
		final Map<String, boolean[]> keep = Map.of("enc1_0", mask(6), "up0", mask(3));
		final PrunedNetwork same = FilterRemoval.remove(spec, w, AdamState.fresh(topology), keep);
		assertEquals(spec, same.spec());
		for (final String name : w.all().keySet()) assertArrayEquals(w.get(name).values(), same.weights().get(name).values(), name);
	}

	@Test
	void impossibleRemovalsAreRejectedWithTheLayerNamed() {
		final UNetSpec spec = UNetSpec.create(2, 3, 3, 12, 1, 2);
		final Topology topology = new Topology(spec);
		final Weights w = Weights.heNormal(topology, 4);
		final AdamState adam = AdamState.fresh(topology);
		assertMessage(() -> FilterRemoval.remove(spec, w, adam, Map.of("head0", new boolean[] { true, false })), "head0");
		assertMessage(() -> FilterRemoval.remove(spec, w, adam, Map.of("enc0_0", new boolean[3])), "enc0_0");
		assertMessage(() -> FilterRemoval.remove(spec, w, adam, Map.of("enc1_1", new boolean[] { true })), "enc1_1");
		assertMessage(() -> FilterRemoval.remove(spec, w, adam, Map.of("enc9_0", new boolean[] { true })), "enc9_0");
	}

	private static void assertMessage(final Executable call, final String name) {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
		assertTrue(e.getMessage().contains(name), e.getMessage());
	}
}

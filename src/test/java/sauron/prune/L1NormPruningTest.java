package sauron.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Layer;
import sauron.net.Param;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/**
 * L1-norm filter pruning (Li et al. 2017) to given widths: each layer keeps exactly its k filters of largest
 * kernel L1 norm, the result is the baseline with the other filters' outputs ignored, and a target of another
 * architecture or an impossible width is refused with the layer or property named.
 */
class L1NormPruningTest {

	private static final UNetSpec SPEC = UNetSpec.create(2, 3, 4, 16, 1, 2); // enc0 4, enc1 8, enc2 16, up1 8, up0 4

	@Test
	void eachLayerKeepsItsTargetNumberOfFiltersThoseOfLargestKernelL1Norm() {
		final Random random = new Random(11);
		final Map<String, List<Integer>> norms = new LinkedHashMap<>();
		final SauronModel baseline = model(SPEC, withFilterNorms(new Topology(SPEC), norms, random));
		final Map<String, Integer> targets = new LinkedHashMap<>();
		for (final Map.Entry<String, Integer> e : SPEC.widths().entrySet()) targets.put(e.getKey(), 1 + random.nextInt(e.getValue()));
		final UNetSpec target = SPEC.withWidths(targets);

		final SauronModel pruned = L1NormPruning.prune(baseline, target);

		assertEquals(target.widths(), pruned.spec().widths());
		for (final String layer : SPEC.widths().keySet()) {
			// Each bias holds its filter's original index, so the pruned bias lists the filters kept, in order.
			final float[] kept = pruned.weights().get(layer + "/bias").values();
			assertArrayEquals(largest(norms.get(layer), targets.get(layer)), kept, layer + " with norms " + norms.get(layer));
		}
	}

	/**
	 * Kernels in which filter j has L1 norm norms.get(layer).get(j) (a shuffled 1..n, spread over every entry with
	 * random signs) and bias j.
	 */
	private static Weights withFilterNorms(final Topology topology, final Map<String, List<Integer>> norms, final Random random) {
		final Weights w = Weights.heNormal(topology, 1);
		for (final Layer layer : topology.prunable()) {
			final int out = layer.outChannels();
			final List<Integer> n = new ArrayList<>();
			for (int j = 1; j <= out; j++) n.add(j);
			Collections.shuffle(n, random);
			norms.put(layer.name(), n);
			final float[] k = w.get(layer.kernelName()).values();
			final int perFilter = k.length / out;
			for (int i = 0; i < k.length; i++) k[i] = (random.nextBoolean() ? 1 : -1) * n.get(i % out) / (float) perFilter;
			final float[] b = w.get(layer.biasName()).values();
			for (int j = 0; j < out; j++) b[j] = j;
		}
		return w;
	}

	/** Indices of the k largest values, ascending. */
	private static float[] largest(final List<Integer> norms, final int k) {
		final List<Integer> order = new ArrayList<>();
		for (int j = 0; j < norms.size(); j++) order.add(j);
		order.sort((a, b) -> norms.get(b) - norms.get(a));
		final List<Integer> top = new ArrayList<>(order.subList(0, k));
		Collections.sort(top);
		final float[] f = new float[k];
		for (int i = 0; i < k; i++) f[i] = top.get(i);
		return f;
	}

	@Test
	void theNormIsTheSumOfAbsoluteKernelValuesNotTheLargestValueTheL2NormOrTheBias() {
		final Topology topology = new Topology(SPEC);
		final Weights w = Weights.heNormal(topology, 2);
		final Param kernel = w.get("enc0_1/kernel"); // 3x3 taps x 4 inputs x 4 filters: 36 entries per filter
		final float[] k = kernel.values();
		for (int i = 0; i < k.length; i++) {
			final int filter = i % 4, entry = i / 4;
			k[i] = switch (filter) {
			case 0 -> entry == 0 ? -3f : 0f; // L1 3, the largest single value and L2 norm of all
			case 1 -> entry % 2 == 0 ? 0.1f : -0.1f; // L1 3.6, L2 0.6
			case 2 -> 0.05f; // L1 1.8, but a large bias
			default -> -0.09f; // L1 3.24
			};
		}
		w.get("enc0_1/bias").values()[2] = 100;
		assertArrayEquals(new double[] { 3, 3.6, 1.8, 3.24 }, L1NormPruning.filterNorms(kernel), 1e-5);

		final boolean[] keep = L1NormPruning.keepMasks(model(SPEC, w), Map.of("enc0_1", 2)).get("enc0_1");
		assertArrayEquals(new boolean[] { false, true, false, true }, keep);
	}

	@Test
	void equalNormsKeepTheLowerIndexSoTheResultIsDeterministic() {
		final Weights w = Weights.heNormal(new Topology(SPEC), 3);
		java.util.Arrays.fill(w.get("enc0_0/kernel").values(), 0.5f);
		assertArrayEquals(new boolean[] { true, true, false, false }, L1NormPruning.keepMasks(model(SPEC, w), Map.of("enc0_0", 2)).get("enc0_0"));
	}

	@Test
	void thePrunedNetworkComputesWhatTheBaselineComputesWithTheRemovedFiltersIgnoredIn2d() {
		// 4 levels: two heads, so dec1_1 feeds head1 as well as up0.
		checkEquivalence(UNetSpec.create(2, 4, 3, 12, 2, 3), new int[] { 16, 16 }, 2);
	}

	@Test
	void thePrunedNetworkComputesWhatTheBaselineComputesWithTheRemovedFiltersIgnoredIn3d() {
		checkEquivalence(UNetSpec.create(3, 3, 3, 12, 1, 2), new int[] { 8, 8, 8 }, 1);
	}

	/**
	 * Ignoring a removed filter = zeroing its channel in every consumer's kernel (zeroing the filter itself would
	 * not do: instance norm would still shift it), as in {@link FilterRemovalTest}.
	 */
	private static void checkEquivalence(final UNetSpec spec, final int[] tile, final int batch) {
		final Topology topology = new Topology(spec);
		final Weights weights = Weights.heNormal(topology, 21);
		final SauronModel baseline = model(spec, weights);
		final Random random = new Random(5);
		final Map<String, Integer> targets = new LinkedHashMap<>();
		for (final Map.Entry<String, Integer> e : spec.widths().entrySet()) targets.put(e.getKey(), 1 + random.nextInt(e.getValue()));
		final SauronModel pruned = L1NormPruning.prune(baseline, spec.withWidths(targets));
		FilterRemovalTest.assertPrunedComputesTheIgnoredOriginal(topology, weights, L1NormPruning.keepMasks(baseline, targets), pruned.topology(), pruned.weights(),
				tile, batch, random);
	}

	@Test
	void theResultIsAnOrdinaryModelThatSavesLoadsAndSaysHowItWasPruned(@TempDir final Path tmp) throws IOException {
		final SauronModel baseline = model(SPEC, Weights.heNormal(new Topology(SPEC), 4));
		final float[] before = baseline.weights().get("enc1_0/kernel").values().clone();
		final SauronModel pruned = L1NormPruning.prune(baseline, SPEC.withWidths(Map.of("enc1_0", 3, "dec0_1", 1)));
		assertArrayEquals(before, baseline.weights().get("enc1_0/kernel").values(), "the baseline is not changed");
		assertEquals(16, baseline.spec().width("enc2_1"));

		ModelStore.save(pruned, tmp.resolve("l1"));
		final SauronModel loaded = ModelStore.load(tmp.resolve("l1"));
		assertEquals(pruned.spec(), loaded.spec());
		assertArrayEquals(pruned.weights().get("enc1_0/kernel").values(), loaded.weights().get("enc1_0/kernel").values());
		final JsonObject note = loaded.metadata().training().getAsJsonObject("pruned_after_training");
		assertTrue(note.get("criterion").getAsString().contains("L1"), note.toString());
		assertEquals(3, note.getAsJsonObject("widths").get("enc1_0").getAsInt());
	}

	@Test
	void aTargetOfAnotherArchitectureIsRefusedWithTheDifferenceNamed() {
		final SauronModel baseline = model(SPEC, Weights.heNormal(new Topology(SPEC), 5));
		assertMessage(() -> L1NormPruning.prune(baseline, UNetSpec.create(3, 3, 4, 16, 1, 2)), "another architecture", "dims: target 3, baseline 2");
		assertMessage(() -> L1NormPruning.prune(baseline, UNetSpec.create(2, 4, 4, 16, 1, 2)), "another architecture", "levels: target 4, baseline 3");
		assertMessage(() -> L1NormPruning.prune(baseline, UNetSpec.create(2, 3, 4, 16, 2, 2)), "input channels: target 2, baseline 1");
		assertMessage(() -> L1NormPruning.prune(baseline, UNetSpec.create(2, 3, 4, 16, 1, 3)), "classes: target 3, baseline 2");
	}

	@Test
	void aTargetWidthAboveTheBaselinesOrBelowOneOrForAnUnknownLayerIsRefused() {
		final SauronModel baseline = model(SPEC, Weights.heNormal(new Topology(SPEC), 6));
		assertMessage(() -> L1NormPruning.prune(baseline, SPEC.withWidths(Map.of("enc2_1", 17))), "enc2_1", "17", "1..16", "baseline's width");
		assertMessage(() -> L1NormPruning.prune(baseline, Map.of("up0", 0)), "up0", "0", "1..4");
		assertMessage(() -> L1NormPruning.prune(baseline, Map.of("enc9_0", 1)), "enc9_0", "not a prunable layer");
		assertMessage(() -> L1NormPruning.prune(baseline, Map.of("head0", 1)), "head0", "not a prunable layer");
	}

	private static SauronModel model(final UNetSpec spec, final Weights w) {
		final double[] voxel = new double[spec.dims()];
		java.util.Arrays.fill(voxel, 1);
		return new SauronModel(spec, w, new ModelMetadata("zscore per image", voxel, spec.dims() == 2 ? new int[] { 32, 32 } : new int[] { 8, 8, 8 },
				new JsonObject(), List.of()));
	}

	private static void assertMessage(final Executable call, final String... fragments) {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
		for (final String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' in " + e.getMessage());
	}
}

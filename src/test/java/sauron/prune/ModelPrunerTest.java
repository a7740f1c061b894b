package sauron.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import sauron.data.Volume;
import sauron.model.ModelMetadata;
import sauron.model.SauronModel;
import sauron.net.Layer;
import sauron.net.Param;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

class ModelPrunerTest {

	/** A random 2D net in which every filter of enc0_1 is a copy of filter 0: same kernel, same bias, same maps. */
	static SauronModel withDuplicates() {
		final UNetSpec spec = UNetSpec.create(2, 3, 8, 32, 1, 2);
		final Topology topology = new Topology(spec);
		final Weights w = Weights.heNormal(topology, 3);
		final Layer layer = topology.layer("enc0_1");
		final Param kernel = w.get(layer.kernelName());
		final int out = layer.outChannels();
		for (int i = 0; i < kernel.values().length; i += out)
			for (int c = 1; c < out; c++) kernel.values()[i + c] = kernel.values()[i];
		return new SauronModel(spec, w, new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 32, 32 }, new JsonObject(), List.of()));
	}

	static Volume noise(final long seed) {
		final Random r = new Random(seed);
		final float[] f = new float[48 * 40];
		for (int i = 0; i < f.length; i++) f[i] = (float) r.nextGaussian();
		return new Volume(new int[] { 48, 40 }, 1, f, new double[] { 1, 1 });
	}

	@Test
	void filtersWhoseMapsDuplicateTheReferenceAreRemovedAtASmallThreshold() {
		final SauronModel model = withDuplicates();
		final SauronModel pruned = ModelPruner.prune(model, List.of(noise(1)), 1e-4, 4, 7);
		assertEquals(1, pruned.spec().width("enc0_1"), "of eight identical filters only the reference stays");
		for (final String layer : model.spec().widths().keySet())
			if (!layer.equals("enc0_1")) assertEquals(model.spec().width(layer), pruned.spec().width(layer), layer + " has no redundant filter");
		assertTrue(pruned.topology().parameterCount() < model.topology().parameterCount());
	}

	@Test
	void theInputModelIsNotChanged() {
		final SauronModel model = withDuplicates();
		final float[] before = model.weights().get("enc0_1/kernel").values().clone();
		ModelPruner.prune(model, List.of(noise(1)), 0.5, 2, 7);
		assertEquals(8, model.spec().width("enc0_1"));
		org.junit.jupiter.api.Assertions.assertArrayEquals(before, model.weights().get("enc0_1/kernel").values());
	}
}

package sauron.prune;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import sauron.net.Layer;
import sauron.net.Param;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.net.AdamState;

/**
 * Removes filters from a U-Net (docs/SAURON.md section 6): output channel j of layer l leaves l's kernel and bias,
 * and the matching input channel leaves every consumer of l at its concat offset (next block, strided conv,
 * transposed conv, the decoder block taking l as skip or up-path, the heads). The weights and both Adam
 * moments are sliced with the same masks, so training continues with the smaller, dense network.
 */
public final class FilterRemoval {

	private FilterRemoval() {}

	/**
	 * @param keep per prunable layer, which of its filters stay (length = its width, at least one true);
	 *          layers left out keep all their filters
	 */
	public static PrunedNetwork remove(final UNetSpec spec, final Weights weights, final AdamState adam, final Map<String, boolean[]> keep) {
		final Topology topology = new Topology(spec);
		weights.checkMatches(topology);
		adam.firstMoment().checkMatches(topology);
		adam.secondMoment().checkMatches(topology);
		final Map<String, Integer> widths = new LinkedHashMap<>();
		for (final Map.Entry<String, boolean[]> e : keep.entrySet()) widths.put(e.getKey(), checkedCount(topology, e.getKey(), e.getValue()));
		final Masks masks = new Masks(topology, keep);
		return new PrunedNetwork(spec.withWidths(widths), masks.slice(weights),
				new AdamState(masks.slice(adam.firstMoment()), masks.slice(adam.secondMoment()), adam.step()));
	}

	private static int checkedCount(final Topology topology, final String name, final boolean[] keep) {
		final Layer layer = topology.layer(name);
		if (!layer.prunable()) throw new IllegalArgumentException(name + " is not prunable: its outputs are the classes");
		if (keep.length != layer.outChannels())
			throw new IllegalArgumentException("keep mask for " + name + " has " + keep.length + " entries, the layer has " + layer.outChannels() + " filters");
		int n = 0;
		for (final boolean k : keep) if (k) n++;
		if (n == 0) throw new IllegalArgumentException("keep mask for " + name + " removes all " + keep.length + " filters; a layer keeps at least one");
		return n;
	}

	/** Which input and output channels of every layer's kernel stay. */
	private static final class Masks {

		private final Topology topology;
		private final Map<String, boolean[]> in = new LinkedHashMap<>(), out = new LinkedHashMap<>();

		Masks(final Topology topology, final Map<String, boolean[]> keep) {
			this.topology = topology;
			for (final Layer layer : topology.layers()) {
				in.put(layer.name(), all(layer.inChannels()));
				out.put(layer.name(), keep.containsKey(layer.name()) ? keep.get(layer.name()).clone() : all(layer.outChannels()));
			}
			// The producer's mask lands in each consumer's input at the producer's concat offset.
			for (final Map.Entry<String, boolean[]> e : keep.entrySet())
				for (final Topology.Consumer c : topology.consumersOf(e.getKey()))
					System.arraycopy(e.getValue(), 0, in.get(c.layer().name()), c.channelOffset(), e.getValue().length);
		}

		private static boolean[] all(final int n) {
			final boolean[] b = new boolean[n];
			Arrays.fill(b, true);
			return b;
		}

		Weights slice(final Weights w) {
			final Map<String, Param> sliced = new LinkedHashMap<>();
			for (final Layer layer : topology.layers()) {
				final boolean[] i = in.get(layer.name()), o = out.get(layer.name());
				sliced.put(layer.kernelName(), sliceKernel(w.get(layer.kernelName()), i, o));
				sliced.put(layer.biasName(), sliceKernel(w.get(layer.biasName()), new boolean[] { true }, o));
			}
			return new Weights(sliced);
		}

		/** Kernel [spatial..., in, out] (a bias is [out]: one tap, one input) -> only the kept in and out channels. */
		private static Param sliceKernel(final Param p, final boolean[] keepIn, final boolean[] keepOut) {
			final long[] shape = p.shape().clone();
			final int inAxis = shape.length - 2;
			final int taps = p.values().length / (keepIn.length * keepOut.length);
			final int nIn = count(keepIn), nOut = count(keepOut);
			if (inAxis >= 0) shape[inAxis] = nIn;
			shape[shape.length - 1] = nOut;
			final float[] src = p.values(), dst = new float[taps * nIn * nOut];
			int k = 0;
			for (int t = 0; t < taps; t++)
				for (int i = 0; i < keepIn.length; i++) {
					if (!keepIn[i]) continue;
					final int row = (t * keepIn.length + i) * keepOut.length;
					for (int o = 0; o < keepOut.length; o++) if (keepOut[o]) dst[k++] = src[row + o];
				}
			return new Param(shape, dst);
		}

		private static int count(final boolean[] b) {
			int n = 0;
			for (final boolean x : b) if (x) n++;
			return n;
		}
	}
}

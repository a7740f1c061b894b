package sauron.net;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Named float arrays of a network: {@code <layer>/kernel} and {@code <layer>/bias} for every layer of a
 * {@link Topology}. The Adam moments are Weights too, with the same names and shapes, so pruning slices
 * all of them the same way.
 */
public final class Weights {

	private final Map<String, Param> params;

	public Weights(final Map<String, Param> params) {
		this.params = new LinkedHashMap<>(params);
	}

	/** He-normal kernels (std = sqrt(2 / fan-in)), zero biases: the nnU-Net initialisation. */
	public static Weights heNormal(final Topology topology, final long seed) {
		final Random random = new Random(seed);
		final Map<String, Param> p = new LinkedHashMap<>();
		for (final Layer layer : topology.layers()) {
			final Param kernel = Param.zeros(layer.kernelShape());
			// A transposed conv with stride == kernel sees each input voxel once: its fan-in is the channels alone.
			final double fanIn = layer.kind() == Layer.Kind.UPCONV ? layer.inChannels() : Math.pow(layer.kernelSize(), layer.dims()) * layer.inChannels();
			final double std = Math.sqrt(2.0 / fanIn);
			final float[] v = kernel.values();
			for (int i = 0; i < v.length; i++) v[i] = (float) (random.nextGaussian() * std);
			p.put(layer.kernelName(), kernel);
			p.put(layer.biasName(), Param.zeros(new long[] { layer.outChannels() }));
		}
		return new Weights(p);
	}

	/** All zeros, shaped for the topology (fresh Adam moments). */
	public static Weights zeros(final Topology topology) {
		final Map<String, Param> p = new LinkedHashMap<>();
		for (final Layer layer : topology.layers()) {
			p.put(layer.kernelName(), Param.zeros(layer.kernelShape()));
			p.put(layer.biasName(), Param.zeros(new long[] { layer.outChannels() }));
		}
		return new Weights(p);
	}

	public Param get(final String name) {
		final Param p = params.get(name);
		if (p == null) throw new IllegalArgumentException("no weights named " + name);
		return p;
	}

	public Map<String, Param> all() {
		return Collections.unmodifiableMap(params);
	}

	public long parameterCount() {
		long n = 0;
		for (final Param p : params.values()) n += p.values().length;
		return n;
	}

	/**
	 * Checks that these weights are exactly those of the topology: every array present with its shape,
	 * nothing extra. The message names the first mismatch, so a damaged or foreign model fails clearly.
	 */
	public void checkMatches(final Topology topology) {
		int expected = 0;
		for (final Layer layer : topology.layers()) {
			checkShape(layer.kernelName(), layer.kernelShape());
			checkShape(layer.biasName(), new long[] { layer.outChannels() });
			expected += 2;
		}
		if (params.size() != expected)
			throw new IllegalArgumentException("weights hold " + params.size() + " arrays, the network " + topology.spec() + " has " + expected);
	}

	private void checkShape(final String name, final long[] shape) {
		final Param p = params.get(name);
		if (p == null) throw new IllegalArgumentException("weights lack " + name);
		if (!Arrays.equals(p.shape(), shape))
			throw new IllegalArgumentException(name + " has shape " + Arrays.toString(p.shape()) + ", the spec needs " + Arrays.toString(shape));
		for (final float f : p.values())
			if (!Float.isFinite(f)) throw new IllegalArgumentException(name + " contains a non-finite value (" + f + ")");
	}

	public Weights copy() {
		final Map<String, Param> p = new LinkedHashMap<>();
		for (final Map.Entry<String, Param> e : params.entrySet()) p.put(e.getKey(), e.getValue().copy());
		return new Weights(p);
	}
}

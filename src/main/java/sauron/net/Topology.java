package sauron.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who feeds whom in a U-Net, derived from its {@link UNetSpec} alone. This is the only place where
 * the wiring (strides, skip concatenations and their channel offsets) is written down; graph building,
 * pruning and cost counting all read it from here.
 */
public final class Topology {

	private final UNetSpec spec;
	private final Map<String, Layer> layers;

	public Topology(final UNetSpec spec) {
		this.spec = spec;
		final Map<String, Layer> l = new LinkedHashMap<>();
		final int levels = spec.levels();
		final int dims = spec.dims();
		String previous = Layer.IMAGE;
		for (int level = 0; level < levels; level++) {
			for (int b = 0; b < 2; b++) {
				final String name = "enc" + level + "_" + b;
				final int stride = level > 0 && b == 0 ? 2 : 1;
				add(l, new Layer(name, Layer.Kind.BLOCK, level, 3, stride, List.of(previous), channels(l, previous), spec.width(name), dims));
				previous = name;
			}
		}
		for (int level = levels - 2; level >= 0; level--) {
			final String up = "up" + level;
			add(l, new Layer(up, Layer.Kind.UPCONV, level, 2, 2, List.of(previous), channels(l, previous), spec.width(up), dims));
			final String skip = "enc" + level + "_1";
			final String dec0 = "dec" + level + "_0";
			add(l, new Layer(dec0, Layer.Kind.BLOCK, level, 3, 1, List.of(skip, up), channels(l, skip) + channels(l, up), spec.width(dec0), dims));
			final String dec1 = "dec" + level + "_1";
			add(l, new Layer(dec1, Layer.Kind.BLOCK, level, 3, 1, List.of(dec0), spec.width(dec0), spec.width(dec1), dims));
			previous = dec1;
		}
		for (int level = 0; level < spec.headCount(); level++) {
			final String dec1 = "dec" + level + "_1";
			add(l, new Layer("head" + level, Layer.Kind.HEAD, level, 1, 1, List.of(dec1), spec.width(dec1), spec.classes(), dims));
		}
		this.layers = Collections.unmodifiableMap(l);
	}

	private static void add(final Map<String, Layer> layers, final Layer layer) {
		layers.put(layer.name(), layer);
	}

	private int channels(final Map<String, Layer> built, final String producer) {
		return producer.equals(Layer.IMAGE) ? spec.inputChannels() : built.get(producer).outChannels();
	}

	public UNetSpec spec() { return spec; }

	/** All layers in forward (topological) order. */
	public List<Layer> layers() { return new ArrayList<>(layers.values()); }

	public Layer layer(final String name) {
		final Layer layer = layers.get(name);
		if (layer == null) throw new IllegalArgumentException("no layer named " + name + " in " + spec);
		return layer;
	}

	/** Deep-supervision heads, full resolution first. */
	public List<Layer> heads() {
		final List<Layer> heads = new ArrayList<>();
		for (final Layer layer : layers.values()) if (layer.kind() == Layer.Kind.HEAD) heads.add(layer);
		return heads;
	}

	/** Layers whose output filters Sauron may remove, in forward order. */
	public List<Layer> prunable() {
		final List<Layer> p = new ArrayList<>();
		for (final Layer layer : layers.values()) if (layer.prunable()) p.add(layer);
		return p;
	}

	/** A place where a producer's output channels enter a consumer's kernel (input axis). */
	public record Consumer(Layer layer, int channelOffset) {}

	/** Every layer that reads {@code producer}'s output, with the offset of its channels in that layer's input. */
	public List<Consumer> consumersOf(final String producer) {
		final List<Consumer> consumers = new ArrayList<>();
		for (final Layer layer : layers.values()) {
			int offset = 0;
			for (final String input : layer.inputs()) {
				if (input.equals(producer)) consumers.add(new Consumer(layer, offset));
				offset += channels(layers, input);
			}
		}
		return consumers;
	}

	public long parameterCount() {
		long n = 0;
		for (final Layer layer : layers.values()) n += layer.parameterCount();
		return n;
	}

	/** Convolution FLOPs per voxel of a forward pass over a patch of this shape (x first). */
	public double flopsPerVoxel(final int[] patchShape) {
		final long[] shape = new long[patchShape.length];
		long voxels = 1;
		for (int d = 0; d < shape.length; d++) {
			shape[d] = patchShape[d];
			voxels *= patchShape[d];
		}
		return (double) forwardFlops(shape) / voxels;
	}

	/**
	 * Multiply-adds x 2 of one forward pass over a patch of the given spatial shape (any order), counting
	 * convolutions only (norms and activations are a few percent). Deep-supervision heads other than the
	 * full-resolution one are left out: inference does not run them.
	 */
	public long forwardFlops(final long[] patchShape) {
		long voxels0 = 1;
		for (final long s : patchShape) voxels0 *= s;
		long flops = 0;
		for (final Layer layer : layers.values()) {
			if (layer.kind() == Layer.Kind.HEAD && layer.level() > 0) continue;
			final long outVoxels = voxels0 >> (spec.dims() * layer.level());
			final long kernelVolume = (long) Math.pow(layer.kernelSize(), spec.dims());
			// A transposed conv with kernel 2 stride 2 touches each input voxel once per kernel position.
			final long macs = layer.kind() == Layer.Kind.UPCONV
					? (voxels0 >> (spec.dims() * (layer.level() + 1))) * kernelVolume * layer.inChannels() * layer.outChannels()
					: outVoxels * kernelVolume * layer.inChannels() * layer.outChannels();
			flops += 2 * macs;
		}
		return flops;
	}
}

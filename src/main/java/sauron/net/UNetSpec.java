package sauron.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import sauron.data.NetworkInput;

/**
 * The one description of a U-Net: dimensionality, depth, input channels, classes and the width of
 * every named layer. A pruned network is the same spec with smaller widths; everything else (who
 * feeds whom, concat offsets, weight shapes) is derived from it by {@link Topology}.
 * <p>
 * Layer names: {@code enc<l>_<b>} (encoder level l, block b in 0..1), {@code up<l>} (transposed conv
 * from level l+1 up to level l), {@code dec<l>_<b>} (decoder level l), {@code head<l>} (1x1 conv to the
 * classes on dec<l>_1; deep supervision).
 */
public final class UNetSpec {

	private final int dims;
	private final int levels;
	private final int inputChannels;
	private final int classes;
	private final Map<String, Integer> widths;

	private UNetSpec(final int dims, final int levels, final int inputChannels, final int classes, final Map<String, Integer> widths) {
		if (dims != 2 && dims != 3) throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
		if (levels < 2 || levels > 8) throw new IllegalArgumentException("levels must be in 2..8, got " + levels);
		if (inputChannels < 1) throw new IllegalArgumentException("input channels must be >= 1, got " + inputChannels);
		if (classes < 2) throw new IllegalArgumentException("classes must be >= 2 (background + at least one), got " + classes);
		this.dims = dims;
		this.levels = levels;
		this.inputChannels = inputChannels;
		this.classes = classes;
		final Map<String, Integer> w = new LinkedHashMap<>();
		for (final String name : prunableLayerNames(levels)) {
			final Integer width = widths.get(name);
			if (width == null) throw new IllegalArgumentException("no width given for layer " + name);
			if (width < 1) throw new IllegalArgumentException("layer " + name + " has width " + width + "; every layer keeps at least one filter");
			w.put(name, width);
		}
		for (final String name : widths.keySet())
			if (!w.containsKey(name)) throw new IllegalArgumentException("unknown layer " + name + " for a " + levels + "-level U-Net");
		this.widths = Collections.unmodifiableMap(w);
	}

	/** The nnU-Net-style full-width network: width of level l = min(base * 2^l, maxWidth). */
	public static UNetSpec create(final int dims, final int levels, final int base, final int maxWidth, final int inputChannels, final int classes) {
		if (base < 1 || maxWidth < 1) throw new IllegalArgumentException("base and max width must be >= 1, got " + base + ", " + maxWidth);
		final Map<String, Integer> w = new LinkedHashMap<>();
		for (final String name : prunableLayerNames(levels)) {
			final int level = levelOf(name);
			w.put(name, (int) Math.min((long) base << level, maxWidth));
		}
		return new UNetSpec(dims, levels, inputChannels, classes, w);
	}

	public static UNetSpec of(final int dims, final int levels, final int inputChannels, final int classes, final Map<String, Integer> widths) {
		return new UNetSpec(dims, levels, inputChannels, classes, widths);
	}

	/** Same network with some layers narrower (or wider). */
	public UNetSpec withWidths(final Map<String, Integer> changed) {
		final Map<String, Integer> w = new LinkedHashMap<>(widths);
		for (final Map.Entry<String, Integer> e : changed.entrySet()) {
			if (!w.containsKey(e.getKey())) throw new IllegalArgumentException("unknown layer " + e.getKey());
			w.put(e.getKey(), e.getValue());
		}
		return new UNetSpec(dims, levels, inputChannels, classes, w);
	}

	/** Layer names whose output filters may be removed, in forward order. */
	static java.util.List<String> prunableLayerNames(final int levels) {
		final java.util.List<String> names = new java.util.ArrayList<>();
		for (int l = 0; l < levels; l++) {
			names.add("enc" + l + "_0");
			names.add("enc" + l + "_1");
		}
		for (int l = levels - 2; l >= 0; l--) {
			names.add("up" + l);
			names.add("dec" + l + "_0");
			names.add("dec" + l + "_1");
		}
		return names;
	}

	/** Decoder levels that carry a deep-supervision head: every one but the deepest (level 0 always). */
	public int headCount() {
		return Math.max(1, levels - 2);
	}

	static int levelOf(final String name) {
		final int start = name.startsWith("enc") || name.startsWith("dec") ? 3 : name.startsWith("head") ? 4 : 2;
		int end = start;
		while (end < name.length() && Character.isDigit(name.charAt(end))) end++;
		return Integer.parseInt(name.substring(start, end));
	}

	public int dims() { return dims; }

	public int levels() { return levels; }

	public int inputChannels() { return inputChannels; }

	public int classes() { return classes; }

	/** Widths of the prunable layers, in forward order. */
	public Map<String, Integer> widths() { return widths; }

	public int width(final String layer) {
		final Integer w = widths.get(layer);
		if (w == null) throw new IllegalArgumentException("unknown layer " + layer);
		return w;
	}

	/** Every tile or patch side must be a multiple of this: the encoder halves it levels-1 times. */
	public int sizeMultiple() { return NetworkInput.sizeMultiple(levels); }

	/**
	 * Whether an image can go through this trained network: at least its dimensionality (a 2D network reads a 3D
	 * image slice by slice) and exactly its input channels. The one check for every caller that holds a model
	 * ({@link NetworkInput} holds the rule).
	 *
	 * @param name how the message names the image, e.g. its file name
	 * @param shape the image's spatial size, x first
	 * @param channels the image's channels
	 * @throws IllegalArgumentException naming the image, what it has and what the model needs
	 */
	public void checkImage(final String name, final int[] shape, final int channels) {
		NetworkInput.checkImage(name, shape, channels, dims, inputChannels);
	}

	/**
	 * Whether this network takes a patch or tile of these sides: one per axis, each a positive multiple of
	 * {@link #sizeMultiple()}.
	 *
	 * @param what how the message names the sides, e.g. "patch" or "tile"
	 * @param sides x first
	 * @throws IllegalArgumentException naming the sides and the nearest that fit
	 */
	public void checkSides(final String what, final int[] sides) {
		NetworkInput.checkSides(what, sides, dims, sizeMultiple());
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof UNetSpec)) return false;
		final UNetSpec s = (UNetSpec) o;
		return dims == s.dims && levels == s.levels && inputChannels == s.inputChannels && classes == s.classes && widths.equals(s.widths);
	}

	@Override
	public int hashCode() { return Objects.hash(dims, levels, inputChannels, classes, widths); }

	@Override
	public String toString() {
		return dims + "D U-Net, " + levels + " levels, " + inputChannels + " -> " + classes + " classes, widths " + widths;
	}
}

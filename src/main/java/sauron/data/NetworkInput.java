package sauron.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a U-Net takes, one home for every caller (training, inference, export, the command line, Fiji): an image of
 * at least the network's dimensionality (a 2D network reads a 3D image slice by slice) with exactly its input
 * channels, and patches and tiles with one side per network axis, each a positive multiple of 2^(levels-1), as the
 * encoder halves every side levels-1 times.
 * <p>
 * Here, below every other package, because the patch sampler, the sliding-window segmenter and the Fiji side check
 * inputs without a {@code sauron.net.UNetSpec}; the spec applies the same rules to itself. Each mismatch is one
 * sentence; the {@code ...Mismatch} methods return it (null when the input fits) for a caller that adds what to do
 * about it, the {@code check...} methods throw it.
 */
public final class NetworkInput {

	private NetworkInput() {}

	/** 2^(levels-1): every patch or tile side must be a multiple of this. */
	public static int sizeMultiple(final int levels) {
		if (levels < 1 || levels > 31) throw new IllegalArgumentException("levels must be in 1..31, got " + levels);
		return 1 << (levels - 1);
	}

	/** The smallest positive multiple of {@code multiple} that is at least {@code side}: the tile that covers it. */
	public static int roundUp(final int side, final int multiple) {
		requireMultiple(multiple);
		return Math.max(1, (side + multiple - 1) / multiple) * multiple;
	}

	/** The largest multiple of {@code multiple} that is at most {@code side}; 0 when the side is shorter than one multiple. */
	public static int roundDown(final int side, final int multiple) {
		requireMultiple(multiple);
		return Math.max(0, side / multiple * multiple);
	}

	/**
	 * @param name how the message names the image, e.g. its file name
	 * @param shape the image's spatial size, x first
	 * @return why a {@code netDims}-D network cannot read the image, or null if it can
	 */
	public static String dimsMismatch(final String name, final int[] shape, final int netDims) {
		return shape.length < netDims ? name + " is a " + shape.length + "D image (" + Arrays.toString(shape) + "); the model is a " + netDims
				+ "D network and needs " + netDims + "D images" : null;
	}

	/** @return why an image of {@code channels} channels does not fit a network of {@code netChannels}, or null if it does */
	public static String channelsMismatch(final String name, final int channels, final int netChannels) {
		return channels != netChannels ? name + " has " + channels + " channel(s); the model was trained on " + netChannels : null;
	}

	/** Refuses an image the network cannot read: fewer axes than the network's or other channels. */
	public static void checkImage(final String name, final int[] shape, final int channels, final int netDims, final int netChannels) {
		refuse(dimsMismatch(name, shape, netDims));
		refuse(channelsMismatch(name, channels, netChannels));
	}

	/**
	 * @param what how the message names the sides, e.g. "patch", "tile" or "--patch"
	 * @param sides x first
	 * @param multiple the network's size multiple, 2^(levels-1)
	 * @return why a {@code netDims}-D network cannot take a patch or tile of these sides, or null if it can
	 */
	public static String sidesMismatch(final String what, final int[] sides, final int netDims, final int multiple) {
		requireMultiple(multiple);
		final String axes = axesMismatch(what, sides, netDims);
		if (axes != null) return axes;
		for (final int s : sides)
			if (s < multiple || s % multiple != 0)
				return what + " " + sizes(sides) + ": each side must be a positive multiple of " + multiple + levelsOf(multiple) + ", e.g. "
						+ sizes(Arrays.stream(sides).map(x -> Math.max(multiple, Math.round(x / (float) multiple) * multiple)).toArray());
		return null;
	}

	/** @return why a {@code netDims}-D network cannot take a patch or tile of this many sides, or null if it can */
	public static String axesMismatch(final String what, final int[] sides, final int netDims) {
		return sides.length != netDims ? what + " " + sizes(sides) + " has " + sides.length + " sides; a " + netDims + "D network needs " + netDims
				+ " sides, x first" : null;
	}

	/** Refuses a tile of another number of sides than the network's axes (its sides may be any, to be rounded up). */
	public static void checkAxes(final String what, final int[] sides, final int netDims) {
		refuse(axesMismatch(what, sides, netDims));
	}

	/** Refuses a patch or tile the network cannot take: another number of sides, or a side that is not a positive multiple. */
	public static void checkSides(final String what, final int[] sides, final int netDims, final int multiple) {
		refuse(sidesMismatch(what, sides, netDims, multiple));
	}

	/** Sides as the command line writes them: 64x64x32. */
	public static String sizes(final int[] sides) {
		return Arrays.stream(sides).mapToObj(Integer::toString).collect(Collectors.joining("x"));
	}

	/** " = 2^(levels-1) for 3 levels" when the multiple is a U-Net's (a power of two). */
	private static String levelsOf(final int multiple) {
		return Integer.bitCount(multiple) == 1 ? " = 2^(levels-1) for " + (Integer.numberOfTrailingZeros(multiple) + 1) + " levels" : "";
	}

	private static void requireMultiple(final int multiple) {
		if (multiple < 1) throw new IllegalArgumentException("the network's size multiple must be >= 1, it says " + multiple);
	}

	private static void refuse(final String mismatch) {
		if (mismatch != null) throw new IllegalArgumentException(mismatch);
	}
}

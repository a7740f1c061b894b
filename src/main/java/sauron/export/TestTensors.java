package sauron.export;

import java.util.Arrays;

import sauron.data.NetworkInput;
import sauron.data.Volume;
import sauron.data.ZScoreNormalisation;
import sauron.model.SauronModel;
import sauron.net.InferenceGraph;

/**
 * bioimage.io's test tensors: a patch from the centre of a real image, as the model's input before preprocessing
 * (raw intensities), and the probabilities the network gives for it after the rdf's preprocessing (z-score of the
 * patch per channel, which is the normalisation the model was trained with, applied to the patch as the sample).
 * Tensor order is the SavedModel's: [batch = 1, (z,) y, x, channel].
 *
 * @param input the raw patch, channels last
 * @param normalised the patch as the network reads it
 * @param output one probability per class, channels last
 * @param patch the patch's spatial shape, x first
 * @param origin where it lies in the image, x first (the slice index for a 2D network on a stack)
 */
public record TestTensors(float[] input, float[] normalised, long[] inputShape, float[] output, long[] outputShape, int[] patch, int[] origin) {

	/**
	 * @param image raw intensities, with the model's channels; at least one network size multiple along each axis
	 * @param name how messages call the image
	 * @param net the network as this plugin runs it
	 */
	public static TestTensors of(final SauronModel model, final InferenceGraph net, final Volume image, final String name) {
		final int dims = model.spec().dims(), channels = model.spec().inputChannels(), multiple = model.spec().sizeMultiple();
		model.spec().checkImage(name, image.shape(), image.channels());
		final int[] shape = image.shape(), trained = model.metadata().patchShape();
		final int[] patch = new int[dims], origin = new int[image.dims()];
		final String[] axes = { "x", "y", "z" };
		for (int d = 0; d < dims; d++) {
			patch[d] = Math.min(trained[d], NetworkInput.roundDown(shape[d], multiple));
			if (patch[d] < multiple)
				throw new IllegalArgumentException(name + " is " + shape[d] + " voxels along " + axes[d] + "; the test input needs at least " + multiple
						+ " (the network halves every side " + (model.spec().levels() - 1) + " times)");
			origin[d] = (shape[d] - patch[d]) / 2;
		}
		// A 2D network on a stack: the middle slice.
		for (int d = dims; d < image.dims(); d++) origin[d] = shape[d] / 2;
		final float[] raw = crop(image, patch, origin);
		final float[] normalised = ZScoreNormalisation.normalise(new Volume(patch, channels, raw, Arrays.copyOf(image.voxelSize(), dims)),
				"the test patch of " + name + " (" + sizes(patch) + " at " + sizes(origin) + ")").data();
		final float[] output = net.predict(normalised, 1, patch);
		return new TestTensors(raw, normalised, tensorShape(patch, channels), output, tensorShape(patch, model.spec().classes()), patch, origin);
	}

	/** [1, (z,) y, x, channels] for a patch given x first. */
	static long[] tensorShape(final int[] patch, final int channels) {
		final long[] shape = new long[patch.length + 2];
		shape[0] = 1;
		for (int d = 0; d < patch.length; d++) shape[patch.length - d] = patch[d];
		shape[patch.length + 1] = channels;
		return shape;
	}

	/** The patch at origin (x first), channels last; axes beyond the patch's are fixed at origin's value. */
	private static float[] crop(final Volume image, final int[] patch, final int[] origin) {
		final int[] s = image.shape();
		final int c = image.channels(), sx = s[0], sy = s[1];
		final int px = patch[0], py = patch[1], pz = patch.length > 2 ? patch[2] : 1;
		final int z0 = origin.length > 2 ? origin[2] : 0;
		final float[] out = new float[px * py * pz * c];
		final float[] data = image.data();
		for (int z = 0; z < pz; z++)
			for (int y = 0; y < py; y++) {
				final long from = (((long) (z0 + z) * sy + origin[1] + y) * sx + origin[0]) * c;
				System.arraycopy(data, (int) from, out, ((z * py + y) * px) * c, px * c);
			}
		return out;
	}

	private static String sizes(final int[] a) {
		final StringBuilder s = new StringBuilder();
		for (final int v : a) s.append(s.length() > 0 ? "x" : "").append(v);
		return s.toString();
	}
}

package sauron.train;

import java.util.List;

import sauron.data.Augmentation;
import sauron.data.NetworkInput;
import sauron.data.TrainingPair;

/**
 * What a training run is asked for, as given: a null (or 0 for {@code classes}) leaves the choice to the starting
 * model, the images or the defaults of {@link TrainingSettings#forDims}. {@link #resolve} makes those choices, once,
 * for every front end; the messages name the command line's options, the one way in (Fiji runs it too).
 *
 * @param classes classes including background; 0: the largest label + 1
 * @param patch patch sides, x first
 */
public record TrainingOptions(Integer dims, Integer levels, Integer base, Integer maxWidth, int classes, int[] patch, Integer batch, int epochs, int steps,
		double learningRate, double weightDecay, long seed, double foreground, boolean augment, double validation) {

	public TrainingOptions {
		if (dims != null && dims != 2 && dims != 3) throw new IllegalArgumentException("--dims " + dims + ": expected 2 or 3");
		if (levels != null && (levels < 2 || levels > 8)) throw new IllegalArgumentException("--levels " + levels + ": expected 2..8");
		patch = patch != null ? patch.clone() : null;
	}

	@Override
	public int[] patch() { return patch != null ? patch.clone() : null; }

	/**
	 * The training these options ask for on these pairs: dims from the starting model, else the options, else the
	 * first image; levels, widths and the default patch from the starting model, else the options over the defaults.
	 *
	 * @param start the model training starts from, or null for a fresh network
	 * @param pairs the training data as read (with a starting model they take on its classes)
	 * @throws IllegalArgumentException naming the option or image that does not fit, with what to give instead
	 */
	public TrainingPlan resolve(final StartingModel start, final List<TrainingPair> pairs) {
		final List<TrainingPair> data = start != null ? start.withClassesOf(pairs) : pairs;
		final int d = start != null ? start.spec().dims() : dims != null ? dims : data.get(0).image().dims();
		for (final TrainingPair p : data) {
			final String mismatch = NetworkInput.dimsMismatch(p.name(), p.shape(), d);
			if (mismatch != null)
				throw new IllegalArgumentException(mismatch + (start != null ? " (" + start.given() + " is " + d + "D)"
						: " (give --dims " + p.image().dims() + " for a " + p.image().dims() + "D network)"));
		}
		final TrainingSettings defaults = TrainingSettings.forDims(d);
		final int l = start != null ? start.spec().levels() : SauronOptions.or(levels, defaults.levels());
		if (patch != null) checkPatch(d, l, dims == null && start == null);
		final int[] patchShape = patch != null ? patch : start != null ? start.model().metadata().patchShape() : defaults.patchShape();
		// With a starting model, base and max width record its first and widest layer.
		final int baseWidth = start != null ? start.spec().width("enc0_0") : SauronOptions.or(base, defaults.baseWidth());
		final int widest = start != null ? start.spec().widths().values().stream().mapToInt(Integer::intValue).max().getAsInt()
				: SauronOptions.or(maxWidth, defaults.maxWidth());
		final TrainingSettings settings = new TrainingSettings(d, l, baseWidth, widest, patchShape, SauronOptions.or(batch, defaults.batchSize()), epochs, steps,
				learningRate, weightDecay, seed, foreground, augment ? Augmentation.Settings.DEFAULTS : Augmentation.Settings.NONE, validation);
		return new TrainingPlan(settings, start, data);
	}

	/** --patch as the network's rule has it; with dims taken from the images, a count that does not match says how to ask for the other. */
	private void checkPatch(final int dims, final int levels, final boolean dimsFromImages) {
		final String mismatch = NetworkInput.sidesMismatch("--patch", patch, dims, NetworkInput.sizeMultiple(levels));
		if (mismatch == null) return;
		throw new IllegalArgumentException(mismatch + (dimsFromImages && patch.length != dims
				? " (the images are " + dims + "D; give --dims " + patch.length + " for a " + patch.length + "D network)" : ""));
	}
}

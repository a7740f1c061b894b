package sauron.train;

import java.util.Arrays;

import sauron.data.Augmentation;
import sauron.data.NetworkInput;
import sauron.net.UNetSpec;

/**
 * Everything that decides how a network is trained. Defaults follow docs/SAURON.md and nnU-Net; {@link #forDims}
 * gives settings that train on 2 CPU cores in reasonable time.
 *
 * @param patchShape spatial patch size, x first; each side a multiple of 2^(levels-1)
 * @param stepsPerEpoch batches per epoch
 * @param validationShare share of the data held out for validation (0: none)
 * @param foregroundProbability chance that a patch is centred on a foreground voxel
 */
public record TrainingSettings(int dims, int levels, int baseWidth, int maxWidth, int[] patchShape, int batchSize, int epochs,
		int stepsPerEpoch, double learningRate, double weightDecay, long seed, double foregroundProbability,
		Augmentation.Settings augmentation, double validationShare) {

	public TrainingSettings {
		if (dims != 2 && dims != 3) throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
		NetworkInput.checkSides("patch", patchShape, dims, NetworkInput.sizeMultiple(levels));
		if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
		// One step's patches are one int-indexed array and tensor; beyond that TensorFlow only says "out of int32 range".
		final long stepVoxels = batchSize * Arrays.stream(patchShape).asLongStream().reduce(1, (a, b) -> a * b);
		if (stepVoxels > Integer.MAX_VALUE)
			throw new IllegalArgumentException(String.format("a batch of %d patches of %s is %,d voxels per step, more than the %,d a step can hold; "
					+ "expected a smaller batch or patch", batchSize, Arrays.toString(patchShape), stepVoxels, Integer.MAX_VALUE));
		if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
		if (stepsPerEpoch < 1) throw new IllegalArgumentException("steps per epoch must be >= 1, got " + stepsPerEpoch);
		if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
		if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
		if (!(validationShare >= 0 && validationShare < 1)) throw new IllegalArgumentException("validation share must be in [0, 1), got " + validationShare);
		patchShape = patchShape.clone();
	}

	/** CPU-friendly defaults: 2D base 32 / 3D base 24 as in the paper, smaller patches and epochs. */
	public static TrainingSettings forDims(final int dims) {
		return new TrainingSettings(dims, dims == 2 ? 5 : 4, dims == 2 ? 32 : 24, dims == 2 ? 480 : 320,
				dims == 2 ? new int[] { 128, 128 } : new int[] { 64, 64, 64 }, dims == 2 ? 8 : 2, 50, 50, 1e-3, 1e-5, 42,
				0.33, Augmentation.Settings.DEFAULTS, 0.2);
	}

	/** The full-width network these settings describe (base and max width), for the data's channels and classes. */
	public UNetSpec freshSpec(final int inputChannels, final int classes) {
		return UNetSpec.create(dims, levels, baseWidth, maxWidth, inputChannels, classes);
	}

	/** Poly learning-rate decay: lr0 * (1 - epoch / epochs)^0.9. */
	public double learningRateAt(final int epoch) {
		return learningRate * Math.pow(1 - (double) epoch / epochs, 0.9);
	}

	public TrainingSettings withEpochs(final int e) {
		return new TrainingSettings(dims, levels, baseWidth, maxWidth, patchShape, batchSize, e, stepsPerEpoch, learningRate, weightDecay, seed,
				foregroundProbability, augmentation, validationShare);
	}
}

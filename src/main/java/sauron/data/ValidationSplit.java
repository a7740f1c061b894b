package sauron.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Splits training pairs into a training and a validation set that share no voxel.
 * <p>
 * With two pairs or more, whole pairs go to one side (a shuffled choice). With a single pair, the
 * volume is cut along its last spatial axis (z in 3D, y in 2D) into contiguous blocks: the central
 * {@code validationShare} of the slices validate, the blocks before and after it train. Why blocks and
 * not random patches or slices: patches drawn from a training block can never contain a validation
 * voxel, and neighbouring slices, which are nearly copies of each other, stay on one side except at the
 * two cuts, so the validation loss measures generalisation, not memory. Why the centre: the ends of a
 * scan (the top of a head, say) are rarely typical of it.
 */
public final class ValidationSplit {

	public static final double DEFAULT_VALIDATION_SHARE = 0.2;

	public record Split(List<TrainingPair> training, List<TrainingPair> validation) {
		public Split {
			training = List.copyOf(training);
			validation = List.copyOf(validation);
		}
	}

	private ValidationSplit() {}

	/**
	 * @param pairs at least one pair
	 * @param validationShare share of pairs (or of the single pair's last axis) for validation, in (0, 1);
	 *          each side gets at least one pair or slice
	 * @param seed chooses which pairs go to validation
	 */
	public static Split split(final List<TrainingPair> pairs, final double validationShare, final long seed) {
		if (!(validationShare > 0 && validationShare < 1))
			throw new IllegalArgumentException("validation share must be in (0, 1), got " + validationShare);
		if (pairs.isEmpty()) throw new IllegalArgumentException("no training pairs to split; expected at least one");
		if (pairs.size() == 1) return splitAlongLastAxis(pairs.get(0), validationShare);
		final List<TrainingPair> shuffled = new ArrayList<>(pairs);
		java.util.Collections.shuffle(shuffled, new Random(seed));
		final int nValidation = sideSize(pairs.size(), validationShare);
		return new Split(shuffled.subList(nValidation, shuffled.size()), shuffled.subList(0, nValidation));
	}

	/** The single-pair case: the central {@code validationShare} of the slices validate, the rest train. */
	public static Split splitAlongLastAxis(final TrainingPair pair, final double validationShare) {
		final int[] shape = pair.shape();
		final int axis = shape.length - 1;
		final int size = shape[axis];
		if (size < 2)
			throw new IllegalArgumentException("pair " + pair.name() + " " + Arrays.toString(shape) + " has " + size
				+ " slice(s) along its last axis; a validation split of a single image needs at least 2 (or give a second image)");
		final int nValidation = sideSize(size, validationShare);
		final int from = (size - nValidation) / 2, to = from + nValidation;
		final List<TrainingPair> training = new ArrayList<>();
		if (from > 0) training.add(block(pair, 0, from));
		if (to < size) training.add(block(pair, to, size));
		return new Split(training, List.of(block(pair, from, to)));
	}

	/** round(share * n), but at least 1 and at most n - 1 so neither side is empty. */
	private static int sideSize(final int n, final double share) {
		return (int) Math.max(1, Math.min(n - 1, Math.round(share * n)));
	}

	/** Slices [from, to) of the last axis: a contiguous range of both arrays, so a plain copy. */
	private static TrainingPair block(final TrainingPair pair, final int from, final int to) {
		final int[] shape = pair.shape();
		final int axis = shape.length - 1;
		final int sliceVoxels = Math.toIntExact(Shapes.voxels(shape) / shape[axis]);
		final int channels = pair.image().channels();
		final int[] blockShape = shape.clone();
		blockShape[axis] = to - from;
		final float[] image = Arrays.copyOfRange(pair.image().data(), from * sliceVoxels * channels, to * sliceVoxels * channels);
		final byte[] labels = Arrays.copyOfRange(pair.labels().labels(), from * sliceVoxels, to * sliceVoxels);
		final String axisName = axis == 2 ? "z" : "y";
		return new TrainingPair(pair.name() + " [" + axisName + " " + from + ".." + (to - 1) + "]",
			new Volume(blockShape, channels, image, pair.image().voxelSize()),
			new LabelVolume(blockShape, labels, pair.labels().voxelSize()), pair.classes());
	}
}

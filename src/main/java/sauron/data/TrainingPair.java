package sauron.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An image and its labels on the same voxel grid, checked once so the sampler can trust them.
 *
 * @param name how error messages and logs call the pair (usually the image file name)
 * @param image the (normalised) image
 * @param labels class index per voxel, each below {@code classes}
 * @param classes number of classes including background
 */
public record TrainingPair(String name, Volume image, LabelVolume labels, int classes) {

	public TrainingPair {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(image, "image");
		Objects.requireNonNull(labels, "labels");
		if (classes < 2 || classes > 256)
			throw new IllegalArgumentException("pair " + name + ": classes must be in 2..256 (background + at least one), got " + classes);
		if (!Arrays.equals(image.shape(), labels.shape()))
			throw new IllegalArgumentException("pair " + name + ": image shape " + Arrays.toString(image.shape())
				+ " and label shape " + Arrays.toString(labels.shape()) + " differ; expected the same spatial shape (x, y[, z])");
		// Labels at another voxel size mark other places than the voxels they sit on; files are checked more strictly,
		// with their names and affines (sauron.io.TrainingFiles), this catches pairs made in code.
		final double[] iv = image.voxelSize(), lv = labels.voxelSize();
		for (int d = 0; d < image.dims(); d++)
			if (Math.abs(iv[d] - lv[d]) > 1e-3 * Math.max(iv[d], lv[d]))
				throw new IllegalArgumentException("pair " + name + ": image voxel size " + Arrays.toString(Arrays.copyOf(iv, image.dims()))
					+ " and label voxel size " + Arrays.toString(Arrays.copyOf(lv, image.dims())) + " differ; expected the labels on the image's grid (resample them)");
		final int max = labels.maxLabel();
		if (max >= classes)
			throw new IllegalArgumentException("pair " + name + ": label " + max + " found, expected labels 0.." + (classes - 1)
				+ " for " + classes + " classes");
	}

	/** Spatial sizes, x first. */
	public int[] shape() { return image.shape(); }

	@Override
	public String toString() {
		return "TrainingPair " + name + " " + Arrays.toString(image.shape()) + "x" + image.channels() + ", " + classes + " classes";
	}
}

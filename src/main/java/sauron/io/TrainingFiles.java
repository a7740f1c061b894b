package sauron.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import sauron.data.Geometry;
import sauron.data.LabelVolume;
import sauron.data.TrainingPair;
import sauron.data.Volume;

/**
 * Reads image/label file pairs for training, with the class count taken from the labels when not given. An image and
 * its labels must lie on one grid: same shape, voxel size and voxel-to-mm affine ({@link Geometry#difference}); labels
 * stored flipped, permuted, shifted or at another voxel size are refused, never trained on mismatched.
 */
public final class TrainingFiles {

	private TrainingFiles() {}

	/**
	 * @param classes number of classes including background, or 0 to use the largest label + 1 (at least 2)
	 */
	public static List<TrainingPair> read(final List<Path> images, final List<Path> labels, final int classes) throws IOException {
		if (images.isEmpty()) throw new IllegalArgumentException("no training images given");
		if (images.size() != labels.size())
			throw new IllegalArgumentException(images.size() + " images but " + labels.size() + " label images; give one label image per image, in the same order");
		final List<Volume> volumes = new ArrayList<>();
		final List<LabelVolume> labelVolumes = new ArrayList<>();
		int maxLabel = 0;
		Path maxLabelFile = null;
		for (int i = 0; i < images.size(); i++) {
			volumes.add(ImageFiles.readImage(images.get(i)));
			final LabelVolume l = ImageFiles.readLabels(labels.get(i));
			labelVolumes.add(l);
			if (l.maxLabel() > maxLabel) {
				maxLabel = l.maxLabel();
				maxLabelFile = labels.get(i);
			}
		}
		if (maxLabel == 0) // every voxel background: training would "converge" on predicting background everywhere
			throw new IllegalArgumentException("labels " + String.join(", ", labels.stream().map(Path::toString).toList())
					+ " are all 0 (background): nothing to learn; give label images that mark the structures with 1, 2, ...");
		final int n = classes > 0 ? classes : Math.max(2, maxLabel + 1);
		if (maxLabel >= n)
			throw new IllegalArgumentException(maxLabelFile + ": has label " + maxLabel + " but only " + n + " classes (labels 0.." + (n - 1)
					+ ") were asked for; ask for at least " + (maxLabel + 1) + " classes, or none to count them from the labels");
		final List<TrainingPair> pairs = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			final String name = images.get(i).getFileName().toString();
			final Volume image = volumes.get(i);
			final LabelVolume label = labelVolumes.get(i);
			if (!Arrays.equals(image.shape(), label.shape()))
				throw new IllegalArgumentException("image " + images.get(i) + " is " + Arrays.toString(image.shape()) + " but its labels "
						+ labels.get(i) + " are " + Arrays.toString(label.shape()));
			final String difference = Geometry.difference(image.geometry(), label.geometry(), image.dims());
			if (difference != null)
				throw new IllegalArgumentException("image " + images.get(i) + " and its labels " + labels.get(i) + " lie on different grids, "
						+ difference + "; resample the labels onto the image");
			pairs.add(new TrainingPair(name, volumes.get(i), labelVolumes.get(i), n));
		}
		return pairs;
	}

	/**
	 * The label files among {@code labels} (in the order of {@code pairs}, as {@link #read} returns them) that hold
	 * only background: fine beside others, as examples of what is not a structure, but worth a warning.
	 */
	public static List<Path> allBackground(final List<Path> labels, final List<TrainingPair> pairs) {
		final List<Path> empty = new ArrayList<>();
		for (int i = 0; i < pairs.size(); i++)
			if (pairs.get(i).labels().maxLabel() == 0) empty.add(labels.get(i));
		return empty;
	}

	/** Image files and their label files, in the same order. */
	public record FilePairs(List<Path> images, List<Path> labels) {}

	/**
	 * The pairs of a folder with images/ and labels/ subfolders holding files of the same names, for {@link #read};
	 * listed first, so that a command can check them before reading them.
	 */
	public static FilePairs filesIn(final Path folder) throws IOException {
		final Path imageDir = folder.resolve("images"), labelDir = folder.resolve("labels");
		if (!Files.isDirectory(imageDir) || !Files.isDirectory(labelDir))
			throw new IllegalArgumentException(folder + " must contain the subfolders images/ and labels/ (label files named like their images)");
		final List<Path> images = new ArrayList<>(), labels = new ArrayList<>();
		for (final Path image : imageFiles(imageDir)) {
			final Path label = labelDir.resolve(image.getFileName().toString());
			if (!Files.isRegularFile(label)) throw new IllegalArgumentException("no label image " + label + " for " + image);
			images.add(image);
			labels.add(label);
		}
		if (images.isEmpty()) throw new IllegalArgumentException(imageDir + " holds no .tif, .tiff, .nii or .nii.gz images");
		return new FilePairs(images, labels);
	}

	/** The supported image files of a folder, sorted by name. */
	public static List<Path> imageFiles(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(Files::isRegularFile).filter(p -> ImageFiles.isSupported(p)).sorted().toList();
		}
	}
}

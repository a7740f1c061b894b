package sauron.cli;

import static sauron.cli.TrainedModels.image2d;
import static sauron.cli.TrainedModels.labels2d;
import static sauron.cli.TrainedModels.shared;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static sauron.cli.Cli.assertFailsClearly;
import static sauron.cli.Cli.run;
import static sauron.cli.Cli.train;
import static sauron.cli.CliFiles.VOXEL_2D;
import static sauron.cli.CliFiles.discLabels;
import static sauron.cli.CliFiles.writeImage;
import static sauron.cli.CliFiles.writeLabels;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.cli.Cli.Result;
import sauron.data.LabelVolume;
import sauron.data.Volume;

/**
 * sauron train refuses, before training, labels that do not fit their images, training data given wrongly and
 * settings that cannot work, in one "error:" line (exit 1).
 */
class TrainBadInputCliTest {

	@TempDir
	Path dir;

	@Test
	void labelsOfAnotherShapeThanTheirImageAreRefused() throws IOException {
		final Path mask = writeLabels(dir.resolve("mask.nii.gz"), discLabels(new int[] { 32, 30 }, VOXEL_2D));
		assertFailsClearly(train(image2d(), mask, dir.resolve("m")), image2d().toString(), mask.toString(), "[32, 32]", "[32, 30]");
	}

	@Test
	void labelsOnAnotherGridThanTheirImageAreRefusedNamingBoth() throws IOException {
		final Path mask = writeLabels(dir.resolve("coarse-mask.nii.gz"), discLabels(new int[] { 32, 32 }, new double[] { 1.6, 1.2 }));
		final Result r = train(image2d(), mask, dir.resolve("m"));
		assertFailsClearly(r, "image " + image2d(), "its labels " + mask, "different grids", "voxel size [0.8, 0.6] mm vs [1.6, 1.2] mm");
		assertFalse(r.out().contains("epoch"), "refused before training:\n" + r.out());
	}

	@Test
	void labelsThatAreNotIntegersAreRefused() throws IOException {
		final Volume half = Volume.zeros(new int[] { 32, 32 }, 1, VOXEL_2D);
		half.data()[5] = 0.5f;
		final Path mask = writeImage(dir.resolve("soft-mask.nii.gz"), half);
		assertFailsClearly(train(image2d(), mask, dir.resolve("m")), mask.toString(), "label value 0.5 at voxel (5, 0)", "expected an integer 0..255");
	}

	@Test
	void labelsOutside0To255AreRefused() throws IOException {
		for (final float bad : new float[] { -1, 256 }) {
			final Volume v = Volume.zeros(new int[] { 32, 32 }, 1, VOXEL_2D);
			v.data()[33] = bad;
			final Path mask = writeImage(dir.resolve("mask" + (int) bad + ".tif"), v);
			assertFailsClearly(train(image2d(), mask, dir.resolve("m")), mask.toString(), "label value " + bad, "at voxel (1, 1)", "expected an integer 0..255");
		}
	}

	@Test
	void moreLabelsThanClassesAskedForAreRefused() throws IOException {
		final LabelVolume three = discLabels(new int[] { 32, 32 }, VOXEL_2D);
		three.set(0, 2);
		final Path mask = writeLabels(dir.resolve("three.nii.gz"), three);
		assertFailsClearly(train(image2d(), mask, dir.resolve("m"), "--classes", "2"), mask.toString(), "label 2", "only 2 classes", "at least 3 classes");
	}

	@Test
	void imagesWithoutAMatchingNumberOfLabelFilesAreRefused() {
		final Result r = run("train", "-i", image2d().toString(), "-i", image2d().toString(), "-l", labels2d().toString(), "-m", dir.resolve("m").toString());
		assertFailsClearly(r, "2 images (-i)", "1 label image (-l)", "one -l per -i");
	}

	@Test
	void dataFolderAndImagesTogetherAreRefused() {
		final Result r = run("train", "--data", shared().toString(), "-i", image2d().toString(), "-l", labels2d().toString(), "-m", dir.resolve("m").toString());
		assertFailsClearly(r, "either --data DIR or -i IMAGE -l LABELS, not both");
	}

	@Test
	void aDataFolderWithoutImagesAndLabelsSubfoldersIsRefused() {
		assertFailsClearly(run("train", "--data", shared().toString(), "-m", dir.resolve("m").toString()), shared().toString(), "images/ and labels/");
	}

	@Test
	void trainWithoutImagesSaysHowToGiveThem() {
		assertFailsClearly(run("train", "-m", dir.resolve("m").toString()), "no training images", "-i", "-l", "--data");
	}

	@Test
	void aPatchSideThatIsNotAMultipleOf2PowLevelsMinus1IsRefused() {
		assertFailsClearly(train(image2d(), labels2d(), dir.resolve("m"), "--levels", "3", "--patch", "18x16"), "--patch 18x16", "multiple of 4", "3 levels", "e.g. 20x16");
	}

	@Test
	void aPatchWithTheWrongNumberOfSidesForDimsIsRefused() {
		assertFailsClearly(train(image2d(), labels2d(), dir.resolve("m"), "--dims", "2", "--patch", "16x16x16"), "--patch 16x16x16", "has 3 sides", "2D network needs 2");
		assertFailsClearly(train(image2d(), labels2d(), dir.resolve("m"), "--patch", "16x16x16"), "--patch 16x16x16", "the images are 2D", "--dims 3");
	}

	@Test
	void levelsOutside2To8AreRefused() {
		assertFailsClearly(train(image2d(), labels2d(), dir.resolve("m"), "--levels", "1"), "--levels 1", "expected 2..8");
	}

	@Test
	void a3DNetworkOn2DImagesIsRefused() {
		assertFailsClearly(train(image2d(), labels2d(), dir.resolve("m"), "--dims", "3", "--patch", "8x8x8"), "head.nii.gz", "2D image", "3D images", "--dims 2");
	}
}

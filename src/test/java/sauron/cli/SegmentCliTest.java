package sauron.cli;

import static sauron.cli.TrainedModels.image2d;
import static sauron.cli.TrainedModels.model2d;
import static sauron.cli.TrainedModels.model3d;
import static sauron.cli.TrainedModels.shared;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static sauron.cli.Cli.assertFailsClearly;
import static sauron.cli.Cli.run;
import static sauron.cli.Cli.segment;
import static sauron.cli.Cli.segmentHere;
import static sauron.cli.CliFiles.VOXEL_2D;
import static sauron.cli.CliFiles.disc;
import static sauron.cli.CliFiles.list;
import static sauron.cli.CliFiles.untrainedModel2d;
import static sauron.cli.CliFiles.writeImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.cli.Cli.Result;
import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.io.ImageFiles;

/**
 * sauron segment: the labels and probabilities it writes, images that do not fit the model, and outputs that are
 * never half-written or lost.
 */
class SegmentCliTest {

	@TempDir
	Path dir;

	@Test
	void segmentWritesProbabilitiesBesideTheLabelsWhenAsked() throws IOException {
		final Path out = dir.resolve("seg.tif");
		run("segment", "-m", model2d().toString(), "-i", image2d().toString(), "-o", out.toString(), "--probabilities").assertOk();
		final Volume p = ImageFiles.readImage(dir.resolve("seg-probabilities.tif"));
		assertArrayEquals(new int[] { 32, 32 }, p.shape());
		assertEquals(2, p.channels());
		assertArrayEquals(segmentHere(model2d(), image2d()).probabilities().data(), p.data(), 1e-6f, "the probabilities the model gives here");
	}

	@Test
	void segmentCreatesMissingOutputFolders() throws IOException {
		final Path out = dir.resolve("not/yet/there/labels.nii.gz");
		run("segment", "-m", model2d().toString(), "-i", image2d().toString(), "-o", out.toString()).assertOk();
		assertArrayEquals(new int[] { 32, 32 }, ImageFiles.readLabels(out).shape());
	}

	@Test
	void segmentPadsAnImageSmallerThanThePatchAndKeepsItsShape() throws IOException {
		final Path small = writeImage(dir.resolve("small.nii.gz"), disc(new int[] { 11, 7 }, VOXEL_2D, 2));
		final Path out = dir.resolve("small-labels.nii.gz");
		run("segment", "-m", model2d().toString(), "-i", small.toString(), "-o", out.toString()).assertOk();
		final LabelVolume labels = ImageFiles.readLabels(out);
		assertArrayEquals(new int[] { 11, 7 }, labels.shape());
		assertArrayEquals(VOXEL_2D, labels.voxelSize(), 1e-6);
	}

	@Test
	void a2DImageGivenToA3DModelIsRefused() {
		assertFailsClearly(segment(model3d(), image2d(), dir.resolve("out.nii.gz")), "head.nii.gz", "2D image", "3D network");
	}

	@Test
	void anImageWithTheWrongChannelCountIsRefused() throws IOException {
		final Volume one = disc(new int[] { 32, 32 }, VOXEL_2D, 4);
		final float[] two = new float[one.data().length * 2];
		for (int i = 0; i < one.data().length; i++) {
			two[2 * i] = one.data()[i];
			two[2 * i + 1] = -one.data()[i];
		}
		final Path image = writeImage(dir.resolve("two-channels.nii.gz"), new Volume(new int[] { 32, 32 }, 2, two, VOXEL_2D));
		assertFailsClearly(segment(model2d(), image, dir.resolve("out.nii.gz")), "two-channels.nii.gz", "2 channel(s)", "trained on 1");
	}

	@Test
	void anUnsupportedOutputTypeIsRefusedBeforeSegmenting() {
		final Path png = dir.resolve("out.png");
		final Result r = segment(model2d(), image2d(), png);
		assertFailsClearly(r, png.toString(), ".nii, .nii.gz, .tif or .tiff");
		assertFalse(r.out().contains("->"), r.out());
	}

	@Test
	void aFailedSegmentationLeavesAnExistingOutputUntouched() throws IOException {
		final Path out = Files.writeString(dir.resolve("out.nii.gz"), "yesterday's result");
		final Path nan = dir.resolve("nan.nii.gz");
		final float[] values = new float[32 * 32];
		Arrays.fill(values, Float.NaN);
		writeImage(nan, new Volume(new int[] { 32, 32 }, 1, values, VOXEL_2D));
		assertFailsClearly(segment(model2d(), nan, out), "nan.nii.gz");
		assertFailsClearly(segment(dir.resolve("no-model"), image2d(), out), "no-model");
		assertEquals("yesterday's result", Files.readString(out));
		assertEquals(List.of(nan, out), list(dir), "nothing else written");
	}

	@Test
	void aMissingSecondImageIsFoundBeforeTheFirstIsSegmented() {
		final Path first = dir.resolve("first.nii.gz"), second = dir.resolve("second.nii.gz");
		final Path missing = dir.resolve("missing.nii.gz");
		final Result r = run("segment", "-m", model2d().toString(), "-i", image2d().toString(), "-o", first.toString(), "-i", missing.toString(), "-o", second.toString());
		assertFailsClearly(r, missing.toString(), "not found");
		assertEquals(List.of(), list(dir), "nothing written");
	}

	@Test
	void aSegmentationFailingOnTheSecondImageKeepsTheFirstAndLeavesNoPartialFile() throws IOException {
		final Path flat = writeImage(dir.resolve("flat.nii.gz"), Volume.zeros(new int[] { 32, 32 }, 1, VOXEL_2D));
		final Path out = Files.createDirectories(dir.resolve("out"));
		final Result r = run("segment", "-m", model2d().toString(), "-i", image2d().toString(), "-o", out.resolve("a.nii.gz").toString(), "-i", flat.toString(), "-o",
				out.resolve("b.nii.gz").toString());
		// Several images: each failure is one line, the batch goes on, and one error line sums up (issue 13 item 7).
		assertEquals(1, r.exit(), r::toString);
		assertEquals(List.of("failed: " + flat + ": image flat.nii.gz is constant (value 0.0); nothing to learn/segment",
				"error: 1 of 2 images could not be segmented (" + flat + "); 1 was written"), r.err().lines().toList());
		assertEquals(List.of(out.resolve("a.nii.gz")), list(out));
		assertArrayEquals(new int[] { 32, 32 }, ImageFiles.readLabels(out.resolve("a.nii.gz")).shape());
	}

	@Test
	void aTileWithTheWrongNumberOfSidesIsRefused() {
		final Result r = run("segment", "-m", model2d().toString(), "-i", image2d().toString(), "-o", dir.resolve("a.nii.gz").toString(), "--tile", "16x16x16");
		assertFailsClearly(r, "tile 16x16x16 has 3 sides", "2D network needs 2 sides");
	}

	@Test
	void imagesWithoutAMatchingNumberOfOutputsAreRefused() {
		final Result r = run("segment", "-m", model2d().toString(), "-i", image2d().toString(), "-i", image2d().toString(), "-o", dir.resolve("a.nii.gz").toString());
		assertFailsClearly(r, "2 images", "1 outputs", "one --output per --image");
	}

	@Test
	void inputDirWithoutOutputDirIsRefused() {
		assertFailsClearly(run("segment", "-m", model2d().toString(), "--input-dir", shared().toString()), "--input-dir needs --output-dir");
	}

	@Test
	void segmentRefusesAnOverlapAboveNineTenths() throws IOException {
		final Path model = untrainedModel2d(dir.resolve("m"));
		assertFailsClearly(run("segment", "-m", model.toString(), "-i", image2d().toString(), "-o", dir.resolve("out.nii.gz").toString(), "--overlap", "0.99"), "overlap must be in [0, 0.9], got 0.99");
		assertFalse(Files.exists(dir.resolve("out.nii.gz")));
	}
}

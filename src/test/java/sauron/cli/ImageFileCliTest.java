package sauron.cli;

import static sauron.cli.TrainedModels.image2d;
import static sauron.cli.TrainedModels.labels2d;
import static sauron.cli.TrainedModels.model2d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sauron.cli.Cli.assertFailsClearly;
import static sauron.cli.Cli.run;
import static sauron.cli.Cli.segment;
import static sauron.cli.Cli.train;
import static sauron.cli.CliFiles.VOXEL_2D;
import static sauron.cli.CliFiles.writeImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.data.Volume;

/**
 * Bad image files given to train, segment and evaluate: one "error:" line naming the file and what was expected,
 * exit 1.
 */
class ImageFileCliTest {

	@TempDir
	Path dir;

	@Test
	void aMissingImageFileIsNamed() {
		final Path missing = dir.resolve("no-such-scan.nii.gz");
		assertFailsClearly(train(missing, labels2d(), dir.resolve("m")), missing.toString(), "not found");
		assertFailsClearly(segment(model2d(), missing, dir.resolve("out.nii.gz")), missing.toString(), "not found");
		assertFailsClearly(run("evaluate", "-p", missing.toString(), "-t", labels2d().toString()), missing.toString(), "not found");
	}

	@Test
	void anEmptyFileIsNamedAsEmpty() throws IOException {
		final Path empty = Files.createFile(dir.resolve("empty.nii"));
		assertFailsClearly(train(empty, labels2d(), dir.resolve("m")), empty.toString(), "empty", "expected a NIfTI image");
	}

	@Test
	void anUnsupportedFileTypeNamesTheSupportedOnes() throws IOException {
		final Path png = Files.write(dir.resolve("scan.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		assertFailsClearly(train(png, labels2d(), dir.resolve("m")), png.toString(), ".nii, .nii.gz, .tif or .tiff");
		assertFailsClearly(segment(model2d(), png, dir.resolve("out.nii.gz")), png.toString(), ".nii, .nii.gz, .tif or .tiff");
	}

	@Test
	void aTruncatedNiftiGzIsNamedAsCorrupt() throws IOException {
		final Path truncated = dir.resolve("cut.nii.gz");
		final byte[] whole = Files.readAllBytes(image2d());
		Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
		assertFailsClearly(train(truncated, labels2d(), dir.resolve("m")), truncated.toString(), "truncated or corrupt");
		assertFailsClearly(segment(model2d(), truncated, dir.resolve("out.nii.gz")), truncated.toString(), "truncated or corrupt");
	}

	@Test
	void anImageFullOfNaNIsRefused() throws IOException {
		final float[] nan = new float[32 * 32];
		Arrays.fill(nan, Float.NaN);
		final Path image = writeImage(dir.resolve("nan.nii.gz"), new Volume(new int[] { 32, 32 }, 1, nan, VOXEL_2D));
		assertFailsClearly(train(image, labels2d(), dir.resolve("m")), "nan.nii.gz", "non-finite value", "expected finite intensities");
		assertFailsClearly(segment(model2d(), image, dir.resolve("out.nii.gz")), "nan.nii.gz", "non-finite value", "expected finite intensities");
	}

	@Test
	void aConstantImageIsRefused() throws IOException {
		final Path image = writeImage(dir.resolve("flat.nii.gz"), Volume.zeros(new int[] { 32, 32 }, 1, VOXEL_2D));
		assertFailsClearly(train(image, labels2d(), dir.resolve("m")), "flat.nii.gz", "is constant");
		assertFailsClearly(segment(model2d(), image, dir.resolve("out.nii.gz")), "flat.nii.gz", "is constant");
	}

	@Test
	void anOutputWhoseFolderIsAFileIsRefusedClearly() throws IOException {
		final Path file = Files.writeString(dir.resolve("results"), "a file, not a folder");
		final Path out = file.resolve("labels.nii.gz");
		assertFailsClearly(segment(model2d(), image2d(), out), file.toString(), "not a folder");
		assertFailsClearly(train(image2d(), labels2d(), file.resolve("model")), file.toString(), "not a folder");
		assertEquals("a file, not a folder", Files.readString(file));
	}
}

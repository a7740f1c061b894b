package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine.TypeConversionException;
import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.io.ImageFiles;

/** Sizes no patch, tile or step can hold are refused in one line naming the option (issue 13 item 9), not by TensorFlow. */
class SizeOptionsTest {

	@TempDir
	Path dir;

	@Test
	void aSizeOfMoreVoxelsThanAnIntIsRefused() {
		final TypeConversionException e = assertThrows(TypeConversionException.class, () -> new Sizes().convert("16384x16384x16384"));
		assertEquals("'16384x16384x16384' is 4,398,046,511,104 voxels, more than the 2,147,483,647 one patch or tile can hold", e.getMessage());
		assertEquals(3, new Sizes().convert("1024x1024x2047").sides().length);
	}

	@Test
	void aHugePatchIsAUsageErrorOfOneLine() {
		final Cli.Result r = Cli.run("train", "-i", "x.nii", "-l", "y.nii", "-m", dir.resolve("m").toString(), "--patch", "16384x16384x16384");
		assertEquals(2, r.exit(), r::toString);
		assertTrue(r.err().startsWith("error: Invalid value for option '--patch': '16384x16384x16384' is 4,398,046,511,104 voxels"), r::toString);
		assertFalse(r.err().contains("int32"), r::toString);
	}

	@Test
	void aBatchOfMoreVoxelsThanAStepHoldsFailsBeforeTraining() throws IOException {
		final Path image = dir.resolve("i.nii.gz"), labels = dir.resolve("l.nii.gz");
		ImageFiles.writeImage(new Volume(new int[] { 16, 16 }, 1, new float[256], new double[] { 1, 1 }), image);
		final byte[] l = new byte[256];
		l[17] = 1;
		ImageFiles.writeLabels(new LabelVolume(new int[] { 16, 16 }, l, new double[] { 1, 1 }), labels);
		final Cli.Result r = Cli.train(image, labels, dir.resolve("m"), "--batch", "100000000");
		Cli.assertFailsClearly(r, "a batch of 100000000 patches of [16, 16] is 25,600,000,000 voxels per step");
		assertFalse(Files.exists(dir.resolve("m")));
	}

	@Test
	void aBatchInScientificNotationIsAUsageError() {
		final Cli.Result r = Cli.run("train", "-i", "x.nii", "-l", "y.nii", "-m", dir.resolve("m").toString(), "--batch", "1e8");
		assertEquals(2, r.exit(), r::toString);
		assertTrue(r.err().startsWith("error: Invalid value for option '--batch': '1e8' is not an int"), r::toString);
	}
}

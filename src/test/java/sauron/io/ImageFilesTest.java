package sauron.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static sauron.io.NiftiReaderTest.assertMessage;
import static sauron.io.NiftiWriterTest.noise;
import static sauron.io.NiftiWriterTest.randomLabels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import sauron.data.LabelVolume;
import sauron.data.Volume;

class ImageFilesTest {

	/** TIFF keeps x/y resolution as a rational of 1/size with ~6 digits: 3 mm comes back as 3.000003. */
	private static final double TIFF_VOXEL_TOLERANCE = 1e-5;

	@TempDir
	Path dir;

	@Test
	void imageRoundTripsThroughEveryFormat() throws IOException {
		for (final String name : new String[] { "i.nii", "i.nii.gz", "i.tif", "i.TIFF" })
			for (final int[] shape : new int[][] { { 6, 5 }, { 6, 5, 4 } })
				for (final int channels : new int[] { 1, 2 }) {
					final double[] voxel = shape.length == 2 ? new double[] { 0.5, 0.75 } : new double[] { 0.5, 0.75, 2 };
					final Volume v = noise(shape, channels, voxel, 5);
					final Path file = dir.resolve(shape.length + "d" + channels + "c-" + name);
					ImageFiles.writeImage(v, file);
					final Volume back = ImageFiles.readImage(file);
					final String what = file.getFileName().toString();
					assertArrayEquals(v.shape(), back.shape(), what);
					assertEquals(channels, back.channels(), what);
					assertArrayEquals(v.data(), back.data(), what);
					assertArrayEquals(voxel, back.voxelSize(), TIFF_VOXEL_TOLERANCE, what);
				}
	}

	@Test
	void labelsRoundTripThroughEveryFormat() throws IOException {
		for (final String name : new String[] { "l.nii", "l.nii.gz", "l.tif" })
			for (final int[] shape : new int[][] { { 6, 5 }, { 6, 5, 4 } }) {
				final double[] voxel = shape.length == 2 ? new double[] { 3, 3 } : new double[] { 3, 3, 1 };
				final LabelVolume l = randomLabels(shape, voxel, 9);
				final Path file = dir.resolve(shape.length + "d-" + name);
				ImageFiles.writeLabels(l, file);
				final LabelVolume back = ImageFiles.readLabels(file);
				assertArrayEquals(l.shape(), back.shape(), name);
				assertArrayEquals(l.labels(), back.labels(), name);
				assertArrayEquals(voxel, back.voxelSize(), TIFF_VOXEL_TOLERANCE, name);
			}
	}

	@Test
	void reads16BitTiffStackWithMicronCalibrationInMillimetres() throws IOException {
		final ImageStack stack = new ImageStack(3, 2);
		for (int z = 0; z < 2; z++) {
			final short[] pixels = new short[6];
			for (int i = 0; i < 6; i++) pixels[i] = (short) (60000 + z * 6 + i);
			stack.addSlice(new ShortProcessor(3, 2, pixels, null));
		}
		final ImagePlus imp = new ImagePlus("s", stack);
		imp.getCalibration().setUnit("micron");
		imp.getCalibration().pixelWidth = 0.5;
		imp.getCalibration().pixelHeight = 0.5;
		imp.getCalibration().pixelDepth = 2;
		final Path file = dir.resolve("s16.tif");
		new FileSaver(imp).saveAsTiffStack(file.toString());

		final Volume v = ImageFiles.readImage(file);
		assertArrayEquals(new int[] { 3, 2, 2 }, v.shape());
		assertEquals(60000f, v.data()[0]);
		assertEquals(60011f, v.data()[11]);
		assertArrayEquals(new double[] { 0.0005, 0.0005, 0.002 }, v.voxelSize(), 1e-12);
		final IOException e = assertThrows(IOException.class, () -> ImageFiles.readLabels(file));
		assertMessage(e, file, "60000");
	}

	@Test
	void labelsFromFloatTiffMustBeIntegers() throws IOException {
		final Path file = dir.resolve("f.tif");
		new FileSaver(new ImagePlus("f", new FloatProcessor(2, 1, new float[] { 1, 2.5f }))).saveAsTiff(file.toString());
		assertMessage(assertThrows(IOException.class, () -> ImageFiles.readLabels(file)), file, "2.5");
	}

	@Test
	void rgbTiffIsRejected() throws IOException {
		final Path file = dir.resolve("rgb.tif");
		new FileSaver(new ImagePlus("rgb", new ColorProcessor(2, 2))).saveAsTiff(file.toString());
		assertMessage(assertThrows(IOException.class, () -> ImageFiles.readImage(file)), file, "RGB");
	}

	@Test
	void truncatedTiffIsAnError() throws IOException {
		final Path file = dir.resolve("t.tif");
		ImageFiles.writeImage(noise(new int[] { 16, 16, 4 }, 1, new double[] { 1, 1, 1 }, 1), file);
		final byte[] bytes = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
		assertMessage(assertThrows(IOException.class, () -> ImageFiles.readImage(file)), file, "truncated");
	}

	@Test
	void notATiffIsAnError() throws IOException {
		final Path file = Files.write(dir.resolve("x.tif"), "plain text, not a TIFF".getBytes());
		assertMessage(assertThrows(IOException.class, () -> ImageFiles.readImage(file)), file, "TIFF");
		final Path empty = Files.write(dir.resolve("e.tif"), new byte[0]);
		assertMessage(assertThrows(IOException.class, () -> ImageFiles.readImage(empty)), empty, "empty");
	}

	@Test
	void missingFilesAreNoSuchFile() {
		for (final String name : new String[] { "m.tif", "m.nii.gz" }) {
			final Path file = dir.resolve(name);
			assertMessage(assertThrows(NoSuchFileException.class, () -> ImageFiles.readImage(file)), file, "no such file");
		}
	}

	@Test
	void unknownExtensionIsAnError() {
		final Path file = dir.resolve("image.png");
		assertMessage(assertThrows(IllegalArgumentException.class, () -> ImageFiles.readImage(file)), file, ".nii.gz");
		assertMessage(assertThrows(IllegalArgumentException.class,
			() -> ImageFiles.writeLabels(LabelVolume.zeros(new int[] { 1, 1 }, new double[] { 1, 1 }), file)), file, ".tif");
	}
}

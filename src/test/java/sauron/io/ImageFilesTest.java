package sauron.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sauron.io.NiftiReaderTest.assertMessage;
import static sauron.io.NiftiWriterTest.noise;
import static sauron.io.NiftiWriterTest.randomLabels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.measure.Calibration;
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

	/** A 3D TIFF calibrated as ImageJ allows: its own unit per axis, and an origin. */
	private Path calibratedTiff(final String name) throws IOException {
		final ImageStack stack = new ImageStack(4, 3);
		for (int z = 0; z < 2; z++) stack.addSlice(new ShortProcessor(4, 3));
		final ImagePlus imp = new ImagePlus(name, stack);
		final Calibration cal = imp.getCalibration();
		cal.setXUnit("micron");
		cal.setYUnit("nm");
		cal.setZUnit("mm");
		cal.pixelWidth = 0.3;
		cal.pixelHeight = 250;
		cal.pixelDepth = 2.5;
		cal.xOrigin = 1.25;
		cal.yOrigin = -3.5;
		cal.zOrigin = 7.75;
		final Path file = dir.resolve(name);
		new FileSaver(imp).saveAsTiffStack(file.toString());
		return file;
	}

	@Test
	void aTiffsCalibrationOriginAndUnitsComeOutUnchangedInOutputsOnItsGrid() throws IOException {
		final Path input = calibratedTiff("calibrated.tif");
		final Volume image = ImageFiles.readImage(input);
		assertArrayEquals(new double[] { 0.3e-3, 250e-6, 2.5 }, image.voxelSize(), 1e-9);
		final Path probabilities = dir.resolve("probabilities.tif"), labels = dir.resolve("labels.tif");
		ImageFiles.writeImage(new Volume(image.shape(), 2, new float[2 * (int) image.voxels()], image.geometry()), probabilities);
		ImageFiles.writeLabels(new LabelVolume(image.shape(), new byte[(int) image.voxels()], ImageFiles.readLabels(input).geometry()), labels);
		final Calibration in = new Opener().openTiff(dir + "/", "calibrated.tif").getCalibration();
		for (final Path output : new Path[] { probabilities, labels }) {
			final Calibration out = new Opener().openTiff(dir + "/", output.getFileName().toString()).getCalibration();
			final String what = output.getFileName().toString();
			assertEquals(List.of(in.getXUnit(), in.getYUnit(), in.getZUnit()), List.of(out.getXUnit(), out.getYUnit(), out.getZUnit()), what);
			assertEquals(List.of("micron", "nm", "mm"), List.of(out.getXUnit(), out.getYUnit(), out.getZUnit()), what);
			assertArrayEquals(new double[] { in.xOrigin, in.yOrigin, in.zOrigin }, new double[] { out.xOrigin, out.yOrigin, out.zOrigin }, 0, what);
			assertArrayEquals(new double[] { in.pixelWidth, in.pixelHeight, in.pixelDepth }, new double[] { out.pixelWidth, out.pixelHeight, out.pixelDepth },
				1e-6 * 250, what);
		}
	}

	@Test
	void aTiffsOriginBecomesTheNiftiOffsetInMillimetres() throws IOException {
		final Volume image = ImageFiles.readImage(calibratedTiff("to-nifti.tif"));
		final Path nifti = dir.resolve("from-tiff.nii.gz");
		ImageFiles.writeImage(image, nifti);
		final double[][] a = ImageFiles.readImage(nifti).geometry().affine();
		// ImageJ puts pixel i at (i - origin) * size: pixel 0 at -1.25 * 0.3 µm, 3.5 * 250 nm, -7.75 * 2.5 mm
		assertArrayEquals(new double[] { 0.3e-3, 0, 0, -1.25 * 0.3e-3 }, a[0], 1e-8);
		assertArrayEquals(new double[] { 0, 250e-6, 0, 3.5 * 250e-6 }, a[1], 1e-8);
		assertArrayEquals(new double[] { 0, 0, 2.5, -7.75 * 2.5 }, a[2], 1e-6);
		assertNull(ImageFiles.geometryNotKept(image.geometry(), nifti));
	}

	@Test
	void anUnrotatedNiftiGridKeepsItsPlaceInATiffAndAFlippedOneOnlyItsVoxelSizeWithAWarning() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(3, 2, 2);
		n.values = new double[12];
		n.pixdim = new float[] { 1, 3, 3, 3, 1, 1, 1, 1 };
		n.sformCode = 4;
		n.srow = new float[] { 3, 0, 0, 9, 0, 3, 0, -123, 0, 0, 3, -69 };
		final Path placed = Files.write(dir.resolve("placed.nii"), n.bytes());
		final Volume image = ImageFiles.readImage(placed);
		final Path tiff = dir.resolve("placed.tif");
		assertNull(ImageFiles.geometryNotKept(image.geometry(), tiff));
		ImageFiles.writeImage(image, tiff);
		final Calibration cal = new Opener().openTiff(dir + "/", "placed.tif").getCalibration();
		assertEquals("mm", cal.getUnit());
		assertArrayEquals(new double[] { -3, 41, 23 }, new double[] { cal.xOrigin, cal.yOrigin, cal.zOrigin }, 1e-9, "voxel 0 at (9, -123, -69) mm");

		n.srow = new float[] { -3, 0, 0, 9, 0, 3, 0, -123, 0, 0, 3, -69 };
		final Volume flipped = ImageFiles.readImage(Files.write(dir.resolve("flipped.nii"), n.bytes()));
		final Path flippedTiff = dir.resolve("flipped.tif");
		final String warning = ImageFiles.geometryNotKept(flipped.geometry(), flippedTiff);
		assertTrue(warning != null && warning.startsWith(flippedTiff + ": a TIFF cannot hold a rotated or flipped grid") && warning.contains(".nii.gz"), warning);
		ImageFiles.writeImage(flipped, flippedTiff);
		final Calibration c = new Opener().openTiff(dir + "/", "flipped.tif").getCalibration();
		assertArrayEquals(new double[] { 3, 3, 3, 0, 0, 0 }, new double[] { c.pixelWidth, c.pixelHeight, c.pixelDepth, c.xOrigin, c.yOrigin, c.zOrigin }, 1e-5);
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

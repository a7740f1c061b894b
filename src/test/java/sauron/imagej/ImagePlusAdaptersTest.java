package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import net.imglib2.RandomAccess;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import sauron.data.LabelVolume;
import sauron.data.Volume;

class ImagePlusAdaptersTest {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	@Test
	void writingThroughTheImgChangesTheImagePlusAndBack() {
		for (final String type : new String[] { "8-bit", "16-bit", "32-bit" })
			checkSharedMemory(IJ.createImage("h", type + " black", 5, 4, 2, 3, 1), type);
	}

	private static <T extends NativeType<T> & RealType<T>> void checkSharedMemory(final ImagePlus imp, final String type) {
		final PlanarImg<T, ?> img = ImagePlusImgs.wrap(imp);
		assertArrayEquals(new long[] { 5, 4, 2, 3, 1 }, img.dimensionsAsLongArray(), type);
		final RandomAccess<T> ra = img.randomAccess();
		ra.setPosition(new long[] { 3, 2, 1, 2, 0 });
		ra.get().setReal(7);
		// channel 2 of slice 3 is stack index (c - 1) + (z - 1) * C + 1 = 6
		assertEquals(7, imp.getStack().getProcessor(6).getf(3, 2), type);
		imp.getStack().getProcessor(1).setf(0, 1, 9);
		ra.setPosition(new long[] { 0, 1, 0, 0, 0 });
		assertEquals(9, ra.get().getRealDouble(), type);
		assertSame(imp.getStack().getPixels(6), ((ArrayDataAccess<?>) img.getPlane(5)).getCurrentStorageArray());
	}

	@Test
	void aPlanarImgBecomesAnImagePlusOverTheSameArrays() {
		final ImagePlus original = IJ.createImage("h", "16-bit black", 4, 3, 2, 2, 1);
		final PlanarImg<UnsignedShortType, ?> img = ImagePlusImgs.wrap(original);
		final ImagePlus back = ImagePlusImgs.toImagePlus(img, "back");
		assertEquals(2, back.getNChannels());
		assertEquals(2, back.getNSlices());
		img.firstElement().set(1234);
		assertEquals(1234, back.getStack().getProcessor(1).get(0, 0));
	}

	@Test
	void calibrationRoundTripsThroughMillimetres() {
		final Calibration cal = new Calibration();
		cal.setUnit("µm");
		cal.pixelWidth = 500;
		cal.pixelHeight = 250;
		cal.pixelDepth = 2000;
		final double[] mm = VoxelSizes.millimetres(cal, 3);
		assertArrayEquals(new double[] { 0.5, 0.25, 2 }, mm, 1e-12);
		final Calibration back = new Calibration();
		VoxelSizes.apply(mm, back);
		assertEquals("mm", back.getUnit());
		assertArrayEquals(mm, VoxelSizes.millimetres(back, 3), 1e-12);
		cal.setUnit("nm");
		assertEquals(0.5e-3, VoxelSizes.millimetres(cal, 2)[0], 1e-15);
		cal.setUnit("cm");
		assertEquals(5000, VoxelSizes.millimetres(cal, 2)[0], 1e-9);
	}

	@Test
	void aHyperstackBecomesAChannelsLastVolumeWithItsVoxelSize() {
		final ImagePlus imp = IJ.createImage("h", "32-bit black", 3, 2, 2, 4, 1);
		for (int s = 1; s <= 8; s++) imp.getStack().getProcessor(s).setf(1, 1, s);
		imp.getCalibration().setUnit("micron");
		imp.getCalibration().pixelWidth = 100;
		imp.getCalibration().pixelHeight = 100;
		imp.getCalibration().pixelDepth = 300;
		final Volume v = ImagePlusVolumes.toVolume(imp);
		assertArrayEquals(new int[] { 3, 2, 4 }, v.shape());
		assertEquals(2, v.channels());
		assertArrayEquals(new double[] { 0.1, 0.1, 0.3 }, v.voxelSize(), 1e-12);
		// voxel (1, 1, z = 2), channel 1 is stack slice 2 * 2 + 1 + 1 = 6
		assertEquals(6, v.data()[v.index(1, 1, 2) + 1]);
		final ImagePlus back = ImagePlusVolumes.toImagePlus(v, "back");
		assertEquals(6, back.getStack().getProcessor(6).getf(1, 1));
		assertEquals(300, back.getCalibration().pixelDepth, 1e-12, "the calibration comes back as it was, in microns");
		assertEquals("micron", back.getCalibration().getZUnit());
	}

	@Test
	void anImageKeepsItsCalibrationOriginAndUnitsThroughAVolumeAndBack() {
		final ImagePlus imp = IJ.createImage("h", "16-bit black", 5, 4, 1, 3, 1);
		final Calibration cal = imp.getCalibration();
		cal.setXUnit("micron");
		cal.setYUnit("nm");
		cal.setZUnit("mm");
		cal.pixelWidth = 0.25;
		cal.pixelHeight = 700;
		cal.pixelDepth = 2.5;
		cal.xOrigin = 1.5;
		cal.yOrigin = -3;
		cal.zOrigin = 7.25;
		final Volume v = ImagePlusVolumes.toVolume(imp);
		assertArrayEquals(new double[] { 0.25e-3, 700e-6, 2.5 }, v.voxelSize(), 1e-15);
		// ImageJ puts pixel i at (i - origin) * size: pixel 0 of x at -1.5 * 0.25 µm
		assertArrayEquals(new double[] { 0.25e-3, 0, 0, -1.5 * 0.25e-3 }, v.geometry().affine()[0], 1e-15);
		for (final ImagePlus back : new ImagePlus[] { ImagePlusVolumes.toImagePlus(v, "image"), ImagePlusVolumes.toImagePlus(ImagePlusVolumes.toLabels(imp), "labels") }) {
			final Calibration b = back.getCalibration();
			assertEquals(List.of("micron", "nm", "mm"), List.of(b.getXUnit(), b.getYUnit(), b.getZUnit()), back.getTitle());
			assertArrayEquals(new double[] { 0.25, 700, 2.5, 1.5, -3, 7.25 },
					new double[] { b.pixelWidth, b.pixelHeight, b.pixelDepth, b.xOrigin, b.yOrigin, b.zOrigin }, back.getTitle());
		}
	}

	@Test
	void labelsRoundTripAndBadLabelsAreNamed() {
		final ImagePlus imp = IJ.createImage("labels", "8-bit black", 4, 4, 3);
		imp.getStack().getProcessor(2).set(1, 2, 3);
		final LabelVolume labels = ImagePlusVolumes.toLabels(imp);
		assertEquals(3, labels.get((1 * 4 + 2) * 4 + 1), "x 1, y 2, z 1");
		final ImagePlus back = ImagePlusVolumes.toImagePlus(labels, "back");
		assertEquals(8, back.getBitDepth());
		assertEquals(3, back.getStack().getProcessor(2).get(1, 2));
		final ImagePlus fractional = IJ.createImage("fractions", "32-bit black", 4, 4, 1);
		fractional.getProcessor().setf(2, 1, 0.5f);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImagePlusVolumes.toLabels(fractional));
		assertTrue(e.getMessage().contains("fractions") && e.getMessage().contains("(2, 1)"), e.getMessage());
	}

	@Test
	void rgbAndTimeSeriesOfStacksAreRejectedWithTheImageName() {
		final ImagePlus rgb = new ImagePlus("photo", new ColorProcessor(4, 4));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImagePlusVolumes.toVolume(rgb));
		assertTrue(e.getMessage().startsWith("photo is an RGB image"), e.getMessage());
		final ImagePlus movie = IJ.createImage("movie", "8-bit black", 4, 4, 1, 2, 3);
		assertThrows(IllegalArgumentException.class, () -> ImagePlusVolumes.toVolume(movie));
	}
}

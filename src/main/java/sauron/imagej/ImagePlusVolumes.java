package sauron.imagej;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.LUT;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import sauron.data.Geometry;
import sauron.data.LabelVolume;
import sauron.data.Shapes;
import sauron.data.Volume;
import sauron.io.TiffReader;
import sauron.io.TiffWriter;

/**
 * ImagePlus <-> the core's {@link Volume} and {@link LabelVolume}. The core wants one dense channels-last
 * array (it is copied straight into tensors), so these conversions copy; they read through the zero-copy
 * {@link ImagePlusImgs} view. Hyperstack channels become channels; z comes from slices, or from frames when
 * there is one slice per frame; the calibration (sizes, origin, units) becomes the geometry, as a TIFF's does, and
 * back. Values are calibrated as the TIFF reader calibrates them (signed 16-bit images give their signed values).
 */
public final class ImagePlusVolumes {

	private ImagePlusVolumes() {}

	/** The whole image as one volume: z from slices, or from frames when there is one slice per frame (see {@link ImagePlusChecks#spatialShape}). */
	public static Volume toVolume(final ImagePlus imp) {
		final int[] shape = ImagePlusChecks.spatialShape(imp);
		ImagePlusChecks.requireJavaArray(imp, Shapes.voxels(shape) * imp.getNChannels());
		return read(imp, 0, imp.getNFrames(), shape);
	}

	/**
	 * Frames [first, first + count) as one volume whose z runs over their planes, slices within frames: one frame of
	 * a 3D image, or a time series's frames as the planes a 2D network segments one by one (see {@link NetworkLayout}).
	 */
	static Volume toVolume(final ImagePlus imp, final int first, final int count) {
		final int planes = imp.getNSlices() * count;
		final int[] shape = planes > 1 ? new int[] { imp.getWidth(), imp.getHeight(), planes } : new int[] { imp.getWidth(), imp.getHeight() };
		ImagePlusChecks.requireJavaArray(imp, Shapes.voxels(shape) * imp.getNChannels());
		return read(imp, first, count, shape);
	}

	/** Copies frames [first, first + count) into a channels-last array of the given shape: planes in stack order, channels interleaved. */
	private static <T extends NativeType<T> & RealType<T>> Volume read(final ImagePlus imp, final int first, final int count, final int[] shape) {
		final PlanarImg<T, ?> img = ImagePlusImgs.wrap(imp);
		final RandomAccessibleInterval<T> xyczt = Views.interval(img, new long[] { 0, 0, 0, 0, first },
				new long[] { imp.getWidth() - 1, imp.getHeight() - 1, imp.getNChannels() - 1, imp.getNSlices() - 1, first + count - 1 });
		final int channels = imp.getNChannels();
		final float[] data = new float[Math.toIntExact(Shapes.voxels(shape) * channels)];
		final int plane = shape[0] * shape[1];
		final Calibration cal = imp.getCalibration();
		final boolean calibrated = imp.getBitDepth() != 32 && cal.calibrated();
		// The flat cursor runs x fastest, then y, c, z, t: the stack order, so positions can be counted.
		final Cursor<T> cursor = Views.flatIterable(xyczt).cursor();
		for (int p = 0; cursor.hasNext(); p++) {
			final int c = p % channels, z = p / channels;
			for (int i = 0; i < plane; i++) {
				final double v = cursor.next().getRealDouble();
				data[(z * plane + i) * channels + c] = (float) (calibrated ? cal.getCValue(v) : v);
			}
		}
		return new Volume(shape, channels, data, TiffReader.geometry(cal));
	}

	/** One channel of integer values 0..255, else an IllegalArgumentException naming the image, value and pixel. */
	public static LabelVolume toLabels(final ImagePlus imp) {
		requireOneChannel(imp);
		return toLabels(toVolume(imp), imp.getTitle());
	}

	static void requireOneChannel(final ImagePlus imp) {
		if (imp.getNChannels() != 1)
			throw new IllegalArgumentException(imp.getTitle() + ": a label image must have one channel, this one has " + imp.getNChannels());
	}

	/** A one-channel volume read from the image titled {@code title} as labels; see {@link #toLabels(ImagePlus)}. */
	static LabelVolume toLabels(final Volume v, final String title) {
		final float[] values = v.data();
		final byte[] labels = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			final float value = values[i];
			if (!(value >= 0 && value <= 255 && value == Math.rint(value)))
				throw new IllegalArgumentException(title + ": label value " + value + " at pixel " + Shapes.position(v.shape(), i)
						+ ", expected integers 0..255 (0 = background)");
			labels[i] = (byte) (int) value;
		}
		return new LabelVolume(v.shape(), labels, v.geometry());
	}

	/**
	 * A 32-bit image, channels as hyperstack channels. Several channels make a grayscale CompositeImage, so that
	 * each channel keeps its own display range (feature maps differ widely; one shared range shows most as black).
	 */
	public static ImagePlus toImagePlus(final Volume volume, final String title) {
		final int[] shape = volume.shape();
		final int channels = volume.channels(), depth = shape.length > 2 ? shape[2] : 1;
		final ImagePlus plain = image(title, TiffWriter.floatStack(volume), channels, depth, volume.geometry());
		final ImagePlus imp = channels > 1 ? new CompositeImage(plain, IJ.GRAYSCALE) : plain;
		for (int c = 1; c <= channels; c++) {
			imp.setC(c);
			imp.resetDisplayRange();
		}
		imp.setC(1);
		return imp;
	}

	/** An 8-bit label image with a LUT that gives neighbouring labels clearly different colours. */
	public static ImagePlus toImagePlus(final LabelVolume labels, final String title) {
		final int[] shape = labels.shape();
		final int plane = shape[0] * shape[1], depth = shape.length > 2 ? shape[2] : 1;
		final ImageStack stack = new ImageStack(shape[0], shape[1]);
		for (int z = 0; z < depth; z++) {
			final byte[] pixels = new byte[plane];
			System.arraycopy(labels.labels(), z * plane, pixels, 0, plane);
			stack.addSlice(new ByteProcessor(shape[0], shape[1], pixels));
		}
		final ImagePlus imp = image(title, stack, 1, depth, labels.geometry());
		imp.setLut(LabelColours.lut());
		imp.setDisplayRange(0, 255);
		return imp;
	}

	/** Class probabilities as "<name>-probabilities": one channel per class, slices labelled "class c", display range 0-1. */
	public static ImagePlus probabilityImage(final Volume p, final String name) {
		final ImagePlus probabilities = toImagePlus(p, name + "-probabilities");
		for (int c = 1; c <= p.channels(); c++) {
			probabilities.setC(c);
			probabilities.setDisplayRange(0, 1);
		}
		probabilities.setC(1);
		for (int z = 0; z < probabilities.getNSlices(); z++)
			for (int c = 0; c < probabilities.getNChannels(); c++)
				probabilities.getStack().setSliceLabel("class " + c, z * probabilities.getNChannels() + c + 1);
		return probabilities;
	}

	/** The geometry becomes the calibration as in a TIFF file (see {@link TiffWriter#calibrate}). */
	private static ImagePlus image(final String title, final ImageStack stack, final int channels, final int depth, final Geometry geometry) {
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(channels, depth, 1);
		if (channels > 1) imp.setOpenAsHyperStack(true);
		TiffWriter.calibrate(imp.getCalibration(), geometry);
		return imp;
	}


}

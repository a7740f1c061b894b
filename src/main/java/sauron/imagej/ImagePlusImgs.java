package sauron.imagej;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

/**
 * Zero-copy ImgLib2 views of ImageJ 1 images and back (only imglib2 core is available, so this is a small
 * imglib2-ij). The axes are always (x, y, c, z, t), the order of an ImageJ hyperstack, so plane i of the
 * {@link PlanarImg} is stack slice i + 1: writing through the img changes the ImagePlus and vice versa.
 * Size-1 axes are kept so that the axis order never depends on the image; drop them with
 * {@code Views.dropSingletonDimensions} where that helps.
 */
public final class ImagePlusImgs {

	private ImagePlusImgs() {}

	/**
	 * @throws IllegalArgumentException for RGB (24-bit) images, which hold three channels in one int
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static <T extends NativeType<T> & RealType<T>> PlanarImg<T, ?> wrap(final ImagePlus imp) {
		ImagePlusChecks.requireGrey(imp);
		final ImageStack stack = imp.getStack();
		final long[] dims = { imp.getWidth(), imp.getHeight(), imp.getNChannels(), imp.getNSlices(), imp.getNFrames() };
		final int n = stack.getSize();
		switch (imp.getBitDepth()) {
			case 8: {
				final List<ByteArray> planes = new ArrayList<>(n);
				for (int i = 1; i <= n; i++) planes.add(new ByteArray((byte[]) stack.getPixels(i)));
				final PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(planes, dims, new Fraction());
				img.setLinkedType(new UnsignedByteType(img));
				return (PlanarImg) img;
			}
			case 16: {
				final List<ShortArray> planes = new ArrayList<>(n);
				for (int i = 1; i <= n; i++) planes.add(new ShortArray((short[]) stack.getPixels(i)));
				final PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(planes, dims, new Fraction());
				img.setLinkedType(new UnsignedShortType(img));
				return (PlanarImg) img;
			}
			default: {
				final List<FloatArray> planes = new ArrayList<>(n);
				for (int i = 1; i <= n; i++) planes.add(new FloatArray((float[]) stack.getPixels(i)));
				final PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(planes, dims, new Fraction());
				img.setLinkedType(new FloatType(img));
				return (PlanarImg) img;
			}
		}
	}

	/**
	 * An ImagePlus over the planes of an (x, y[, c[, z[, t]]]) unsigned-byte, unsigned-short or float
	 * {@link PlanarImg}, without copying.
	 */
	public static ImagePlus toImagePlus(final PlanarImg<?, ?> img, final String title) {
		if (img.numDimensions() < 2 || img.numDimensions() > 5)
			throw new IllegalArgumentException("an ImagePlus has 2 to 5 axes (x, y, c, z, t), this image has " + img.numDimensions());
		final int width = (int) img.dimension(0), height = (int) img.dimension(1);
		final int[] czt = { 1, 1, 1 };
		for (int d = 2; d < img.numDimensions(); d++) czt[d - 2] = Math.toIntExact(img.dimension(d));
		final Object type = img.firstElement();
		final ImageStack stack = new ImageStack(width, height);
		for (int i = 0; i < img.numSlices(); i++) {
			final Object pixels = ((ArrayDataAccess<?>) img.getPlane(i)).getCurrentStorageArray();
			final ImageProcessor ip;
			if (type instanceof UnsignedByteType) ip = new ByteProcessor(width, height, (byte[]) pixels);
			else if (type instanceof UnsignedShortType) ip = new ShortProcessor(width, height, (short[]) pixels, null);
			else if (type instanceof FloatType) ip = new FloatProcessor(width, height, (float[]) pixels);
			else throw new IllegalArgumentException("ImageJ 1 shows unsigned byte, unsigned short or float images, not " + type.getClass().getSimpleName());
			stack.addSlice(ip);
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(czt[0], czt[1], czt[2]);
		if (czt[0] > 1) imp.setOpenAsHyperStack(true);
		return imp;
	}
}

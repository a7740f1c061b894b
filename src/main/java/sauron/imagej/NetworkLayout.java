package sauron.imagej;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import sauron.data.LabelVolume;
import sauron.data.NetworkInput;
import sauron.data.Shapes;
import sauron.data.Volume;

/**
 * How an ImagePlus's channels, slices and frames meet a 2D or 3D network, and how the network's outputs become a
 * hyperstack of the same slices and frames. Channels are the network's input channels. Frames are time, never z:
 * <ul>
 * <li>a 2D network reads every plane (each slice of each frame) as its own 2D image; they go to the engine as one
 * stack, which it segments plane by plane, and come back as the same slices and frames;</li>
 * <li>a 3D network reads each frame's slices as a volume; a time series of single planes is refused, as its frames are
 * not slices (one sentence says how to make them slices where they are).</li>
 * </ul>
 * Every volume is checked against the Java array limit before any is read.
 */
final class NetworkLayout {

	private NetworkLayout() {}

	/** The volumes the engine gets, in order: one for a 2D network or a single-frame image, else one per frame. */
	static List<Volume> volumes(final ImagePlus imp, final int networkDims) {
		ImagePlusChecks.requireGrey(imp);
		final int frames = imp.getNFrames(), slices = imp.getNSlices();
		if (networkDims == 2 || frames == 1) {
			ImagePlusChecks.requireJavaArray(imp, Shapes.voxels(new int[] { imp.getWidth(), imp.getHeight(), slices * frames }) * imp.getNChannels());
			return List.of(ImagePlusVolumes.toVolume(imp, 0, frames));
		}
		if (slices == 1)
			throw new IllegalArgumentException(imp.getTitle() + " is a time series of " + frames + " frames of one plane, and a 3D network needs slices: "
					+ "frames are not slices (if these frames are z, make them slices with Image > Properties or Image > Hyperstacks > Re-order Hyperstacks)");
		ImagePlusChecks.requireJavaArray(imp, Shapes.voxels(new int[] { imp.getWidth(), imp.getHeight(), slices }) * imp.getNChannels());
		final List<Volume> perFrame = new ArrayList<>(frames);
		for (int t = 0; t < frames; t++) perFrame.add(ImagePlusVolumes.toVolume(imp, t, 1));
		return perFrame;
	}

	/** A label image laid out as {@link #volumes}, read the same way (one channel, integers 0..255). */
	static List<LabelVolume> labels(final ImagePlus imp, final int networkDims) {
		ImagePlusVolumes.requireOneChannel(imp);
		final List<LabelVolume> labels = new ArrayList<>();
		for (final Volume v : volumes(imp, networkDims)) labels.add(ImagePlusVolumes.toLabels(v, imp.getTitle()));
		return labels;
	}

	/** The network dimensionality for "auto": 3D for an image with slices, else 2D (a time series of planes is 2D). */
	static int autoDims(final ImagePlus imp) {
		return imp.getNSlices() > 1 ? 3 : 2;
	}

	/** Refuses an image whose channels are not the model's input channels, naming both counts. */
	static void requireChannels(final ImagePlus imp, final ModelFacts model) {
		final String mismatch = model != null ? NetworkInput.channelsMismatch(imp.getTitle(), imp.getNChannels(), model.inputChannels()) : null;
		if (mismatch != null)
			throw new IllegalArgumentException(mismatch + " (Image > Color > Channels Tool or Image > Hyperstacks > Reduce Dimensionality to choose them)");
	}

	/** The engine's label volumes (in the order of {@link #volumes}) as one 8-bit image with the input's slices and frames. */
	static ImagePlus labelImage(final List<LabelVolume> parts, final ImagePlus input, final String title) {
		final LabelVolume first = parts.get(0);
		final byte[] all = new byte[Math.toIntExact((long) first.labels().length * parts.size())];
		for (int i = 0; i < parts.size(); i++) System.arraycopy(parts.get(i).labels(), 0, all, i * first.labels().length, first.labels().length);
		final ImagePlus imp = ImagePlusVolumes.toImagePlus(new LabelVolume(stackShape(first.shape(), parts.size()), all, first.geometry()), title);
		return withSlicesAndFrames(imp, 1, input);
	}

	/** The engine's probabilities (one channel per class) as one hyperstack (class, z, t) with the input's slices and frames. */
	static ImagePlus probabilityImage(final List<Volume> parts, final ImagePlus input, final String name) {
		final Volume first = parts.get(0);
		final int n = first.data().length;
		final float[] all = new float[Math.toIntExact((long) n * parts.size())];
		for (int i = 0; i < parts.size(); i++) System.arraycopy(parts.get(i).data(), 0, all, i * n, n);
		final Volume joined = new Volume(stackShape(first.shape(), parts.size()), first.channels(), all, first.geometry());
		final ImagePlus imp = ImagePlusVolumes.probabilityImage(joined, name);
		return withSlicesAndFrames(imp, first.channels(), input);
	}

	/** Frames after frames along z: the volumes are z-slowest, so their arrays simply follow one another. */
	private static int[] stackShape(final int[] shape, final int parts) {
		if (parts == 1) return shape;
		return new int[] { shape[0], shape[1], (shape.length > 2 ? shape[2] : 1) * parts };
	}

	private static ImagePlus withSlicesAndFrames(final ImagePlus imp, final int channels, final ImagePlus input) {
		imp.setDimensions(channels, input.getNSlices(), input.getNFrames());
		if (channels > 1 || input.getNFrames() > 1) imp.setOpenAsHyperStack(true);
		return imp;
	}
}

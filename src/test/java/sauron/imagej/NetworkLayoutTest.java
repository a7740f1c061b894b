package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.VirtualStack;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import sauron.data.LabelVolume;
import sauron.data.Volume;

/** Images as Fiji has them: frames are time, channels are the network's inputs, and a too large image is refused before it is read. */
class NetworkLayoutTest {

	/** An 8-bit 4x3 hyperstack whose pixel (1, 2) holds 100 * t + 10 * z + c (1-based c, 0-based z and t). */
	private static ImagePlus hyperstack(final String title, final int channels, final int slices, final int frames) {
		final ImagePlus imp = IJ.createImage(title, "8-bit black", 4, 3, channels, slices, frames);
		for (int t = 0; t < frames; t++)
			for (int z = 0; z < slices; z++)
				for (int c = 1; c <= channels; c++)
					imp.getStack().getProcessor(imp.getStackIndex(c, z + 1, t + 1)).set(1, 2, 100 * t + 10 * z + c);
		return imp;
	}

	private static float at(final Volume v, final int z, final int c) {
		return v.data()[v.index(1, 2, z) + c];
	}

	@Test
	void aTimeSeriesOfPlanesIsOneImagePerFrameForA2DNetworkAndTheOutputsKeepTheFrames() {
		final ImagePlus movie = hyperstack("movie", 2, 1, 3);
		final List<Volume> in = NetworkLayout.volumes(movie, 2);
		assertEquals(1, in.size(), "one stack of planes: the engine segments a 2D network's stack plane by plane");
		assertArrayEquals(new int[] { 4, 3, 3 }, in.get(0).shape());
		assertEquals(2, in.get(0).channels(), "channels stay channels");
		for (int t = 0; t < 3; t++)
			for (int c = 0; c < 2; c++) assertEquals(100 * t + c + 1, at(in.get(0), t, c), "frame " + t + ", channel " + c);

		final byte[] labels = new byte[4 * 3 * 3];
		for (int t = 0; t < 3; t++) labels[(t * 3 + 2) * 4 + 1] = (byte) (t + 1);
		final ImagePlus out = NetworkLayout.labelImage(List.of(new LabelVolume(new int[] { 4, 3, 3 }, labels, new double[] { 1, 1, 1 })), movie, "movie-labels");
		assertArrayEquals(new int[] { 4, 3, 1, 1, 3 }, out.getDimensions(), "frames stay frames, not slices");
		for (int t = 0; t < 3; t++) assertEquals(t + 1, out.getStack().getProcessor(out.getStackIndex(1, 1, t + 1)).get(1, 2));

		final Volume p = Volume.zeros(new int[] { 4, 3, 3 }, 2, new double[] { 1, 1, 1 });
		for (int t = 0; t < 3; t++) p.data()[p.index(1, 2, t) + 1] = 0.1f * (t + 1);
		final ImagePlus probabilities = NetworkLayout.probabilityImage(List.of(p), movie, "movie");
		assertArrayEquals(new int[] { 4, 3, 2, 1, 3 }, probabilities.getDimensions(), "a channel per class, the input's frames");
		for (int t = 0; t < 3; t++)
			assertEquals(0.1f * (t + 1), probabilities.getStack().getProcessor(probabilities.getStackIndex(2, 1, t + 1)).getf(1, 2), 1e-6, "class 1, frame " + t);
	}

	@Test
	void aTimeSeriesOfPlanesIsRefusedByA3DNetworkBecauseFramesAreNotSlices() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkLayout.volumes(hyperstack("movie", 1, 1, 5), 3));
		assertTrue(e.getMessage().startsWith("movie is a time series of 5 frames"), e.getMessage());
		assertTrue(e.getMessage().contains("frames are not slices") && e.getMessage().contains("Image > Properties")
				&& e.getMessage().contains("Re-order Hyperstacks"), e.getMessage());
		assertEquals(3, NetworkLayout.volumes(hyperstack("stack", 1, 5, 1), 3).get(0).dims(), "slices make a volume");
	}

	@Test
	void a3DNetworkReadsEachFramesSlicesAsOneVolumeAndTheOutputsBecomeOneHyperstack() {
		final ImagePlus film = hyperstack("film", 2, 2, 3);
		final List<Volume> in = NetworkLayout.volumes(film, 3);
		assertEquals(3, in.size(), "one volume per frame");
		for (int t = 0; t < 3; t++) {
			assertArrayEquals(new int[] { 4, 3, 2 }, in.get(t).shape());
			for (int z = 0; z < 2; z++)
				for (int c = 0; c < 2; c++) assertEquals(100 * t + 10 * z + c + 1, at(in.get(t), z, c), "frame " + t + ", slice " + z + ", channel " + c);
		}
		final List<LabelVolume> labels = new ArrayList<>();
		final List<Volume> probabilities = new ArrayList<>();
		for (int t = 0; t < 3; t++) {
			final LabelVolume l = LabelVolume.zeros(new int[] { 4, 3, 2 }, new double[] { 1, 1, 1 });
			l.labels()[(1 * 3 + 2) * 4 + 1] = (byte) (t + 1); // z = 1
			labels.add(l);
			final Volume p = Volume.zeros(new int[] { 4, 3, 2 }, 3, new double[] { 1, 1, 1 });
			p.data()[p.index(1, 2, 1) + 2] = t + 1;
			probabilities.add(p);
		}
		final ImagePlus out = NetworkLayout.labelImage(labels, film, "film-labels");
		assertArrayEquals(new int[] { 4, 3, 1, 2, 3 }, out.getDimensions());
		final ImagePlus prob = NetworkLayout.probabilityImage(probabilities, film, "film");
		assertArrayEquals(new int[] { 4, 3, 3, 2, 3 }, prob.getDimensions(), "(class, z, t)");
		for (int t = 0; t < 3; t++) {
			assertEquals(t + 1, out.getStack().getProcessor(out.getStackIndex(1, 2, t + 1)).get(1, 2), "frame " + t);
			assertEquals(0, out.getStack().getProcessor(out.getStackIndex(1, 1, t + 1)).get(1, 2));
			assertEquals(t + 1, prob.getStack().getProcessor(prob.getStackIndex(3, 2, t + 1)).getf(1, 2), "class 2, slice 2, frame " + t);
		}
	}

	@Test
	void a2DNetworkReadsEverySliceOfEveryFrameAsItsOwnPlane() {
		final Volume planes = NetworkLayout.volumes(hyperstack("film", 1, 2, 3), 2).get(0);
		assertArrayEquals(new int[] { 4, 3, 6 }, planes.shape());
		for (int t = 0; t < 3; t++)
			for (int z = 0; z < 2; z++) assertEquals(100 * t + 10 * z + 1, at(planes, t * 2 + z, 0), "slices within frames");
	}

	@Test
	void channelsOtherThanTheModelsAreRefusedNamingBothCounts() {
		final ImagePlus two = hyperstack("cells", 2, 1, 1);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkLayout.requireChannels(two, new ModelFacts(2, 1)));
		assertTrue(e.getMessage().startsWith("cells has 2 channel(s); the model was trained on 1"), e.getMessage());
		NetworkLayout.requireChannels(two, new ModelFacts(3, 2));
	}

	/** A stack that claims many 1024x1024 planes and counts the planes it is asked for. */
	private static final class ClaimedStack extends VirtualStack {
		private final int size;
		int reads;

		ClaimedStack(final int size) {
			super(1024, 1024, null, null);
			this.size = size;
		}

		@Override
		public int getSize() { return size; }

		@Override
		public ImageProcessor getProcessor(final int n) {
			reads++;
			return new ByteProcessor(1024, 1024);
		}

		@Override
		public Object getPixels(final int n) {
			return getProcessor(n).getPixels();
		}

		@Override
		public String getSliceLabel(final int n) { return null; }

		@Override
		public int getBitDepth() { return 8; }
	}

	@Test
	void anImageOfMoreValuesThanAJavaArrayIsRefusedBeforeAnyPlaneIsRead() {
		final ClaimedStack stack = new ClaimedStack(2049); // 2049 x 2^20 = 2,148,532,224 voxels, never allocated
		final ImagePlus huge = new ImagePlus("huge", stack);
		huge.setDimensions(1, 2049, 1);
		final int readToOpen = stack.reads;
		for (final int dims : new int[] { 2, 3 }) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkLayout.volumes(huge, dims));
			assertTrue(e.getMessage().startsWith("huge is 1024 x 1024 pixels x 1 channel(s) x 2049 slice(s) x 1 frame(s), 2,148,532,224 values"), e.getMessage());
			assertTrue(e.getMessage().contains("at most 2,147,483,647"), e.getMessage());
		}
		assertThrows(IllegalArgumentException.class, () -> ImagePlusVolumes.toVolume(huge));
		assertThrows(IllegalArgumentException.class, () -> ImagePlusVolumes.toLabels(huge));
		assertEquals(readToOpen, stack.reads, "no plane read");
	}
}

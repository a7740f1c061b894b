package sauron.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import sauron.data.Volume;

class SlidingWindowSegmenterTest {

	private static Volume randomImage(final int channels, final int... shape) {
		final double[] voxelSize = new double[shape.length];
		for (int d = 0; d < shape.length; d++) voxelSize[d] = 0.5 + d;
		final Volume v = Volume.zeros(shape, channels, voxelSize);
		final Random random = new Random(42);
		final float[] data = v.data();
		for (int i = 0; i < data.length; i++) data[i] = (float) random.nextGaussian();
		return v;
	}

	/** Segments with the pointwise fake and compares with applying it to every voxel directly. */
	private static void assertReproducesPointwise(final SlidingWindowSegmenter segmenter, final int netDims, final Volume image) {
		final Segmentation result = segmenter.segment(image, new FakeNets.Pointwise(netDims, image.channels(), 4));
		final float[] expected = FakeNets.Pointwise.apply(image.data(), 0, image.channels(), (int) image.voxels(),
			new float[(int) image.voxels() * 2], 0);
		assertArrayEquals(image.shape(), result.probabilities().shape());
		assertArrayEquals(image.voxelSize(), result.probabilities().voxelSize());
		assertEquals(2, result.probabilities().channels());
		assertArrayEquals(expected, result.probabilities().data(), 1e-5f);
		assertArrayEquals(image.shape(), result.labels().shape());
		assertArrayEquals(image.voxelSize(), result.labels().voxelSize());
		assertSame(image.geometry(), result.probabilities().geometry(), "probabilities lie on the image's grid");
		assertSame(image.geometry(), result.labels().geometry(), "labels lie on the image's grid");
		for (int v = 0; v < image.voxels(); v++)
			assertEquals(expected[2 * v] >= expected[2 * v + 1] ? 0 : 1, result.labels().get(v), "label at " + v);
	}

	@Test
	void pointwiseNetIsReproducedOnOddSized3DImageLargerThanTile() {
		assertReproducesPointwise(new SlidingWindowSegmenter(16, 16, 8).withBatchSize(3), 3, randomImage(1, 37, 29, 23));
	}

	@Test
	void pointwiseNetIsReproducedOnOddSized2DImageLargerThanTile() {
		assertReproducesPointwise(new SlidingWindowSegmenter(16, 16), 2, randomImage(1, 53, 41));
	}

	@Test
	void pointwiseNetIsReproducedWithoutGaussianBlendingAndWithTwoChannels() {
		assertReproducesPointwise(new SlidingWindowSegmenter(16, 16).withGaussianBlending(false).withOverlap(0.3), 2,
			randomImage(2, 45, 33));
	}

	@Test
	void pointwiseNetIsReproducedOnImageSmallerThanTile() {
		assertReproducesPointwise(new SlidingWindowSegmenter(16, 16, 16), 3, randomImage(1, 7, 5, 9));
		assertReproducesPointwise(new SlidingWindowSegmenter(32, 32), 2, randomImage(1, 13, 3));
	}

	@Test
	void pointwiseNetIsReproducedWhenOnlySomeAxesAreSmallerThanTile() {
		assertReproducesPointwise(new SlidingWindowSegmenter(16, 16, 16).withBatchSize(4), 3, randomImage(1, 40, 6, 19));
	}

	@Test
	void pointwiseNetIsReproducedSliceBySliceWith2DNetOn3DImage() {
		assertReproducesPointwise(new SlidingWindowSegmenter(16, 16).withBatchSize(5), 2, randomImage(1, 30, 25, 4));
	}

	@Test
	void slidingWindowEqualsSinglePassWhenImageFitsOneTile() {
		for (final int[] shape : new int[][] { { 16, 12, 8 }, { 24, 16 } }) {
			final Volume image = randomImage(1, shape);
			final Segmentation result = new SlidingWindowSegmenter(shape).segment(image, new FakeNets.TileMean(shape.length, 4));
			final int voxels = (int) image.voxels();
			final float[] single = FakeNets.TileMean.apply(image.data(), 0, voxels, new float[2 * voxels], 0);
			assertArrayEquals(single, result.probabilities().data(), 1e-6f);
		}
	}

	@Test
	void tileMeanNetShowsThatTilingMattersOnLargerImages() {
		// Guards the test above: this fake does notice tiling, so agreeing with the single pass means something.
		final Volume image = randomImage(1, 40, 40);
		for (int i = 0; i < image.data().length; i++) image.data()[i] += i % 40 / 10f;
		final Segmentation result = new SlidingWindowSegmenter(16, 16).segment(image, new FakeNets.TileMean(2, 4));
		final float[] single = FakeNets.TileMean.apply(image.data(), 0, 1600, new float[3200], 0);
		double maxDiff = 0;
		for (int i = 0; i < single.length; i++) maxDiff = Math.max(maxDiff, Math.abs(single[i] - result.probabilities().data()[i]));
		assertTrue(maxDiff > 0.01, "max difference " + maxDiff);
	}

	/** p0 of the {@link FakeNets.ColumnInTile} net over a 24-wide image: tiles 16 wide at x = 0 and 8. */
	private static float[] columnInTileP0(final SlidingWindowSegmenter segmenter) {
		final Segmentation result = segmenter.segment(randomImage(1, 24, 16), new FakeNets.ColumnInTile(2, 4));
		final float[] p0 = new float[24];
		for (int x = 0; x < 24; x++) {
			// Every row sees the same tiles along x, so every row must agree.
			for (int y = 0; y < 16; y++) assertEquals(result.probabilities().data()[2 * (y * 24 + x)], result.probabilities().data()[2 * x], 1e-6f);
			p0[x] = result.probabilities().data()[2 * x];
		}
		return p0;
	}

	@Test
	void overlappingTilesAreBlendedWithGaussianWeightsCentredOnEachTile() {
		// Tiles at x = 0 and x = 8, each saying p0 = column in tile / 15. Where they overlap (x = 8..15) nnU-Net's
		// importance, exp(-(c - 8)^2 / (2 sigma^2)) with sigma = 16 / 8 = 2 at tile column c, weights each tile's answer;
		// the y factor is the same for both tiles and cancels. At x = 8 the first tile's centre (weight 1) meets the
		// second tile's edge (weight e^-8): the result is nearly 8/15, where plain averaging would give 4/15.
		final float[] expected = new float[24];
		for (int x = 0; x < 24; x++) {
			if (x < 8) expected[x] = x / 15f;
			else if (x >= 16) expected[x] = (x - 8) / 15f;
			else {
				final double w0 = Math.exp(-(x - 8) * (x - 8) / 8.0), w1 = Math.exp(-(x - 16) * (x - 16) / 8.0);
				expected[x] = (float) ((w0 * x + w1 * (x - 8)) / 15 / (w0 + w1));
			}
		}
		assertArrayEquals(expected, columnInTileP0(new SlidingWindowSegmenter(16, 16)), 1e-5f);
	}

	@Test
	void withoutGaussianBlendingOverlappingTilesAreAveraged() {
		final float[] expected = new float[24];
		for (int x = 0; x < 24; x++) expected[x] = x < 8 ? x / 15f : x >= 16 ? (x - 8) / 15f : (x + x - 8) / 2f / 15;
		assertArrayEquals(expected, columnInTileP0(new SlidingWindowSegmenter(16, 16).withGaussianBlending(false)), 1e-6f);
	}

	/** Image whose value is 1 + the voxel's index, so a tile tells where it came from (0 = padding). */
	private static Volume indexImage(final int... shape) {
		final double[] voxelSize = new double[shape.length];
		java.util.Arrays.fill(voxelSize, 1);
		final Volume image = Volume.zeros(shape, 1, voxelSize);
		for (int i = 0; i < image.data().length; i++) image.data()[i] = i + 1;
		return image;
	}

	@Test
	void tilesCoverEveryVoxelWithLastTileFlushAndSidesMultiplesAndBatchesAtMostBatchSize() {
		final int[] size = { 45, 30, 21 };
		final Volume image = indexImage(size);
		final FakeNets.Recording net = new FakeNets.Recording(3, 8);
		new SlidingWindowSegmenter(15, 15, 9).withBatchSize(4).segment(image, net); // rounded up to 16, 16, 16

		for (final int b : net.batches) assertTrue(b >= 1 && b <= 4, "batch " + b);
		for (final int[] s : net.tileShapes) assertArrayEquals(new int[] { 16, 16, 16 }, s);
		final boolean[] covered = new boolean[(int) image.voxels()];
		final List<TreeSet<Integer>> origins = List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
		for (final float[] tile : net.tiles) {
			// Every axis is larger than the tile, so no padding: the tile is the box starting at its first voxel.
			final int first = (int) tile[0] - 1;
			final int ox = first % size[0], oy = first / size[0] % size[1], oz = first / (size[0] * size[1]);
			origins.get(0).add(ox);
			origins.get(1).add(oy);
			origins.get(2).add(oz);
			for (int t = 0; t < tile.length; t++) {
				final int v = ((oz + t / 256) * size[1] + oy + t / 16 % 16) * size[0] + ox + t % 16;
				assertEquals(v + 1, tile[t], "tile voxel " + t);
				covered[v] = true;
			}
		}
		for (int v = 0; v < covered.length; v++) assertTrue(covered[v], "voxel " + v + " not covered");
		for (int d = 0; d < 3; d++) {
			assertEquals(0, origins.get(d).first());
			assertEquals(size[d] - 16, origins.get(d).last(), "last tile flush with the end of axis " + d);
		}
		// nnU-Net's steps along x: 29 voxels to cover with steps <= 8 -> 5 tiles, 7.25 apart.
		assertEquals(new TreeSet<>(List.of(0, 7, 14, 22, 29)), origins.get(0));
		assertEquals(5 * 3 * 2, net.tiles.size());
	}

	@Test
	void smallAxisGetsSmallerTilePaddedWithZerosCentred() {
		final Volume image = indexImage(5, 20);
		final FakeNets.Recording net = new FakeNets.Recording(2, 4);
		new SlidingWindowSegmenter(16, 16).segment(image, net);
		for (final int[] s : net.tileShapes) assertArrayEquals(new int[] { 8, 16 }, s);
		// x: 5 voxels in a tile of 8, padded 1 before and 2 after.
		final float[] firstRow = java.util.Arrays.copyOf(net.tiles.get(0), 8);
		assertArrayEquals(new float[] { 0, 1, 2, 3, 4, 5, 0, 0 }, firstRow);
	}

	@Test
	void slicesOfA3DImageShareBatchesWhenTheNetIs2D() {
		final Volume image = indexImage(16, 16, 5);
		final FakeNets.Recording net = new FakeNets.Recording(2, 4);
		new SlidingWindowSegmenter(16, 16).withBatchSize(2).segment(image, net);
		assertEquals(List.of(2, 2, 1), net.batches);
		for (int z = 0; z < 5; z++) assertEquals(z * 256 + 1, net.tiles.get(z)[0], "slice " + z);
	}

	@Test
	void progressIsReportedPerBatchUpToTheTotal() {
		final List<int[]> reports = new ArrayList<>();
		new SlidingWindowSegmenter(16, 16).withBatchSize(2).withProgress((done, total) -> reports.add(new int[] { done, total }))
			.segment(randomImage(1, 40, 16), new FakeNets.Recording(2, 4));
		// x: 24 voxels with steps <= 8 -> 4 tiles.
		assertEquals(2, reports.size());
		assertArrayEquals(new int[] { 2, 4 }, reports.get(0));
		assertArrayEquals(new int[] { 4, 4 }, reports.get(1));
	}

	@Test
	void cancellationStopsBeforeTheNextBatch() {
		final FakeNets.Recording net = new FakeNets.Recording(2, 4);
		final SlidingWindowSegmenter segmenter = new SlidingWindowSegmenter(16, 16).withCancellation(() -> net.batches.size() >= 2);
		assertThrows(CancellationException.class, () -> segmenter.segment(randomImage(1, 64, 64), net));
		assertEquals(2, net.batches.size());
	}

	@Test
	void wrongChannelCountIsRejectedNamingBoth() {
		final Exception e = assertThrows(IllegalArgumentException.class,
			() -> new SlidingWindowSegmenter(16, 16).segment(randomImage(2, 20, 20), new FakeNets.Pointwise(2, 1, 4)));
		assertTrue(e.getMessage().contains("has 2 channel(s)") && e.getMessage().contains("trained on 1"), e.getMessage());
	}

	@Test
	void threeDNetOnTwoDImageIsRejectedNamingBoth() {
		final Exception e = assertThrows(IllegalArgumentException.class,
			() -> new SlidingWindowSegmenter(16, 16, 16).segment(randomImage(1, 20, 20), new FakeNets.Pointwise(3, 1, 4)));
		assertTrue(e.getMessage().contains("3D") && e.getMessage().contains("2D"), e.getMessage());
	}

	@Test
	void emptyImageIsRejected() {
		final Exception e = assertThrows(IllegalArgumentException.class,
			() -> new SlidingWindowSegmenter(16, 16).segment(randomImage(1, 0, 20), new FakeNets.Pointwise(2, 1, 4)));
		assertTrue(e.getMessage().contains("empty"), e.getMessage());
	}

	@Test
	void tileShapeMustMatchTheNetworkDims() {
		final Exception e = assertThrows(IllegalArgumentException.class,
			() -> new SlidingWindowSegmenter(16, 16, 16).segment(randomImage(1, 20, 20, 20), new FakeNets.Pointwise(2, 1, 4)));
		assertTrue(e.getMessage().contains("tile 16x16x16 has 3 sides; a 2D network needs 2 sides"), e.getMessage());
	}

	@Test
	void badSettingsAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> new SlidingWindowSegmenter(16, 16).withOverlap(1));
		assertThrows(IllegalArgumentException.class, () -> new SlidingWindowSegmenter(16, 16).withBatchSize(0));
		assertThrows(IllegalArgumentException.class, () -> new SlidingWindowSegmenter(16, 0));
		assertThrows(IllegalArgumentException.class, () -> new SlidingWindowSegmenter(16));
	}

	@Test
	void anOverlapAboveNineTenthsIsRefusedSayingWhatIsAllowed() {
		// 0.99 moves each tile by a hundredth of its side: ~10^6 tiles per tile volume in 3D, minutes on a tiny image
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SlidingWindowSegmenter(16, 16).withOverlap(0.99));
		assertTrue(e.getMessage().contains("0.99") && e.getMessage().contains("[0, 0.9]"), e.getMessage());
		assertEquals(0.9, new SlidingWindowSegmenter(16, 16).withOverlap(0.9).overlap());
	}
}

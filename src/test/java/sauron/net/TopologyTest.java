package sauron.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Who feeds whom in a U-Net, derived from its spec alone, and the figures Sauron's reductions are reported in
 * (parameters, FLOPs per voxel), pinned against counts by hand.
 */
class TopologyTest {

	// 2D, 2 levels, base 2: widths 2 at level 0, 4 at level 1; 1 input channel, 2 classes; one head (levels - 2 < 1).
	//
	// layer    kernel  in -> out   parameters (k*k*in*out + out)   MACs on a 16x16 patch (voxels at its level x k*k*in*out)
	// enc0_0   3x3     1 -> 2        9*1*2 + 2 =  20                256 * 18  =  4,608
	// enc0_1   3x3     2 -> 2        9*2*2 + 2 =  38                256 * 36  =  9,216
	// enc1_0   3x3 s2  2 -> 4        9*2*4 + 4 =  76                 64 * 72  =  4,608
	// enc1_1   3x3     4 -> 4        9*4*4 + 4 = 148                 64 * 144 =  9,216
	// up0      2x2 s2  4 -> 2        4*4*2 + 2 =  34                 64 * 32  =  2,048 (each input voxel once per kernel position)
	// dec0_0   3x3     2+2 -> 2      9*4*2 + 2 =  74                256 * 72  = 18,432 (skip enc0_1 and up0 concatenated)
	// dec0_1   3x3     2 -> 2        9*2*2 + 2 =  38                256 * 36  =  9,216
	// head0    1x1     2 -> 2        1*2*2 + 2 =   6                256 * 4   =  1,024
	// total                                     434                            58,368 MACs = 116,736 FLOPs = 456 per voxel
	private static final UNetSpec SMALL = UNetSpec.create(2, 2, 2, 16, 1, 2);

	// 3D, 2 levels, base 1: widths 1 at level 0, 2 at level 1; 1 input channel, 2 classes.
	//
	// layer    kernel  in -> out   parameters (k^3*in*out + out)   MACs on an 8x8x8 patch
	// enc0_0   3^3     1 -> 1       27*1*1 + 1 =  28                512 * 27  = 13,824
	// enc0_1   3^3     1 -> 1       27*1*1 + 1 =  28                512 * 27  = 13,824
	// enc1_0   3^3 s2  1 -> 2       27*1*2 + 2 =  56                 64 * 54  =  3,456
	// enc1_1   3^3     2 -> 2       27*2*2 + 2 = 110                 64 * 108 =  6,912
	// up0      2^3 s2  2 -> 1        8*2*1 + 1 =  17                 64 * 16  =  1,024
	// dec0_0   3^3     1+1 -> 1     27*2*1 + 1 =  55                512 * 54  = 27,648
	// dec0_1   3^3     1 -> 1       27*1*1 + 1 =  28                512 * 27  = 13,824
	// head0    1^3     1 -> 2        1*1*2 + 2 =   4                512 * 2   =  1,024
	// total                                     326                            81,536 MACs = 163,072 FLOPs = 318.5 per voxel
	private static final UNetSpec SMALL_3D = UNetSpec.create(3, 2, 1, 16, 1, 2);

	/** 2D, 4 levels, base 2, at most 16: widths 2, 4, 8, 16; two heads (on dec0_1 and dec1_1). */
	private static final UNetSpec FOUR_LEVELS = UNetSpec.create(2, 4, 2, 16, 1, 2);

	// ---------------------------------------------------------------- the wiring

	@Test
	void layersComeInForwardOrderEncoderThenDecoderThenHeads() {
		assertEquals(List.of("enc0_0", "enc0_1", "enc1_0", "enc1_1", "enc2_0", "enc2_1", "enc3_0", "enc3_1", "up2", "dec2_0", "dec2_1", "up1", "dec1_0",
				"dec1_1", "up0", "dec0_0", "dec0_1", "head0", "head1"), new Topology(FOUR_LEVELS).layers().stream().map(Layer::name).toList());
	}

	@Test
	void eachLayerReadsItsProducersInConcatOrderWithTheSkipFirst() {
		final Topology t = new Topology(FOUR_LEVELS);
		assertEquals(List.of(Layer.IMAGE), t.layer("enc0_0").inputs());
		assertEquals(List.of("enc0_0"), t.layer("enc0_1").inputs());
		assertEquals(List.of("enc0_1"), t.layer("enc1_0").inputs(), "the next level starts from the last block of the one above");
		assertEquals(List.of("enc3_1"), t.layer("up2").inputs(), "the decoder starts at the bottom");
		assertEquals(List.of("enc2_1", "up2"), t.layer("dec2_0").inputs(), "skip first, then the way up");
		assertEquals(List.of("dec2_0"), t.layer("dec2_1").inputs());
		assertEquals(List.of("dec2_1"), t.layer("up1").inputs());
		assertEquals(List.of("enc0_1", "up0"), t.layer("dec0_0").inputs());
		assertEquals(List.of("dec0_1"), t.layer("head0").inputs());
		assertEquals(List.of("dec1_1"), t.layer("head1").inputs());
	}

	@Test
	void kindsKernelsAndStridesAreNnUNets() {
		final Topology t = new Topology(FOUR_LEVELS);
		for (final Layer layer : t.layers()) {
			switch (layer.kind()) {
			case BLOCK -> {
				assertEquals(3, layer.kernelSize(), layer.name());
				final boolean downsamples = layer.name().startsWith("enc") && layer.name().endsWith("_0") && layer.level() > 0;
				assertEquals(downsamples ? 2 : 1, layer.stride(), layer.name() + ": strided conv, no pooling");
			}
			case UPCONV -> {
				assertEquals(2, layer.kernelSize(), layer.name());
				assertEquals(2, layer.stride(), layer.name());
			}
			case HEAD -> {
				assertEquals(1, layer.kernelSize(), layer.name());
				assertEquals(1, layer.stride(), layer.name());
			}
			}
		}
	}

	@Test
	void channelsInAreTheProducersWidthsAddedUpAndChannelsOutTheLayersOwn() {
		final Topology t = new Topology(FOUR_LEVELS);
		assertEquals(1, t.layer("enc0_0").inChannels(), "the image's channels");
		assertEquals(4, t.layer("enc2_0").inChannels());
		assertEquals(8, t.layer("enc2_0").outChannels());
		assertEquals(16, t.layer("up2").inChannels());
		assertEquals(8, t.layer("up2").outChannels());
		assertEquals(8 + 8, t.layer("dec2_0").inChannels(), "enc2_1 and up2 concatenated");
		assertEquals(2 + 2, t.layer("dec0_0").inChannels());
		assertEquals(2, t.layer("head0").outChannels(), "a head's filters are the classes");
		assertEquals(4, t.layer("head1").inChannels());
	}

	@Test
	void kernelsAreShapedSpatialThenInThenOut() {
		final Topology t2 = new Topology(FOUR_LEVELS), t3 = new Topology(SMALL_3D);
		assertArrayEquals(new long[] { 3, 3, 8 + 8, 8 }, t2.layer("dec2_0").kernelShape());
		assertArrayEquals(new long[] { 2, 2, 16, 8 }, t2.layer("up2").kernelShape(), "the transposed conv too");
		assertArrayEquals(new long[] { 1, 1, 2, 2 }, t2.layer("head0").kernelShape());
		assertArrayEquals(new long[] { 3, 3, 3, 1, 2 }, t3.layer("enc1_0").kernelShape());
		assertEquals("enc1_0/kernel", t3.layer("enc1_0").kernelName());
		assertEquals("enc1_0/bias", t3.layer("enc1_0").biasName());
	}

	@Test
	void everyConsumerOfAProducerIsFoundWithTheOffsetOfItsChannels() {
		final Topology t = new Topology(FOUR_LEVELS);
		assertEquals(List.of(consumer(t, "enc1_0", 0), consumer(t, "dec0_0", 0)), t.consumersOf("enc0_1"), "the next level and the skip");
		assertEquals(List.of(consumer(t, "dec0_0", 2)), t.consumersOf("up0"), "behind enc0_1's 2 channels");
		assertEquals(List.of(consumer(t, "up0", 0), consumer(t, "head1", 0)), t.consumersOf("dec1_1"), "a deep-supervised decoder level feeds its head too");
		assertEquals(List.of(consumer(t, "up2", 0)), t.consumersOf("enc3_1"));
		assertEquals(List.of(consumer(t, "enc0_0", 0)), t.consumersOf(Layer.IMAGE));
		assertEquals(List.of(), t.consumersOf("head0"), "the output");
	}

	@Test
	void aNarrowerProducerMovesTheChannelsBehindItAndNarrowsItsConsumers() {
		final Topology t = new Topology(FOUR_LEVELS.withWidths(Map.of("enc0_1", 1)));
		assertEquals(List.of(consumer(t, "dec0_0", 1)), t.consumersOf("up0"));
		assertEquals(1 + 2, t.layer("dec0_0").inChannels());
		assertEquals(1, t.layer("enc1_0").inChannels());
	}

	@Test
	void everyLayerButTheHeadsIsPrunableAndTheyAreTheSpecsLayers() {
		for (final UNetSpec spec : List.of(SMALL, SMALL_3D, FOUR_LEVELS)) {
			final Topology t = new Topology(spec);
			assertEquals(List.copyOf(spec.widths().keySet()), t.prunable().stream().map(Layer::name).toList());
			assertEquals(List.of("head0", "head1").subList(0, spec.headCount()), t.heads().stream().map(Layer::name).toList(), "full resolution first");
			for (final Layer layer : t.prunable()) assertEquals(spec.width(layer.name()), layer.outChannels(), layer.name());
		}
	}

	@Test
	void anUnknownLayerIsRefusedByName() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Topology(SMALL).layer("enc2_0"));
		assertTrue(e.getMessage().startsWith("no layer named enc2_0 in 2D U-Net, 2 levels"), e.getMessage());
	}

	// ---------------------------------------------------------------- parameters and FLOPs

	@Test
	void parametersOfASmallNetworkAreItsKernelsAndBiases() {
		assertEquals(434, new Topology(SMALL).parameterCount());
		assertEquals(326, new Topology(SMALL_3D).parameterCount());
	}

	@Test
	void theParameterCountIsWhatTheWeightsHold() {
		for (final UNetSpec spec : List.of(SMALL, SMALL_3D, FOUR_LEVELS)) {
			final Topology t = new Topology(spec);
			long values = 0;
			for (final Param p : Weights.zeros(t).all().values()) values += p.values().length;
			assertEquals(values, t.parameterCount(), spec.toString());
		}
	}

	@Test
	void flopsOfASmallNetworkAreTwicePerMultiplyAdd() {
		assertEquals(116_736, new Topology(SMALL).forwardFlops(new long[] { 16, 16 }));
		assertEquals(163_072, new Topology(SMALL_3D).forwardFlops(new long[] { 8, 8, 8 }));
	}

	@Test
	void flopsPerVoxelDoNotDependOnThePatch() {
		assertEquals(456, new Topology(SMALL).forwardFlops(new long[] { 32, 48 }) / (32.0 * 48), 0);
		assertEquals(318.5, new Topology(SMALL_3D).forwardFlops(new long[] { 16, 8, 24 }) / (16.0 * 8 * 24), 0);
		assertEquals(456, new Topology(SMALL).flopsPerVoxel(new int[] { 32, 48 }), 0);
		assertEquals(318.5, new Topology(SMALL_3D).flopsPerVoxel(new int[] { 16, 8, 24 }), 0);
	}

	@Test
	void deepSupervisionHeadsAreParametersButOnlyTheFullResolutionOneIsInferenceFlops() {
		// One class more adds an output channel to both heads: head0 on dec0_1 (2 filters) 2 + 1 parameters,
		// head1 on dec1_1 (4 filters) 4 + 1; inference runs head0 alone: 2 * 2 multiply-adds per voxel.
		final Topology two = new Topology(FOUR_LEVELS), three = new Topology(UNetSpec.create(2, 4, 2, 16, 1, 3));
		assertEquals(3 + 5, three.parameterCount() - two.parameterCount());
		assertEquals(2 * 2 * 256, three.forwardFlops(new long[] { 16, 16 }) - two.forwardFlops(new long[] { 16, 16 }));
	}

	@Test
	void aPrunedFilterTakesItsKernelItsBiasAndItsConsumersInputs() {
		// enc0_1 2 -> 1 filter: enc0_1 9*2*1 + 1 = 19 (-19), enc1_0 9*1*4 + 4 = 40 (-36), dec0_0 9*3*2 + 2 = 56 (-18).
		assertEquals(434 - 19 - 36 - 18, new Topology(SMALL.withWidths(Map.of("enc0_1", 1))).parameterCount());
	}

	private static Topology.Consumer consumer(final Topology t, final String layer, final int offset) {
		return new Topology.Consumer(t.layer(layer), offset);
	}
}

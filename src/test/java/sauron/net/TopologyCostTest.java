package sauron.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Parameters and FLOPs, the figures Sauron's reductions are reported in, pinned against a count by hand. */
class TopologyCostTest {

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

	@Test
	void parametersOfASmallNetworkAreItsKernelsAndBiases() {
		assertEquals(434, new Topology(SMALL).parameterCount());
	}

	@Test
	void flopsOfASmallNetworkAreTwicePerMultiplyAdd() {
		assertEquals(116_736, new Topology(SMALL).forwardFlops(new long[] { 16, 16 }));
	}

	@Test
	void aPrunedFilterTakesItsKernelItsBiasAndItsConsumersInputs() {
		// enc0_1 2 -> 1 filter: enc0_1 9*2*1 + 1 = 19 (-19), enc1_0 9*1*4 + 4 = 40 (-36), dec0_0 9*3*2 + 2 = 56 (-18).
		assertEquals(434 - 19 - 36 - 18, new Topology(SMALL.withWidths(java.util.Map.of("enc0_1", 1))).parameterCount());
	}
}

package sauron.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a U-Net description accepts and refuses, and what it derives: the one source of truth for a network. */
class UNetSpecTest {

	/** 2D, 3 levels, base 4, at most 16 filters, 1 input channel, 2 classes. */
	private static final UNetSpec THREE_LEVELS = UNetSpec.create(2, 3, 4, 16, 1, 2);

	// ---------------------------------------------------------------- widths and names

	@Test
	void everyLevelIsBaseTimesTwoToTheLevelCappedAtTheMaximumWidth() {
		final UNetSpec spec = UNetSpec.create(3, 4, 24, 100, 1, 2);
		for (final String layer : spec.widths().keySet()) {
			final int level = Character.getNumericValue(layer.charAt(layer.startsWith("up") ? 2 : 3));
			assertEquals(Math.min(24 << level, 100), spec.width(layer), layer);
		}
		assertEquals(24, spec.width("enc0_0"));
		assertEquals(96, spec.width("enc2_1"));
		assertEquals(100, spec.width("enc3_0"), "192 capped at 100");
		assertEquals(96, spec.width("up2"), "a transposed conv has the width of the level it leads up to");
	}

	@Test
	void aHugeBaseIsCappedNotOverflowed() {
		final UNetSpec spec = UNetSpec.create(2, 8, 1 << 28, 320, 1, 2);
		for (final Map.Entry<String, Integer> w : spec.widths().entrySet()) assertEquals(320, w.getValue(), w.getKey());
	}

	@Test
	void thePrunableLayersAreNamedInForwardOrder() {
		assertEquals(List.of("enc0_0", "enc0_1", "enc1_0", "enc1_1", "enc2_0", "enc2_1", "up1", "dec1_0", "dec1_1", "up0", "dec0_0", "dec0_1"),
				List.copyOf(THREE_LEVELS.widths().keySet()));
	}

	@Test
	void everyDecoderLevelButTheDeepestCarriesADeepSupervisionHeadAndThereIsAlwaysOne() {
		assertEquals(1, UNetSpec.create(2, 2, 4, 16, 1, 2).headCount(), "2 levels: the full-resolution head only");
		assertEquals(1, UNetSpec.create(2, 3, 4, 16, 1, 2).headCount());
		assertEquals(2, UNetSpec.create(2, 4, 4, 16, 1, 2).headCount());
		assertEquals(4, UNetSpec.create(2, 6, 4, 16, 1, 2).headCount());
	}

	@Test
	void tileAndPatchSidesMustBeMultiplesOfTwoToTheLevelsMinusOne() {
		assertEquals(2, UNetSpec.create(2, 2, 4, 16, 1, 2).sizeMultiple());
		assertEquals(16, UNetSpec.create(3, 5, 4, 16, 1, 2).sizeMultiple());
		assertEquals(128, UNetSpec.create(2, 8, 4, 16, 1, 2).sizeMultiple());
	}

	@Test
	void aPatchOrTileHasOneSidePerAxisEachAPositiveMultiple() {
		THREE_LEVELS.checkSides("patch", new int[] { 4, 12 });
		refuses(() -> THREE_LEVELS.checkSides("patch", new int[] { 6, 12 }),
				"patch 6x12: each side must be a positive multiple of 4 = 2^(levels-1) for 3 levels, e.g. 8x12");
		refuses(() -> THREE_LEVELS.checkSides("tile", new int[] { 4, 4, 4 }), "tile 4x4x4 has 3 sides; a 2D network needs 2 sides, x first");
	}

	// ---------------------------------------------------------------- a pruned network is the same spec with smaller widths

	@Test
	void withWidthsChangesOnlyTheLayersGivenAndLeavesTheOriginalAlone() {
		final UNetSpec pruned = THREE_LEVELS.withWidths(Map.of("enc1_1", 3, "dec0_1", 1));
		assertEquals(3, pruned.width("enc1_1"));
		assertEquals(1, pruned.width("dec0_1"));
		assertEquals(8, THREE_LEVELS.width("enc1_1"), "the original keeps its width");
		for (final String layer : THREE_LEVELS.widths().keySet())
			if (!layer.equals("enc1_1") && !layer.equals("dec0_1")) assertEquals(THREE_LEVELS.width(layer), pruned.width(layer), layer);
		assertEquals(List.copyOf(THREE_LEVELS.widths().keySet()), List.copyOf(pruned.widths().keySet()), "same layers, same order");
	}

	@Test
	void specsAreEqualWhenTheirShapeAndEveryWidthAre() {
		final Map<String, Integer> widths = new LinkedHashMap<>(THREE_LEVELS.widths());
		assertEquals(THREE_LEVELS, UNetSpec.of(2, 3, 1, 2, widths), "created or given width by width");
		assertEquals(THREE_LEVELS.hashCode(), UNetSpec.of(2, 3, 1, 2, widths).hashCode());
		assertNotEquals(THREE_LEVELS, THREE_LEVELS.withWidths(Map.of("up0", 3)));
		assertNotEquals(THREE_LEVELS, UNetSpec.of(3, 3, 1, 2, widths), "another dimensionality");
		assertNotEquals(THREE_LEVELS, UNetSpec.of(2, 3, 2, 2, widths), "another input channel count");
		assertNotEquals(THREE_LEVELS, UNetSpec.of(2, 3, 1, 3, widths), "another class count");
	}

	@Test
	void theWidthsCannotBeChangedBehindTheSpecsBack() {
		assertThrows(UnsupportedOperationException.class, () -> THREE_LEVELS.widths().put("enc0_0", 1));
		final Map<String, Integer> given = new LinkedHashMap<>(THREE_LEVELS.widths());
		final UNetSpec spec = UNetSpec.of(2, 3, 1, 2, given);
		given.put("enc0_0", 1);
		assertEquals(4, spec.width("enc0_0"), "a copy of the map given, not the map");
	}

	// ---------------------------------------------------------------- what it refuses, naming the value

	@Test
	void onlyTwoAndThreeDimensionsAreNetworks() {
		refuses(() -> UNetSpec.create(1, 3, 4, 16, 1, 2), "dims must be 2 or 3, got 1");
		refuses(() -> UNetSpec.create(4, 3, 4, 16, 1, 2), "dims must be 2 or 3, got 4");
	}

	@Test
	void levelsLieIn2To8() {
		refuses(() -> UNetSpec.create(2, 1, 4, 16, 1, 2), "levels must be in 2..8, got 1");
		refuses(() -> UNetSpec.create(2, 9, 4, 16, 1, 2), "levels must be in 2..8, got 9");
		assertEquals(8, UNetSpec.create(2, 8, 4, 16, 1, 2).levels());
	}

	@Test
	void aNetworkReadsAtLeastOneChannelAndTellsAtLeastTwoClassesApart() {
		refuses(() -> UNetSpec.create(2, 3, 4, 16, 0, 2), "input channels must be >= 1, got 0");
		refuses(() -> UNetSpec.create(2, 3, 4, 16, 1, 1), "classes must be >= 2 (background + at least one), got 1");
	}

	@Test
	void baseAndMaximumWidthAreAtLeastOne() {
		refuses(() -> UNetSpec.create(2, 3, 0, 16, 1, 2), "base and max width must be >= 1, got 0, 16");
		refuses(() -> UNetSpec.create(2, 3, 4, 0, 1, 2), "base and max width must be >= 1, got 4, 0");
	}

	@Test
	void everyLayerKeepsAtLeastOneFilter() {
		refuses(() -> THREE_LEVELS.withWidths(Map.of("dec0_1", 0)), "layer dec0_1 has width 0; every layer keeps at least one filter");
		final Map<String, Integer> negative = new LinkedHashMap<>(THREE_LEVELS.widths());
		negative.put("enc2_0", -3);
		refuses(() -> UNetSpec.of(2, 3, 1, 2, negative), "layer enc2_0 has width -3");
	}

	@Test
	void aWidthForEveryLayerAndNoOther() {
		final Map<String, Integer> missing = new LinkedHashMap<>(THREE_LEVELS.widths());
		missing.remove("up1");
		refuses(() -> UNetSpec.of(2, 3, 1, 2, missing), "no width given for layer up1");
		final Map<String, Integer> extra = new LinkedHashMap<>(THREE_LEVELS.widths());
		extra.put("enc3_0", 32);
		refuses(() -> UNetSpec.of(2, 3, 1, 2, extra), "unknown layer enc3_0 for a 3-level U-Net");
		refuses(() -> THREE_LEVELS.withWidths(Map.of("head0", 2)), "unknown layer head0");
		refuses(() -> THREE_LEVELS.width("dec2_0"), "unknown layer dec2_0");
	}

	@Test
	void anImageFitsANetworkOfNoMoreDimensionsAndTheSameChannels() {
		final UNetSpec twoD = UNetSpec.create(2, 3, 4, 16, 2, 3), threeD = UNetSpec.create(3, 3, 4, 16, 1, 3);
		twoD.checkImage("stack", new int[] { 40, 30, 5 }, 2); // slice by slice
		twoD.checkImage("plane", new int[] { 40, 30 }, 2);
		threeD.checkImage("volume", new int[] { 40, 30, 5 }, 1);
		refuses(() -> threeD.checkImage("head.nii.gz", new int[] { 40, 30 }, 1),
				"head.nii.gz is a 2D image ([40, 30]); the model is a 3D network and needs 3D images");
		refuses(() -> twoD.checkImage("rgb.tif", new int[] { 40, 30 }, 3), "rgb.tif has 3 channel(s); the model was trained on 2");
	}

	private static void refuses(final org.junit.jupiter.api.function.Executable build, final String message) {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
		assertTrue(e.getMessage().contains(message), () -> "'" + message + "' in '" + e.getMessage() + "'");
	}
}

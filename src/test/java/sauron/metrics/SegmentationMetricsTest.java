package sauron.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import sauron.data.LabelVolume;
import sauron.data.Shapes;

class SegmentationMetricsTest {

	private static final double[] VOXEL = { 0.5, 1.0, 2.0 }; // 1.0 mm^3

	/** 10x8x6 volume: class 1 a 4x4x2 block, class 2 a 2x2x2 block, class 3 absent. */
	private static LabelVolume sample() {
		final int[] shape = { 10, 8, 6 };
		final LabelVolume v = LabelVolume.zeros(shape, VOXEL);
		for (int z = 1; z <= 2; z++)
			for (int y = 1; y <= 4; y++)
				for (int x = 1; x <= 4; x++) v.set(Shapes.linearIndex(shape, new int[] { x, y, z }), 1);
		for (int z = 3; z <= 4; z++)
			for (int y = 5; y <= 6; y++)
				for (int x = 6; x <= 7; x++) v.set(Shapes.linearIndex(shape, new int[] { x, y, z }), 2);
		return v;
	}

	@Test
	void identicalVolumesScorePerfectlyAndReportVolumes() {
		final List<ClassScores> scores = SegmentationMetrics.evaluate(sample(), sample(), 4);
		assertEquals(3, scores.size());
		final ClassScores one = scores.get(0);
		assertEquals(1, one.label());
		assertEquals(1, one.dice(), 0);
		assertEquals(0, one.hd95(), 0);
		assertEquals(0, one.hausdorff(), 0);
		assertEquals(32, one.truthVoxels());
		assertEquals(32, one.predictedVoxels());
		assertEquals(32 * 1.0, one.truthVolume(), 1e-12);
		assertEquals(8, scores.get(1).predictedVoxels());
		assertEquals(8.0, scores.get(1).predictedVolume(), 1e-12);
	}

	@Test
	void classAbsentFromBothHasDiceOneAndHd95Zero() {
		final ClassScores three = SegmentationMetrics.evaluate(sample(), sample(), 4).get(2);
		assertEquals(3, three.label());
		assertEquals(1, three.dice(), 0);
		assertEquals(0, three.hd95(), 0);
		assertEquals(0, three.truthVoxels());
		assertEquals(0, three.predictedVolume(), 0);
	}

	@Test
	void classMissingFromOneSideHasDiceZeroAndInfiniteHd95() {
		final LabelVolume truth = sample();
		final LabelVolume prediction = sample();
		prediction.set(0, 3);
		final ClassScores three = SegmentationMetrics.evaluate(prediction, truth, 4).get(2);
		assertEquals(0, three.dice(), 0);
		assertEquals(Double.POSITIVE_INFINITY, three.hd95());
		assertEquals(1, three.predictedVoxels());
		assertEquals(0, three.truthVoxels());
	}

	@Test
	void shiftedClassIsScoredInPhysicalUnits() {
		final int[] shape = { 10, 8, 6 };
		final LabelVolume truth = sample();
		final LabelVolume prediction = LabelVolume.zeros(shape, VOXEL);
		// class 1 moved one voxel along x (0.5 mm): Dice 2*24/64, and no surface voxel is more than 0.5 mm off
		for (int i = 0; i < truth.labels().length; i++)
			if (truth.get(i) == 1) prediction.set(i + 1, 1);
		final ClassScores one = SegmentationMetrics.evaluate(prediction, truth, 3).get(0);
		assertEquals(48.0 / 64, one.dice(), 1e-15);
		assertEquals(0.5, one.hausdorff(), 1e-12);
		assertTrue(one.hd95() > 0 && one.hd95() <= 0.5, "hd95 " + one.hd95());
	}

	@Test
	void backgroundIsScoredOnlyWhenAskedFor() {
		final List<ClassScores> scores = SegmentationMetrics.evaluate(sample(), sample(), 3, true);
		assertEquals(0, scores.get(0).label());
		assertEquals(480 - 40, scores.get(0).truthVoxels());
		assertEquals(1, scores.get(0).dice(), 0);
	}

	@Test
	void worksOn2DLabelImages() {
		final int[] shape = { 6, 5 };
		final double[] voxel = { 0.25, 0.5 };
		final LabelVolume truth = LabelVolume.zeros(shape, voxel), prediction = LabelVolume.zeros(shape, voxel);
		truth.set(Shapes.linearIndex(shape, new int[] { 1, 1 }), 1);
		prediction.set(Shapes.linearIndex(shape, new int[] { 5, 4 }), 1);
		final ClassScores one = SegmentationMetrics.evaluate(prediction, truth, 3).get(0);
		assertEquals(0, one.dice(), 0);
		assertEquals(Math.hypot(4 * 0.25, 3 * 0.5), one.hd95(), 1e-12);
		assertEquals(0.125, one.truthVolume(), 1e-15);
	}

	@Test
	void shapeMismatchNamesBothShapes() {
		final LabelVolume a = LabelVolume.zeros(new int[] { 4, 3, 2 }, VOXEL);
		final LabelVolume b = LabelVolume.zeros(new int[] { 4, 3, 5 }, VOXEL);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegmentationMetrics.evaluate(a, b, 2));
		assertTrue(e.getMessage().contains("[4, 3, 2]") && e.getMessage().contains("[4, 3, 5]"), e.getMessage());
	}

	@Test
	void voxelSizeMustAgreeToOnePartPerMillion() {
		final int[] shape = { 4, 3, 2 };
		final LabelVolume a = LabelVolume.zeros(shape, VOXEL);
		final LabelVolume close = LabelVolume.zeros(shape, new double[] { 0.5 * (1 + 1e-7), 1.0, 2.0 });
		final LabelVolume off = LabelVolume.zeros(shape, new double[] { 0.5 * (1 + 1e-5), 1.0, 2.0 });
		assertEquals(1, SegmentationMetrics.evaluate(a, close, 2).size());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegmentationMetrics.evaluate(a, off, 2));
		assertTrue(e.getMessage().contains("[4, 3, 2]"), e.getMessage());
	}

	@Test
	void classCountMustFitByteLabels() {
		assertThrows(IllegalArgumentException.class, () -> SegmentationMetrics.evaluate(sample(), sample(), 0));
		assertThrows(IllegalArgumentException.class, () -> SegmentationMetrics.evaluate(sample(), sample(), 257));
	}

	@Test
	void aLabelTheClassesHaveNoSlotForIsRefusedNotDropped() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegmentationMetrics.evaluate(sample(), sample(), 2));
		assertTrue(e.getMessage().contains("label 2") && e.getMessage().contains("0..1"), e.getMessage());
	}
}

package sauron.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class ValidationSplitTest {

	private static TrainingPair pair(final String name, final int[] shape) {
		final LabelVolume labels = TestData.labels(shape);
		for (int i = 0; i < labels.voxels(); i++) labels.set(i, i % 3);
		return new TrainingPair(name, TestData.ramp(shape, 2), labels, 3);
	}

	@Test
	void severalPairsSplitByWholePairs() {
		final List<TrainingPair> pairs = new ArrayList<>();
		for (int i = 0; i < 10; i++) pairs.add(pair("p" + i, new int[] { 3, 3 }));
		final ValidationSplit.Split split = ValidationSplit.split(pairs, 0.2, 1);
		assertEquals(8, split.training().size());
		assertEquals(2, split.validation().size());
		final var all = new HashSet<>(split.training());
		all.addAll(split.validation());
		assertEquals(new HashSet<>(pairs), all);
		assertEquals(split, ValidationSplit.split(pairs, 0.2, 1), "same seed, same split");
	}

	@Test
	void twoPairsGiveOneToEachSide() {
		final ValidationSplit.Split split = ValidationSplit.split(List.of(pair("a", new int[] { 3, 3 }), pair("b", new int[] { 3, 3 })), 0.2, 1);
		assertEquals(1, split.training().size());
		assertEquals(1, split.validation().size());
	}

	@Test
	void singleVolumeIsCutAlongZIntoACentralValidationBlockAndTwoTrainingBlocks() {
		final TrainingPair whole = pair("vol", new int[] { 4, 3, 10 });
		final ValidationSplit.Split split = ValidationSplit.split(List.of(whole), 0.2, 1);
		assertEquals(2, split.training().size());
		final TrainingPair below = split.training().get(0), above = split.training().get(1), val = split.validation().get(0);
		assertArrayEquals(new int[] { 4, 3, 4 }, below.shape());
		assertArrayEquals(new int[] { 4, 3, 2 }, val.shape());
		assertArrayEquals(new int[] { 4, 3, 4 }, above.shape());
		final int slice = 4 * 3;
		assertEquals(whole.image().data()[4 * slice * 2], val.image().data()[0], "validation starts at z = 4");
		assertEquals(whole.labels().get(4 * slice + 5), val.labels().get(5));
		assertEquals(whole.image().data()[4 * slice * 2 - 1], below.image().data()[below.image().data().length - 1], "training ends at z = 3");
		assertEquals(whole.image().data()[6 * slice * 2], above.image().data()[0], "training resumes at z = 6");
		assertEquals(3, val.classes());
	}

	@Test
	void single2DImageIsCutAlongY() {
		final ValidationSplit.Split split = ValidationSplit.splitAlongLastAxis(pair("img", new int[] { 6, 5 }), 0.2);
		assertArrayEquals(new int[] { 6, 2 }, split.training().get(0).shape());
		assertArrayEquals(new int[] { 6, 1 }, split.validation().get(0).shape());
		assertArrayEquals(new int[] { 6, 2 }, split.training().get(1).shape());
	}

	@Test
	void rejectsASingleSliceAndBadShares() {
		assertThrows(IllegalArgumentException.class, () -> ValidationSplit.split(List.of(pair("thin", new int[] { 5, 5, 1 })), 0.2, 1));
		assertThrows(IllegalArgumentException.class, () -> ValidationSplit.split(List.of(pair("a", new int[] { 5, 5 })), 1.0, 1));
		assertThrows(IllegalArgumentException.class, () -> ValidationSplit.split(List.of(), 0.2, 1));
	}
}

package sauron.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingPairTest {

	@Test
	void rejectsDifferentShapesNamingBoth() {
		final var e = assertThrows(IllegalArgumentException.class, () -> new TrainingPair("a",
			TestData.ramp(new int[] { 4, 5 }, 1), TestData.labels(new int[] { 5, 4 }), 2));
		assertTrue(e.getMessage().contains("[4, 5]") && e.getMessage().contains("[5, 4]"), e.getMessage());
	}

	@Test
	void rejectsLabelsNotBelowClasses() {
		final LabelVolume labels = TestData.labels(new int[] { 4, 4 });
		labels.set(3, 2);
		final var e = assertThrows(IllegalArgumentException.class,
			() -> new TrainingPair("a", TestData.ramp(new int[] { 4, 4 }, 1), labels, 2));
		assertTrue(e.getMessage().contains("label 2"), e.getMessage());
		new TrainingPair("a", TestData.ramp(new int[] { 4, 4 }, 1), labels, 3);
	}

	@Test
	void rejectsLabelsAtAnotherVoxelSizeButToleratesHeaderRounding() {
		final Volume image = new Volume(new int[] { 4, 4 }, 1, new float[16], new double[] { 0.5, 0.5 });
		final var e = assertThrows(IllegalArgumentException.class,
			() -> new TrainingPair("a", image, new LabelVolume(new int[] { 4, 4 }, new byte[16], new double[] { 1, 1 }), 2));
		assertTrue(e.getMessage().contains("[0.5, 0.5]") && e.getMessage().contains("[1.0, 1.0]"), e.getMessage());
		new TrainingPair("a", image, new LabelVolume(new int[] { 4, 4 }, new byte[16], new double[] { 0.5000001, 0.5 }), 2);
	}
}

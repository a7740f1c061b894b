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
}

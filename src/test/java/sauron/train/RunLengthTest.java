package sauron.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import sauron.data.Augmentation;

/** The run's length in epochs and its learning rate, with and without a time budget's extension. */
class RunLengthTest {

	private static final TrainingSettings TEN = new TrainingSettings(2, 3, 8, 32, new int[] { 32, 32 }, 2, 10, 5, 1e-3, 1e-5, 1, 0.5,
			Augmentation.Settings.NONE, 0);

	@Test
	void unextendedItIsThePolyDecayOfTheSettings() {
		final RunLength length = new RunLength(TEN);
		assertEquals(10, length.epochs());
		assertFalse(length.extended());
		for (int e = 0; e < 10; e++) assertEquals(TEN.learningRateAt(e), length.learningRate(e));
	}

	@Test
	void anExtensionKeepsTheRatesBeforeItAndStretchesTheRestOfTheDecayToTheNewEnd() {
		final RunLength length = new RunLength(TEN);
		length.extendTo(16, 7);
		assertTrue(length.extended());
		assertEquals(16, length.epochs());
		for (int e = 0; e <= 7; e++) assertEquals(TEN.learningRateAt(e), length.learningRate(e), 1e-15, "epoch " + e + " keeps its rate");
		assertEquals(TEN.learningRateAt(7) * Math.pow(1 - 3 / 9.0, 0.9), length.learningRate(10), 1e-15);
		for (int e = 8; e < 16; e++) assertTrue(length.learningRate(e) < length.learningRate(e - 1), "the rate still falls at epoch " + e);
		assertEquals(0, length.learningRate(16), 1e-15, "and reaches 0 at the new end");
	}

	@Test
	void extendingToThePlannedLengthChangesNothing() {
		final RunLength length = new RunLength(TEN);
		length.extendTo(10, 4);
		assertFalse(length.extended());
		for (int e = 0; e < 10; e++) assertEquals(TEN.learningRateAt(e), length.learningRate(e));
	}

	@Test
	void aRunIsNeverShortenedNorExtendedTwice() {
		final RunLength length = new RunLength(TEN);
		assertThrows(IllegalArgumentException.class, () -> length.extendTo(9, 5));
		length.extendTo(12, 5);
		assertThrows(IllegalStateException.class, () -> length.extendTo(14, 6));
	}
}

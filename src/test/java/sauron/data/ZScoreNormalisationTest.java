package sauron.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ZScoreNormalisationTest {

	@Test
	void everyChannelGetsMeanZeroAndStdOne() {
		final float[] data = new float[2 * 50];
		for (int i = 0; i < 50; i++) {
			data[2 * i] = 1000 + i; // bright channel
			data[2 * i + 1] = -3 * i * i; // skewed channel
		}
		final Volume in = new Volume(new int[] { 5, 10 }, 2, data, TestData.ones(2));
		final Volume out = ZScoreNormalisation.normalise(in, "img");
		for (int c = 0; c < 2; c++) {
			double sum = 0, sq = 0;
			for (int i = c; i < out.data().length; i += 2) {
				sum += out.data()[i];
				sq += out.data()[i] * out.data()[i];
			}
			assertEquals(0, sum / 50, 1e-5);
			assertEquals(1, sq / 50, 1e-5);
		}
		assertEquals(1000, in.data()[0], "input unchanged");
	}

	@Test
	void rejectsNaNAndInfinityNamingTheImage() {
		final Volume v = TestData.ramp(new int[] { 4, 4 }, 1);
		v.data()[5] = Float.NaN;
		final var e = assertThrows(IllegalArgumentException.class, () -> ZScoreNormalisation.normalise(v, "brain.nii"));
		assertTrue(e.getMessage().contains("brain.nii") && e.getMessage().contains("finite"), e.getMessage());
		v.data()[5] = Float.POSITIVE_INFINITY;
		assertThrows(IllegalArgumentException.class, () -> ZScoreNormalisation.normalise(v, "brain.nii"));
	}

	@Test
	void rejectsConstantImage() {
		final Volume v = Volume.zeros(new int[] { 3, 3 }, 1, TestData.ones(2));
		java.util.Arrays.fill(v.data(), 7f);
		final var e = assertThrows(IllegalArgumentException.class, () -> ZScoreNormalisation.normalise(v, "flat.tif"));
		assertTrue(e.getMessage().contains("flat.tif is constant (value 7.0)"), e.getMessage());
	}

	@Test
	void rejectsEmptyImage() {
		final Volume v = Volume.zeros(new int[] { 0, 3 }, 1, TestData.ones(2));
		final var e = assertThrows(IllegalArgumentException.class, () -> ZScoreNormalisation.normalise(v, "empty.tif"));
		assertTrue(e.getMessage().contains("empty.tif"), e.getMessage());
	}
}

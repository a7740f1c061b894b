package sauron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ij.process.FloatProcessor;
import sauron.data.Volume;

class EvidenceFiguresTest {

	@Test
	void levelsOfLayerNames() {
		assertEquals(3, EvidenceFigures.level("enc3_1"));
		assertEquals(2, EvidenceFigures.level("up2"));
		assertEquals(0, EvidenceFigures.level("dec0_0"));
		assertEquals(10, EvidenceFigures.level("enc10_0"));
	}

	@Test
	void aSliceIsOneChannelOfOneZWithYUp() {
		final int sx = 3, sy = 2, sz = 2, channels = 2;
		final float[] data = new float[sx * sy * sz * channels];
		for (int z = 0; z < sz; z++)
			for (int y = 0; y < sy; y++)
				for (int x = 0; x < sx; x++)
					for (int c = 0; c < channels; c++) data[((z * sy + y) * sx + x) * channels + c] = 1000 * z + 100 * y + 10 * x + c;
		final FloatProcessor slice = EvidenceFigures.slice(new Volume(new int[] { sx, sy, sz }, channels, data, new double[] { 1, 1, 1 }), 1, 1);
		assertEquals(sx, slice.getWidth());
		assertEquals(sy, slice.getHeight());
		assertEquals(1000 + 100 * 1 + 10 * 2 + 1, slice.getf(2, 0), "top row: the largest y");
		assertEquals(1000 + 0 + 10 * 0 + 1, slice.getf(0, 1), "bottom row: y 0");
	}
}

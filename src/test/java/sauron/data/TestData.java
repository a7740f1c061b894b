package sauron.data;

/** Tiny synthetic volumes for the data tests. */
final class TestData {

	private TestData() {}

	static Volume ramp(final int[] shape, final int channels) {
		final float[] data = new float[Math.toIntExact(Shapes.voxels(shape) * channels)];
		for (int i = 0; i < data.length; i++) data[i] = i;
		return new Volume(shape, channels, data, ones(shape.length));
	}

	static LabelVolume labels(final int[] shape) {
		return LabelVolume.zeros(shape, ones(shape.length));
	}

	static double[] ones(final int n) {
		final double[] v = new double[n];
		java.util.Arrays.fill(v, 1);
		return v;
	}
}

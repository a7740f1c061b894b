package sauron.net;

/**
 * Runs a network on a batch of equally sized tiles. Implemented by the TensorFlow model; tests use
 * plain Java fakes.
 */
public interface PatchPredictor extends AutoCloseable {

	/** Spatial dimensionality the network works in: 2 or 3. */
	int dims();

	int inputChannels();

	int classes();

	/**
	 * Every tile side must be a multiple of this (2^(levels-1) for a U-Net with strided convolutions).
	 */
	int sizeMultiple();

	/**
	 * @param tiles {@code batch} tiles, each channels-last and x fastest (see {@link sauron.data.Volume}),
	 *          {@code inputChannels()} values per voxel
	 * @param batch number of tiles
	 * @param tileShape spatial tile size, x first; length {@link #dims()}
	 * @return class probabilities, same layout, {@code classes()} values per voxel
	 */
	float[] predict(float[] tiles, int batch, int[] tileShape);

	@Override
	default void close() {}
}

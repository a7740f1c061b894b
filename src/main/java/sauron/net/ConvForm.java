package sauron.net;

/** How {@link UNetGraph} puts a block's convolution (Conv2D or Conv3D) into a TensorFlow graph. */
public enum ConvForm {
	/** The convolution alone: inference and export. */
	PLAIN,
	/**
	 * The convolution behind a dedicated input and a StopGradient, recorded in {@link UNetGraph.Forward#convs()}:
	 * training builds its gradient itself (sauron.train.SegmentedBackprop), because TensorFlow's C++ gradient registry
	 * lacks Conv3D's and registering one from Java is process-global and refused on Windows.
	 */
	SEGMENTED
}

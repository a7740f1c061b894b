package sauron.net;

/**
 * How a 3x3x3 convolution is put into a TensorFlow graph. 2D networks always use Conv2D.
 */
public enum ConvForm {
	/**
	 * Three Conv2D over depth-shifted slices, depth folded into the batch. Every op has a gradient in
	 * TensorFlow's C++ registry, so training works on every platform and in any class loader.
	 */
	PORTABLE,
	/**
	 * TensorFlow's Conv3D. Fine for inference; for training its gradient must be registered from Java
	 * ({@link NativeConv3dGradient}), which is process-global and unsupported on Windows.
	 */
	NATIVE
}

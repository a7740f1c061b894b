package sauron.net;

/**
 * How a 3x3x3 convolution is put into a TensorFlow graph. 2D networks always use Conv2D.
 */
public enum ConvForm {
	/**
	 * {@link #NATIVE} where its Java gradient can be registered (measured 1.5-2.2x faster to train than
	 * {@link #PORTABLE} on 2 CPU cores), else {@link #PORTABLE}, e.g. on Windows.
	 */
	AUTO,
	/**
	 * Three Conv2D over depth-shifted slices, depth folded into the batch. Every op has a gradient in
	 * TensorFlow's C++ registry, so training works on every platform and in any class loader.
	 */
	PORTABLE,
	/**
	 * TensorFlow's Conv3D. Fine for inference; for training its gradient must be registered from Java
	 * ({@link NativeConv3dGradient}), which is process-global and unsupported on Windows.
	 */
	NATIVE;

	/** The form a 3D training graph will use: AUTO becomes NATIVE where possible, else PORTABLE. */
	public ConvForm resolveForTraining() {
		if (this == AUTO) return NativeConv3dGradient.tryRegister() ? NATIVE : PORTABLE;
		if (this == NATIVE) NativeConv3dGradient.ensureRegistered();
		return this;
	}
}

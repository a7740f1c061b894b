package sauron.net;

/**
 * How a 3x3x3 convolution is put into a TensorFlow graph. 2D networks always use Conv2D.
 */
public enum ConvForm {
	/**
	 * {@link #NATIVE} where its Java gradient can be registered, else {@link #SEGMENTED} (e.g. on Windows), which
	 * trains at NATIVE's speed (1.02-1.07x a step; whole Sauron runs alike) where {@link #PORTABLE} took 2-3x.
	 * NATIVE stays first where it works because the published figures were measured with it: SEGMENTED sums
	 * gradients in another order, so one seed gives other weights.
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
	NATIVE,
	/**
	 * TensorFlow's Conv3D, differentiated by the training graph itself (no registered gradient): works on
	 * every platform and in any class loader.
	 */
	SEGMENTED;

	/** The form a 3D training graph will use: AUTO becomes NATIVE where possible, else SEGMENTED. */
	public ConvForm resolveForTraining() {
		if (this == AUTO) return NativeConv3dGradient.tryRegister() ? NATIVE : SEGMENTED;
		if (this == NATIVE) NativeConv3dGradient.ensureRegistered();
		return this;
	}
}

package sauron.net;

import java.util.List;

/**
 * One convolution of the U-Net as the topology sees it: what it reads (in concat order), its kernel and
 * stride, and how many filters it has.
 *
 * @param inputs the producers whose outputs are concatenated on channels to form this layer's input,
 *          in order; {@link #IMAGE} stands for the network input
 */
public record Layer(String name, Kind kind, int level, int kernelSize, int stride, List<String> inputs, int inChannels, int outChannels, int dims) {

	public static final String IMAGE = "image";

	public enum Kind {
		/** conv kxk(xk) + instance norm + LeakyReLU */
		BLOCK,
		/** transposed conv, kernel 2, stride 2 (no norm, no activation, as in nnU-Net) */
		UPCONV,
		/** 1x1(x1) conv to the classes, then softmax */
		HEAD
	}

	/** Kernel shape, TensorFlow style: spatial..., in, out (also for the transposed conv). */
	public long[] kernelShape() {
		final long[] shape = new long[dims + 2];
		for (int d = 0; d < dims; d++) shape[d] = kernelSize;
		shape[dims] = inChannels;
		shape[dims + 1] = outChannels;
		return shape;
	}

	public long parameterCount() {
		return (long) Math.pow(kernelSize, dims) * inChannels * outChannels + outChannels;
	}

	public boolean prunable() {
		return kind != Kind.HEAD;
	}

	public String kernelName() { return name + "/kernel"; }

	public String biasName() { return name + "/bias"; }
}

package sauron.export;

import java.nio.file.Path;
import java.util.Map;

import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

import sauron.net.InferenceGraph;
import sauron.tf.Tensors;

/**
 * Runs a SavedModel the way another runtime does: loads the stored graph with its variables (TensorFlow's own
 * loader, {@link SavedModelBundle}) and calls its serving signature by name. Our own loader rebuilds the network
 * from sauron.json and never executes the stored graph, so only this shows that the exported graph computes what
 * the model computes.
 */
public final class StoredGraphCheck {

	/** Largest difference in a probability tolerated between the stored graph and the network as this plugin runs it. */
	public static final double TOLERANCE = 1e-4;

	private StoredGraphCheck() {}

	/** The signature's output for one input tensor, channels last as the signature's shape says. */
	public static float[] run(final Path savedModel, final float[] input, final long[] shape) {
		try (SavedModelBundle bundle = SavedModelBundle.load(savedModel.toString(), SavedModelBundle.DEFAULT_TAG)) {
			final SessionFunction serving = bundle.function(org.tensorflow.Signature.DEFAULT_KEY);
			try (TFloat32 in = Tensors.floats(input, shape); Result r = serving.call(Map.<String, Tensor>of(InferenceGraph.INPUT, in))) {
				final Tensor out = r.get(InferenceGraph.OUTPUT)
						.orElseThrow(() -> new IllegalStateException(savedModel + ": the serving signature has no output '" + InferenceGraph.OUTPUT + "'"));
				return Tensors.toArray(out);
			}
		}
	}

	/** The largest absolute difference between two arrays of one length; infinite where either holds a NaN. */
	public static double maxDifference(final float[] a, final float[] b) {
		if (a.length != b.length) throw new IllegalArgumentException("arrays of " + a.length + " and " + b.length + " values");
		double max = 0;
		for (int i = 0; i < a.length; i++) {
			final double d = Math.abs((double) a[i] - b[i]);
			if (Double.isNaN(d)) return Double.POSITIVE_INFINITY;
			max = Math.max(max, d);
		}
		return max;
	}
}

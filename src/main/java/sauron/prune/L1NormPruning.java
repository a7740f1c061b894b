package sauron.prune;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import com.google.gson.JsonObject;

import sauron.model.SauronModel;
import sauron.net.AdamState;
import sauron.net.Layer;
import sauron.net.Param;
import sauron.net.Topology;
import sauron.net.UNetSpec;

/**
 * The classical baseline to compare Sauron with: magnitude pruning after training (Li et al. 2017, "Pruning
 * Filters for Efficient ConvNets"). Each prunable layer keeps its k filters whose kernels have the largest L1
 * norm (sum of |w| over the filter's taps and input channels; the bias does not count), k given per layer,
 * typically the widths a Sauron run reached on the same architecture. The norms are all taken on the
 * unpruned weights (Li et al.'s "independent" strategy), then {@link FilterRemoval} removes the rest in one
 * go. Fine-tuning afterwards is training with the result as the starting model.
 * <p>
 * Note for reading results: every block here is followed by instance norm, which undoes a filter's scale, so
 * a small kernel norm does not mean a weak output as it does without normalisation. That is the method as
 * published, applied as is.
 */
public final class L1NormPruning {

	private L1NormPruning() {}

	/**
	 * Prunes the baseline to the widths of {@code target}, a network of the same architecture (dims, levels,
	 * input channels, classes) with at most the baseline's filters in every layer. Returns a new model; the
	 * baseline is not changed.
	 */
	public static SauronModel prune(final SauronModel baseline, final UNetSpec target) {
		checkSameArchitecture(baseline.spec(), target);
		return prune(baseline, target.widths());
	}

	/**
	 * @param widths filters to keep per prunable layer, each in 1..its baseline width; layers left out keep all
	 */
	public static SauronModel prune(final SauronModel baseline, final Map<String, Integer> widths) {
		final Map<String, boolean[]> keep = keepMasks(baseline, widths);
		final PrunedNetwork smaller = FilterRemoval.remove(baseline.spec(), baseline.weights(), AdamState.fresh(baseline.topology()), keep);
		final JsonObject note = new JsonObject();
		note.addProperty("criterion", "L1 norm of each filter's kernel (Li et al. 2017), norms of the unpruned weights");
		final JsonObject kept = new JsonObject();
		smaller.spec().widths().forEach(kept::addProperty);
		note.add("widths", kept);
		return new SauronModel(smaller.spec(), smaller.weights(), baseline.metadata().prunedAfterTraining(note));
	}

	/** Per layer named in {@code widths}, which filters stay: the k of largest kernel L1 norm (ties: lower index first). */
	public static Map<String, boolean[]> keepMasks(final SauronModel baseline, final Map<String, Integer> widths) {
		final Topology topology = baseline.topology();
		final Map<String, boolean[]> keep = new LinkedHashMap<>();
		for (final Map.Entry<String, Integer> e : widths.entrySet()) {
			final String name = e.getKey();
			if (!baseline.spec().widths().containsKey(name))
				throw new IllegalArgumentException("target width given for " + name + ", which is not a prunable layer of the baseline " + baseline.spec());
			final Layer layer = topology.layer(name);
			final int k = e.getValue();
			if (k < 1 || k > layer.outChannels())
				throw new IllegalArgumentException("target width of " + name + " is " + k + "; expected 1.." + layer.outChannels() + " (the baseline's width)");
			keep.put(name, largest(filterNorms(baseline.weights().get(layer.kernelName())), k));
		}
		return keep;
	}

	/** L1 norm of every output filter of a kernel [spatial..., in, out]: sum of |w| over all but the last axis. */
	public static double[] filterNorms(final Param kernel) {
		final long[] shape = kernel.shape();
		final int out = (int) shape[shape.length - 1];
		final double[] norms = new double[out];
		final float[] v = kernel.values();
		for (int i = 0; i < v.length; i++) norms[i % out] += Math.abs(v[i]);
		return norms;
	}

	private static boolean[] largest(final double[] norms, final int k) {
		final boolean[] keep = new boolean[norms.length];
		IntStream.range(0, norms.length).boxed().sorted(Comparator.comparingDouble((Integer j) -> -norms[j]).thenComparingInt(j -> j)).limit(k)
				.forEach(j -> keep[j] = true);
		return keep;
	}

	/** Same dims, levels, input channels, classes and layer names: only the widths may differ. */
	static void checkSameArchitecture(final UNetSpec baseline, final UNetSpec target) {
		final String differ = baseline.dims() != target.dims() ? "dims: target " + target.dims() + ", baseline " + baseline.dims()
				: baseline.levels() != target.levels() ? "levels: target " + target.levels() + ", baseline " + baseline.levels()
				: baseline.inputChannels() != target.inputChannels()
						? "input channels: target " + target.inputChannels() + ", baseline " + baseline.inputChannels()
				: baseline.classes() != target.classes() ? "classes: target " + target.classes() + ", baseline " + baseline.classes()
				: !baseline.widths().keySet().equals(target.widths().keySet())
						? "layers: target " + target.widths().keySet() + ", baseline " + baseline.widths().keySet() : null;
		if (differ != null)
			throw new IllegalArgumentException("the target widths come from a network of another architecture (" + differ
					+ "); expected a network like the baseline that differs in widths only");
	}
}

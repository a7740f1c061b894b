package sauron.prune;

import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealVector;

import sauron.net.FeatureMaps;
import sauron.net.Layer;
import sauron.net.Param;
import sauron.net.Topology;
import sauron.net.Weights;

/**
 * Beyond the paper: before a filter c is removed, its consumers learn to read its map from the maps that stay.
 * With map_c ~ sum_k w_k map_k + b (a least-squares fit), every consumer's kernel gains w_k times its weights
 * for c on input channel k, and its bias gains b times the sum of its weights for c over the kernel taps. For
 * a 1x1 consumer (a head) this is exact; for a 3x3 conv it is exact away from the zero-padded border; for a
 * transposed conv (one tap per output voxel) the offset enters as the mean over taps. Consumers followed by
 * instance norm ignore the bias anyway. When maps really are redundant the removal then costs almost nothing.
 * <p>
 * Two fits: {@link Compensation#REFERENCE} uses the reference map alone (a scale and an offset: what
 * redundancy to the reference means), {@link Compensation#KEPT} all the maps that stay (ridge-regularised),
 * where a layer has at least ten voxels per unknown, else the reference alone.
 */
public final class FilterCompensation {

	/** How a removed filter's map is rebuilt from the maps that stay. */
	public enum Compensation {
		/** dropped: the paper */
		NONE,
		/** scale and offset of the reference map */
		REFERENCE,
		/** least squares on every kept map */
		KEPT
	}

	/** Ridge term relative to the mean diagonal of the Gram matrix: keeps the fit stable when kept maps are collinear. */
	private static final double RIDGE = 1e-3;

	private static final long MAX_SAMPLES = 1 << 16;
	private static final int MIN_SAMPLES_PER_UNKNOWN = 10;

	private FilterCompensation() {}

	/** The cut with each removed filter's fit as the compensation asks (none for NONE). */
	public static LayerCut cut(final List<FeatureMaps> maps, final boolean[] keep, final int reference, final Compensation compensation) {
		final int channels = keep.length;
		if (compensation == Compensation.NONE) return LayerCut.dropping(keep, reference);
		long voxels = 0;
		for (final FeatureMaps m : maps) voxels += m.values().length / channels;
		// A fit on every kept map needs many more voxels than unknowns; deep layers of small patches (a few hundred
		// pooled voxels for up to hundreds of maps) have too few, and there the ridge term would decide the fit.
		final boolean onKept = compensation == Compensation.KEPT && voxels >= MIN_SAMPLES_PER_UNKNOWN * (indices(keep).length + 1L);
		final boolean[] inputs = onKept ? keep : only(reference, channels);
		final int[] in = indices(inputs);
		final int n = in.length + 1; // the kept maps and a constant
		final double[][] gram = new double[n][n];
		final double[][] cross = new double[channels][n];
		final double[] x = new double[n];
		// A fit of a few hundred unknowns needs no more than this many voxels; full-resolution layers have millions.
		final int stride = (int) Math.max(1, voxels / MAX_SAMPLES) * channels;
		for (final FeatureMaps m : maps) {
			final float[] v = m.values();
			for (int i = 0; i < v.length; i += stride) {
				for (int a = 0; a < in.length; a++) x[a] = v[i + in[a]];
				x[n - 1] = 1;
				for (int a = 0; a < n; a++) for (int b = a; b < n; b++) gram[a][b] += x[a] * x[b];
				for (int c = 0; c < channels; c++) if (!keep[c]) for (int a = 0; a < n; a++) cross[c][a] += x[a] * v[i + c];
			}
		}
		double trace = 0;
		for (int a = 0; a < n; a++) {
			for (int b = 0; b < a; b++) gram[a][b] = gram[b][a];
			trace += gram[a][a];
		}
		if (onKept) for (int a = 0; a < n - 1; a++) gram[a][a] += RIDGE * trace / n;
		final DecompositionSolver solver = new CholeskyDecomposition(new Array2DRowRealMatrix(gram, false), 1e-12, 1e-15).getSolver();
		final double[][] weights = new double[channels][];
		final double[] offset = new double[channels];
		for (int c = 0; c < channels; c++) {
			if (keep[c]) continue;
			final RealVector beta = solver.solve(new ArrayRealVector(cross[c], false));
			weights[c] = new double[channels];
			for (int a = 0; a < in.length; a++) weights[c][in[a]] = beta.getEntry(a);
			offset[c] = beta.getEntry(n - 1);
		}
		return new LayerCut(keep, reference, weights, offset);
	}

	/** The weights with every cut's removed filters folded into their consumers' kept inputs (a new copy). */
	public static Weights fold(final Topology topology, final Weights weights, final Map<String, LayerCut> cuts) {
		final Weights folded = weights.copy();
		for (final Map.Entry<String, LayerCut> e : cuts.entrySet()) {
			final LayerCut cut = e.getValue();
			for (final Topology.Consumer consumer : topology.consumersOf(e.getKey()))
				for (int c = 0; c < cut.keep().length; c++)
					if (cut.weights()[c] != null) fold(consumer, folded, weights, c, cut.weights()[c], cut.offset()[c]);
		}
		return folded;
	}

	/** Input channel {@code removed} of one consumer, read from the original weights, added onto the channels its fit names. */
	private static void fold(final Topology.Consumer consumer, final Weights target, final Weights original, final int removed, final double[] fit,
			final double offset) {
		final Layer layer = consumer.layer();
		final int at = consumer.channelOffset();
		final float[] src = original.get(layer.kernelName()).values();
		final float[] kernel = target.get(layer.kernelName()).values();
		final Param bias = target.get(layer.biasName());
		final int in = layer.inChannels(), out = layer.outChannels(), taps = src.length / (in * out);
		final double[] tapSum = new double[out];
		for (int t = 0; t < taps; t++)
			for (int o = 0; o < out; o++) {
				final float w = src[(t * in + at + removed) * out + o];
				tapSum[o] += w;
				for (int k = 0; k < fit.length; k++) if (fit[k] != 0) kernel[(t * in + at + k) * out + o] += (float) (fit[k] * w);
			}
		// A transposed conv applies one tap per output voxel: on average, the mean tap.
		final double share = layer.kind() == Layer.Kind.UPCONV ? taps : 1;
		for (int o = 0; o < out; o++) bias.values()[o] += (float) (offset * tapSum[o] / share);
	}

	private static boolean[] only(final int channel, final int channels) {
		final boolean[] b = new boolean[channels];
		b[channel] = true;
		return b;
	}

	private static int[] indices(final boolean[] set) {
		int n = 0;
		for (final boolean s : set) if (s) n++;
		final int[] idx = new int[n];
		for (int i = 0, k = 0; i < set.length; i++) if (set[i]) idx[k++] = i;
		return idx;
	}
}

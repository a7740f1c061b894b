package sauron.prune;

import java.util.List;
import java.util.Map;

import sauron.net.FeatureMaps;
import sauron.net.Layer;
import sauron.net.Param;
import sauron.net.Topology;
import sauron.net.Weights;

/**
 * Beyond the paper: before filter c of a layer is removed, its consumers learn to read it from the reference
 * filter r. With map_c ~ a * map_r + b, every consumer's kernel gains a times its weights for c on r's input
 * channel, and its bias gains b times the sum of its weights for c over the kernel taps. For a 1x1 consumer
 * (a head) this is exact; for a 3x3 conv it is exact away from the zero-padded border; for a transposed conv
 * (one tap per output voxel) the offset enters as the mean over taps. Consumers followed by instance norm
 * ignore the bias anyway. When maps really are redundant the removal then costs almost nothing.
 */
public final class FilterCompensation {

	private FilterCompensation() {}

	/**
	 * The least-squares fit map_c ~ scale * map_reference + offset of every channel on the reference, over
	 * all voxels of all batches; {scale, offset} per channel (1, 0 for the reference itself; 0 and the mean
	 * when the reference map is constant).
	 */
	public static double[][] fit(final List<FeatureMaps> batches, final int reference) {
		final int channels = batches.get(0).channels();
		double n = 0, sumR = 0, sumRR = 0;
		final double[] sumC = new double[channels], sumRC = new double[channels];
		for (final FeatureMaps m : batches) {
			final float[] v = m.values();
			for (int i = 0; i < v.length; i += channels) {
				final double r = v[i + reference];
				n++;
				sumR += r;
				sumRR += r * r;
				for (int c = 0; c < channels; c++) {
					sumC[c] += v[i + c];
					sumRC[c] += r * v[i + c];
				}
			}
		}
		final double meanR = sumR / n, varR = sumRR / n - meanR * meanR;
		final double[] scale = new double[channels], offset = new double[channels];
		for (int c = 0; c < channels; c++) {
			final double meanC = sumC[c] / n;
			scale[c] = varR > 1e-12 * Math.max(1, sumRR / n) ? (sumRC[c] / n - meanR * meanC) / varR : 0;
			offset[c] = meanC - scale[c] * meanR;
		}
		return new double[][] { scale, offset };
	}

	/** The weights with every cut's removed filters folded into their references' consumers (a new copy). */
	public static Weights fold(final Topology topology, final Weights weights, final Map<String, LayerCut> cuts) {
		final Weights folded = weights.copy();
		for (final Map.Entry<String, LayerCut> e : cuts.entrySet()) {
			final LayerCut cut = e.getValue();
			for (final Topology.Consumer consumer : topology.consumersOf(e.getKey()))
				for (int c = 0; c < cut.keep().length; c++)
					if (!cut.keep()[c]) fold(consumer, folded, weights, consumer.channelOffset() + cut.reference(), consumer.channelOffset() + c, cut.scale()[c],
							cut.offset()[c]);
		}
		return folded;
	}

	/** Input channel {@code from} of one consumer, read from the original weights, added onto input channel {@code to}. */
	private static void fold(final Topology.Consumer consumer, final Weights target, final Weights original, final int to, final int from,
			final double scale, final double offset) {
		final Layer layer = consumer.layer();
		final float[] src = original.get(layer.kernelName()).values();
		final float[] kernel = target.get(layer.kernelName()).values();
		final Param bias = target.get(layer.biasName());
		final int in = layer.inChannels(), out = layer.outChannels(), taps = src.length / (in * out);
		final double[] tapSum = new double[out];
		for (int t = 0; t < taps; t++)
			for (int o = 0; o < out; o++) {
				final float w = src[(t * in + from) * out + o];
				kernel[(t * in + to) * out + o] += (float) (scale * w);
				tapSum[o] += w;
			}
		// A transposed conv applies one tap per output voxel: on average, the mean tap.
		final double share = layer.kind() == Layer.Kind.UPCONV ? taps : 1;
		for (int o = 0; o < out; o++) bias.values()[o] += (float) (offset * tapSum[o] / share);
	}
}

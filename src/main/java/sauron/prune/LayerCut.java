package sauron.prune;

/**
 * One layer's removals in a pruning round: which filters stay, the reference filter the others were compared
 * with, and for each removed filter c its map's fit onto the kept maps, map_c ~ sum_k weights[c][k] * map_k +
 * offset[c] (weights[c] is null for kept filters, and for removed ones when nothing was fitted).
 */
public record LayerCut(boolean[] keep, int reference, double[][] weights, double[] offset) {

	public LayerCut {
		if (weights.length != keep.length || offset.length != keep.length)
			throw new IllegalArgumentException("a cut needs one fit per filter: " + keep.length + " filters, " + weights.length + " fits, " + offset.length
					+ " offsets");
		if (!keep[reference]) throw new IllegalArgumentException("the reference filter " + reference + " must stay");
		for (int c = 0; c < keep.length; c++)
			if (weights[c] != null && (keep[c] || weights[c].length != keep.length))
				throw new IllegalArgumentException("filter " + c + ": only a removed filter has a fit, with one weight per filter");
	}

	/** A cut without fitted maps: the removed filters' contributions are simply dropped. */
	public static LayerCut dropping(final boolean[] keep, final int reference) {
		return new LayerCut(keep, reference, new double[keep.length][], new double[keep.length]);
	}

	public boolean removesAny() {
		for (final boolean k : keep) if (!k) return true;
		return false;
	}

	public int kept() {
		int n = 0;
		for (final boolean k : keep) if (k) n++;
		return n;
	}
}

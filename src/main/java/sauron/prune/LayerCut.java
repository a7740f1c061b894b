package sauron.prune;

/**
 * One layer's removals in a pruning round: which filters stay, the reference filter the others were compared
 * with, and for each removed filter c the least-squares fit map_c ~ scale[c] * map_reference + offset[c]
 * (0 and 0 for kept filters, and when no fit was made).
 */
public record LayerCut(boolean[] keep, int reference, double[] scale, double[] offset) {

	public LayerCut {
		if (scale.length != keep.length || offset.length != keep.length)
			throw new IllegalArgumentException("a cut needs one scale and offset per filter: " + keep.length + " filters, " + scale.length + " scales, "
					+ offset.length + " offsets");
		if (!keep[reference]) throw new IllegalArgumentException("the reference filter " + reference + " must stay");
	}

	/** A cut without fitted maps: the removed filters' contributions are simply dropped. */
	public static LayerCut dropping(final boolean[] keep, final int reference) {
		return new LayerCut(keep, reference, new double[keep.length], new double[keep.length]);
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

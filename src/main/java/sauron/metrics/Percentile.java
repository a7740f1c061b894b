package sauron.metrics;

/**
 * Percentiles the way numpy's default {@code np.percentile(x, p)} ("linear", type 7 of Hyndman &amp; Fan)
 * computes them: with {@code x} sorted ascending and {@code h = (n - 1) p / 100}, the result is
 * {@code x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])}. This is what medpy's hd95 uses.
 */
public final class Percentile {

	private Percentile() {}

	/** The {@code percent}-th percentile (0..100) of {@code sorted}, which must be sorted ascending and non-empty. */
	public static double ofSorted(final double[] sorted, final double percent) {
		if (sorted.length == 0) throw new IllegalArgumentException("percentile of an empty set");
		if (!(percent >= 0 && percent <= 100)) throw new IllegalArgumentException("percentile must be in 0..100, got " + percent);
		final double h = (sorted.length - 1) * (percent / 100);
		final int below = (int) Math.floor(h);
		final int above = Math.min(below + 1, sorted.length - 1);
		final double t = h - below;
		final double a = sorted[below];
		final double b = sorted[above];
		if (a == b) return a; // also keeps equal infinite values from turning into NaN
		// numpy's _lerp: interpolate from the nearer end, so the result stays within [a, b].
		return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
	}
}

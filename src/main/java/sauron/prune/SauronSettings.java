package sauron.prune;

/**
 * Sauron's constants (SAURON.md sections 3-5), with the paper's defaults in {@link #DEFAULTS}.
 *
 * @param tau0 first pruning threshold of every layer
 * @param tauMax last value of the threshold grid
 * @param kappa the grid has kappa + 1 values, linspace(tau0, tauMax)
 * @param rho patience (epochs tau stays frozen after a rise) and the length of the loss plateau test
 * @param mu a layer that lost ceil(mu * width) filters or more in the previous epoch is not converged
 * @param lambda weight of the regulariser delta_opt in the loss (0: the paper's "lambda=0" ablation)
 * @param sf average-pooling kernel and stride of both distances
 * @param prune false to train without removing filters (the regulariser still follows lambda)
 */
public record SauronSettings(double tau0, double tauMax, int kappa, int rho, double mu, double lambda, int sf, boolean prune) {

	public static final SauronSettings DEFAULTS = new SauronSettings(0.001, 0.3, 15, 5, 0.02, 0.5, 2, true);

	public SauronSettings {
		if (!(tau0 >= 0 && tau0 <= tauMax && tauMax <= 1))
			throw new IllegalArgumentException("thresholds must satisfy 0 <= tau0 <= tauMax <= 1, got tau0 " + tau0 + ", tauMax " + tauMax);
		if (kappa < 1) throw new IllegalArgumentException("kappa (threshold steps) must be >= 1, got " + kappa);
		if (rho < 1) throw new IllegalArgumentException("rho (patience) must be >= 1, got " + rho);
		// mu = 0 would make the filter-loss test (removed < ceil(0) = 0) block every rise of tau.
		if (!(mu > 0 && mu <= 1)) throw new IllegalArgumentException("mu must be in (0, 1], got " + mu);
		if (!(lambda >= 0)) throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
		if (sf < 1) throw new IllegalArgumentException("sf (pooling factor) must be >= 1, got " + sf);
	}

	/** The thresholds tau climbs through: linspace(tau0, tauMax, kappa + 1). */
	public double[] tauGrid() {
		final double[] grid = new double[kappa + 1];
		for (int i = 0; i <= kappa; i++) grid[i] = tau0 + (tauMax - tau0) * i / kappa;
		grid[kappa] = tauMax; // exact, whatever the rounding
		return grid;
	}

	public SauronSettings withLambda(final double l) {
		return new SauronSettings(tau0, tauMax, kappa, rho, mu, l, sf, prune);
	}

	public SauronSettings withPrune(final boolean p) {
		return new SauronSettings(tau0, tauMax, kappa, rho, mu, lambda, sf, p);
	}
}

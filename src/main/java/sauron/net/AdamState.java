package sauron.net;


/**
 * Adam's moments, one array per weight array and with the same names, plus the number of steps taken.
 * Pruning slices the moments exactly like the weights; the step count stays.
 */
public record AdamState(Weights firstMoment, Weights secondMoment, long step) {

	public static AdamState fresh(final Topology topology) {
		return new AdamState(Weights.zeros(topology), Weights.zeros(topology), 0);
	}
}

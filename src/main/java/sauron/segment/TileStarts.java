package sauron.segment;

/** Where tiles start along one axis: nnU-Net's {@code compute_steps}. */
final class TileStarts {

	private TileStarts() {}

	/**
	 * Start positions from 0 to {@code size - tile}, evenly spaced with a step of at most
	 * {@code tile * (1 - overlap)}, the last tile flush with the end.
	 *
	 * @param size axis length, at least {@code tile}
	 */
	static int[] evenlySpaced(final int size, final int tile, final double overlap) {
		if (tile < 1 || size < tile)
			throw new IllegalArgumentException("tile " + tile + " must be between 1 and the axis size " + size);
		final double targetStep = tile * (1 - overlap);
		final int last = size - tile;
		final int count = (int) Math.ceil(last / targetStep) + 1;
		final int[] starts = new int[count];
		// Math.rint rounds half to even, as numpy's round does, so we place tiles where nnU-Net does.
		final double step = count > 1 ? (double) last / (count - 1) : 0;
		for (int i = 0; i < count; i++) starts[i] = (int) Math.rint(step * i);
		return starts;
	}
}

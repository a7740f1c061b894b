package sauron.prune;

/** The average pooling both Sauron distances compress feature maps with: kernel = stride = sf, floor. */
final class Pooling {

	private Pooling() {}

	/**
	 * Pooling factor on an axis of the given size: sf, or the whole axis where it is shorter than sf, so that
	 * the deepest maps of small patches (1 voxel wide) still give one pooled voxel instead of none.
	 */
	static int factor(final long size, final int sf) {
		return (int) Math.min(sf, size);
	}
}

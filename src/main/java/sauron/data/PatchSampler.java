package sauron.data;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws batches of training patches from a list of {@link TrainingPair}s.
 * <p>
 * A 3D network (patch of 3 sizes) takes 3D patches of 3D pairs. A 2D network (patch of 2 sizes)
 * takes 2D patches of 2D pairs or of axial (z) slices of 3D pairs, so a 2D network can learn from
 * 3D volumes.
 * <p>
 * Each patch comes from a uniformly chosen pair. With probability {@code foregroundProbability}
 * (nnU-Net's oversampling) it is centred, with a jitter of up to a quarter patch, on a random voxel
 * of a random foreground class present in that pair, so rare structures are seen often; otherwise
 * its position is uniform. A pair smaller than the patch along an axis is zero-padded (image 0,
 * which is the mean after z-scoring, and label 0), so every patch has the full shape; such a patch
 * may start at a negative offset.
 * <p>
 * Deterministic given the seed. Not thread-safe: one sampler per producing thread.
 */
public final class PatchSampler {

	/** nnU-Net's share of foreground-centred patches. */
	public static final double DEFAULT_FOREGROUND_PROBABILITY = 0.33;

	private final List<TrainingPair> pairs;
	private final ForegroundVoxels[] foreground;
	private final int[] patchShape;
	/** Patch sizes as (x, y, z); z is 1 for a 2D network. */
	private final int px, py, pz;
	private final int batchSize;
	private final int channels;
	private final double foregroundProbability;
	private final SplittableRandom random;

	public PatchSampler(final List<TrainingPair> pairs, final int[] patchShape, final int batchSize, final int classes, final long seed) {
		this(pairs, patchShape, batchSize, classes, DEFAULT_FOREGROUND_PROBABILITY, seed);
	}

	/**
	 * @param pairs training data, all with the same channel count and {@code classes}
	 * @param patchShape spatial patch size, x first; its length is the network's dims (2 or 3)
	 * @param batchSize patches per batch
	 * @param classes number of classes including background
	 * @param foregroundProbability chance that a patch is centred on foreground, in [0, 1]
	 * @param seed makes the sequence of batches reproducible
	 */
	public PatchSampler(final List<TrainingPair> pairs, final int[] patchShape, final int batchSize, final int classes,
		final double foregroundProbability, final long seed) {
		if (pairs.isEmpty()) throw new IllegalArgumentException("no training pairs; expected at least one image with labels");
		if (patchShape.length != 2 && patchShape.length != 3)
			throw new IllegalArgumentException("patch shape " + Arrays.toString(patchShape) + " must have 2 or 3 sizes (the network's dims)");
		for (final int s : patchShape)
			if (s < 1) throw new IllegalArgumentException("patch shape " + Arrays.toString(patchShape) + " must be positive");
		if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
		if (!(foregroundProbability >= 0 && foregroundProbability <= 1))
			throw new IllegalArgumentException("foreground probability must be in [0, 1], got " + foregroundProbability);
		final int dims = patchShape.length;
		channels = pairs.get(0).image().channels();
		foreground = new ForegroundVoxels[pairs.size()];
		for (int i = 0; i < pairs.size(); i++) {
			final TrainingPair pair = pairs.get(i);
			if (pair.classes() != classes)
				throw new IllegalArgumentException("pair " + pair.name() + " has " + pair.classes() + " classes, the sampler " + classes);
			if (pair.image().channels() != channels)
				throw new IllegalArgumentException("pair " + pair.name() + " has " + pair.image().channels() + " channels, pair "
					+ pairs.get(0).name() + " has " + channels + "; expected the same channels in every image");
			NetworkInput.checkImage(pair.name(), pair.shape(), pair.image().channels(), dims, channels);
			foreground[i] = new ForegroundVoxels(pair.labels().labels(), classes);
		}
		this.pairs = List.copyOf(pairs);
		this.patchShape = patchShape.clone();
		px = patchShape[0];
		py = patchShape[1];
		pz = dims == 3 ? patchShape[2] : 1;
		this.batchSize = batchSize;
		this.foregroundProbability = foregroundProbability;
		random = new SplittableRandom(seed);
	}

	public int[] patchShape() { return patchShape.clone(); }

	public int batchSize() { return batchSize; }

	public int channels() { return channels; }

	/** A new batch (fresh arrays, so batches may be queued). */
	public PatchBatch nextBatch() {
		final PatchBatch batch = PatchBatch.allocate(batchSize, patchShape, channels);
		for (int b = 0; b < batchSize; b++) samplePatch(batch.images(), batch.labels(), b);
		return batch;
	}

	private void samplePatch(final float[] images, final byte[] labels, final int b) {
		final int p = random.nextInt(pairs.size());
		final TrainingPair pair = pairs.get(p);
		final int sx = pair.image().size(0), sy = pair.image().size(1);
		final int sz = pair.image().dims() == 3 ? pair.image().size(2) : 1;
		final ForegroundVoxels fg = foreground[p];
		final int x0, y0, z0;
		if (fg.any() && random.nextDouble() < foregroundProbability) {
			final int c = fg.presentClass(random.nextInt(fg.presentCount()));
			final int v = fg.voxel(c, random.nextInt(fg.count(c)));
			x0 = centredStart(v % sx, sx, px);
			y0 = centredStart(v / sx % sy, sy, py);
			z0 = centredStart(v / sx / sy, sz, pz);
		} else {
			x0 = uniformStart(sx, px);
			y0 = uniformStart(sy, py);
			z0 = uniformStart(sz, pz);
		}
		final int voxels = px * py * pz;
		copyPatch(pair, sx, sy, sz, x0, y0, z0, images, b * voxels * channels, labels, b * voxels);
	}

	/**
	 * Starts that keep the patch inside the image, or, for an image smaller than the patch, keep the
	 * whole image inside the patch: [min(0, size - patch), max(0, size - patch)].
	 */
	private int uniformStart(final int size, final int patch) {
		final int lo = Math.min(0, size - patch), hi = Math.max(0, size - patch);
		return lo + random.nextInt(hi - lo + 1);
	}

	/** Centre on {@code voxel} with a jitter under half a patch (so the voxel stays inside), then clamp. */
	private int centredStart(final int voxel, final int size, final int patch) {
		final int lo = Math.min(0, size - patch), hi = Math.max(0, size - patch);
		final int jitter = random.nextInt(-(patch / 4), patch / 4 + 1);
		return Math.max(lo, Math.min(hi, voxel - patch / 2 + jitter));
	}

	/** Row by row with System.arraycopy; rows and slices outside the image stay 0 (fresh arrays). */
	private void copyPatch(final TrainingPair pair, final int sx, final int sy, final int sz, final int x0, final int y0, final int z0,
		final float[] images, final int imageOffset, final byte[] labels, final int labelOffset) {
		final float[] src = pair.image().data();
		final byte[] srcLabels = pair.labels().labels();
		final int xa = Math.max(0, x0), xb = Math.min(sx, x0 + px);
		if (xa >= xb) return;
		final int rowVoxels = xb - xa;
		for (int z = Math.max(0, z0); z < Math.min(sz, z0 + pz); z++)
			for (int y = Math.max(0, y0); y < Math.min(sy, y0 + py); y++) {
				final int from = (z * sy + y) * sx + xa;
				final int to = ((z - z0) * py + (y - y0)) * px + (xa - x0);
				System.arraycopy(src, from * channels, images, imageOffset + to * channels, rowVoxels * channels);
				System.arraycopy(srcLabels, from, labels, labelOffset + to, rowVoxels);
			}
	}
}

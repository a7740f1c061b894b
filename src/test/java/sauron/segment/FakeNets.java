package sauron.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sauron.data.Shapes;
import sauron.net.PatchPredictor;

/** Plain Java stand-ins for the network. */
final class FakeNets {

	private FakeNets() {}

	/** Shared bookkeeping: the fixed properties and a check of what every predict call receives. */
	abstract static class Base implements PatchPredictor {
		final int dims, channels, classes, multiple;

		Base(final int dims, final int channels, final int classes, final int multiple) {
			this.dims = dims;
			this.channels = channels;
			this.classes = classes;
			this.multiple = multiple;
		}

		@Override public int dims() { return dims; }
		@Override public int inputChannels() { return channels; }
		@Override public int classes() { return classes; }
		@Override public int sizeMultiple() { return multiple; }

		@Override
		public float[] predict(final float[] tiles, final int batch, final int[] tileShape) {
			if (tileShape.length != dims) throw new AssertionError("tile shape " + Arrays.toString(tileShape) + " for a " + dims + "D net");
			for (final int s : tileShape)
				if (s % multiple != 0) throw new AssertionError("tile side " + s + " not a multiple of " + multiple);
			final int voxels = (int) Shapes.voxels(tileShape);
			if (tiles.length != batch * voxels * channels) throw new AssertionError("got " + tiles.length + " inputs for " + batch + " tiles");
			final float[] out = new float[batch * voxels * classes];
			for (int b = 0; b < batch; b++) predictTile(tiles, b * voxels * channels, voxels, out, b * voxels * classes);
			return out;
		}

		abstract void predictTile(float[] in, int inOffset, int voxels, float[] out, int outOffset);
	}

	/** Each voxel's output is softmax([s, -s]) of the sum s of its channels: tiling must not matter at all. */
	static final class Pointwise extends Base {
		Pointwise(final int dims, final int channels, final int multiple) { super(dims, channels, 2, multiple); }

		@Override
		void predictTile(final float[] in, final int inOffset, final int voxels, final float[] out, final int outOffset) {
			apply(in, inOffset, channels, voxels, out, outOffset);
		}

		/** The expected result on a whole image. */
		static float[] apply(final float[] in, final int inOffset, final int channels, final int voxels, final float[] out, final int outOffset) {
			for (int v = 0; v < voxels; v++) {
				double s = 0;
				for (int c = 0; c < channels; c++) s += in[inOffset + v * channels + c];
				final double p0 = 1 / (1 + Math.exp(-2 * s)); // softmax([s, -s])[0]
				out[outOffset + 2 * v] = (float) p0;
				out[outOffset + 2 * v + 1] = (float) (1 - p0);
			}
			return out;
		}
	}

	/** Each voxel's output depends on the mean of the whole tile: tiling changes the result. */
	static final class TileMean extends Base {
		TileMean(final int dims, final int multiple) { super(dims, 1, 2, multiple); }

		@Override
		void predictTile(final float[] in, final int inOffset, final int voxels, final float[] out, final int outOffset) {
			apply(in, inOffset, voxels, out, outOffset);
		}

		static float[] apply(final float[] in, final int inOffset, final int voxels, final float[] out, final int outOffset) {
			double mean = 0;
			for (int v = 0; v < voxels; v++) mean += in[inOffset + v];
			mean /= voxels;
			for (int v = 0; v < voxels; v++) {
				final double p0 = 1 / (1 + Math.exp(-(in[inOffset + v] - mean)));
				out[outOffset + 2 * v] = (float) p0;
				out[outOffset + 2 * v + 1] = (float) (1 - p0);
			}
			return out;
		}
	}

	/**
	 * Each voxel's output depends only on where it sits in its tile: p0 = x / (tile side - 1) with x its column
	 * in the tile, p1 = 1 - p0. Overlapping tiles disagree about every voxel they share, so how they are
	 * weighted shows in the result.
	 */
	static final class ColumnInTile implements PatchPredictor {
		private final int dims, multiple;

		ColumnInTile(final int dims, final int multiple) { this.dims = dims; this.multiple = multiple; }

		@Override public int dims() { return dims; }
		@Override public int inputChannels() { return 1; }
		@Override public int classes() { return 2; }
		@Override public int sizeMultiple() { return multiple; }

		@Override
		public float[] predict(final float[] tiles, final int batch, final int[] tileShape) {
			final int voxels = (int) Shapes.voxels(tileShape), side = tileShape[0];
			final float[] out = new float[batch * voxels * 2];
			for (int i = 0; i < batch * voxels; i++) {
				final float p0 = (float) (i % side) / (side - 1);
				out[2 * i] = p0;
				out[2 * i + 1] = 1 - p0;
			}
			return out;
		}
	}

	/** Returns constant probabilities from a cached array: costs nothing, so timing shows the tiling overhead. */
	static final class Constant implements PatchPredictor {
		private final int dims, classes;
		private float[] cached = new float[0];

		Constant(final int dims, final int classes) { this.dims = dims; this.classes = classes; }

		@Override public int dims() { return dims; }
		@Override public int inputChannels() { return 1; }
		@Override public int classes() { return classes; }
		@Override public int sizeMultiple() { return 16; }

		@Override
		public float[] predict(final float[] tiles, final int batch, final int[] tileShape) {
			final int n = (int) (batch * Shapes.voxels(tileShape) * classes);
			if (cached.length != n) {
				cached = new float[n];
				Arrays.fill(cached, 1f / classes);
			}
			return cached;
		}
	}

	/** Records every call: batch sizes, tile shapes and copies of the tiles. Outputs constants. */
	static final class Recording extends Base {
		final List<Integer> batches = new ArrayList<>();
		final List<int[]> tileShapes = new ArrayList<>();
		final List<float[]> tiles = new ArrayList<>();

		Recording(final int dims, final int multiple) { super(dims, 1, 2, multiple); }

		@Override
		void predictTile(final float[] in, final int inOffset, final int voxels, final float[] out, final int outOffset) {
			tiles.add(Arrays.copyOfRange(in, inOffset, inOffset + voxels));
			Arrays.fill(out, outOffset, outOffset + 2 * voxels, 0.5f);
		}

		@Override
		public float[] predict(final float[] in, final int batch, final int[] tileShape) {
			batches.add(batch);
			tileShapes.add(tileShape.clone());
			return super.predict(in, batch, tileShape);
		}
	}
}

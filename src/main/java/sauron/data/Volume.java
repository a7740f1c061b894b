package sauron.data;

import java.util.Arrays;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A dense float image on a voxel grid: the form the network reads.
 * <p>
 * Layout is channels-last, x fastest: {@code data[((z * Y + y) * X + x) * C + c]}, which is exactly a
 * TensorFlow tensor of shape [Z, Y, X, C] (3D) or [Y, X, C] (2D), so patches copy straight into tensors.
 * {@code shape} lists the spatial sizes in ImgLib2 order (x, y[, z]). The {@link Geometry} says where the grid lies in
 * space (see there for what an output derived from this volume carries).
 */
public final class Volume {

	private final int[] shape;
	private final int channels;
	private final float[] data;
	private final double[] voxelSize;
	private final Geometry geometry;

	/** A volume made in code: only a voxel size (mm, one per axis), no position or orientation. */
	public Volume(final int[] shape, final int channels, final float[] data, final double[] voxelSize) {
		this(shape, channels, data, codeMade(voxelSize, shape));
	}

	/** @param geometry where the grid lies, with at least one voxel size per axis (a file's, or another volume's on this grid) */
	public Volume(final int[] shape, final int channels, final float[] data, final Geometry geometry) {
		if (shape.length != 2 && shape.length != 3)
			throw new IllegalArgumentException("A volume must be 2D or 3D, got " + shape.length + " spatial axes");
		if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
		final double[] voxelSize = geometry.voxelSize();
		if (voxelSize.length < shape.length)
			throw new IllegalArgumentException("voxel size has " + voxelSize.length + " entries for " + shape.length + " axes");
		final long n = Shapes.voxels(shape) * channels;
		if (data.length != n)
			throw new IllegalArgumentException("data has " + data.length + " values, shape " + Arrays.toString(shape) + " x " + channels + " needs " + n);
		this.shape = shape.clone();
		this.channels = channels;
		this.data = data;
		this.voxelSize = Arrays.copyOf(voxelSize, shape.length);
		this.geometry = geometry;
	}

	public static Volume zeros(final int[] shape, final int channels, final double[] voxelSize) {
		return zeros(shape, channels, codeMade(voxelSize, shape));
	}

	public static Volume zeros(final int[] shape, final int channels, final Geometry geometry) {
		return new Volume(shape, channels, new float[Math.toIntExact(Shapes.voxels(shape) * channels)], geometry);
	}

	/** Spatial sizes, x first. */
	public int[] shape() { return shape.clone(); }

	public int size(final int axis) { return shape[axis]; }

	public int dims() { return shape.length; }

	public int channels() { return channels; }

	/** The backing array (not a copy): channels-last, x fastest. */
	public float[] data() { return data; }

	/** Voxel size in mm, one per axis (the geometry's). */
	public double[] voxelSize() { return voxelSize.clone(); }

	/** Where the grid lies in space; an output on this grid carries it unchanged (see {@link Geometry}). */
	public Geometry geometry() { return geometry; }

	public long voxels() { return Shapes.voxels(shape); }

	/** Index of channel 0 of the voxel at {@code position} (x, y[, z]) in {@link #data()}. */
	public int index(final int... position) {
		return Shapes.linearIndex(shape, position) * channels;
	}

	/**
	 * Zero-copy ImgLib2 view: axes (c, x, y[, z]) so that the ImgLib2 flat order equals our layout.
	 * For a single channel use {@link #channelView()}.
	 */
	public ArrayImg<FloatType, FloatArray> asImg() {
		final long[] dims = new long[shape.length + 1];
		dims[0] = channels;
		for (int d = 0; d < shape.length; d++) dims[d + 1] = shape[d];
		return ArrayImgs.floats(data, dims);
	}

	/** Zero-copy ImgLib2 view (x, y[, z]) of a single-channel volume. */
	public ArrayImg<FloatType, FloatArray> channelView() {
		if (channels != 1) throw new IllegalStateException("channelView needs one channel, this volume has " + channels);
		return ArrayImgs.floats(data, Shapes.toLong(shape));
	}

	private static Geometry codeMade(final double[] voxelSize, final int[] shape) {
		if (voxelSize.length != shape.length)
			throw new IllegalArgumentException("voxel size has " + voxelSize.length + " entries for " + shape.length + " axes");
		return Geometry.of(voxelSize);
	}

	@Override
	public String toString() {
		return "Volume" + Arrays.toString(shape) + "x" + channels + " voxel " + Arrays.toString(voxelSize);
	}
}

package sauron.data;

import java.util.Arrays;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * A label image: one class index (0 = background, up to 255) per voxel, x fastest, on a voxel grid whose place in
 * space is its {@link Geometry}.
 */
public final class LabelVolume {

	private final int[] shape;
	private final byte[] labels;
	private final double[] voxelSize;
	private final Geometry geometry;

	/** Labels made in code: only a voxel size (mm, one per axis), no position or orientation. */
	public LabelVolume(final int[] shape, final byte[] labels, final double[] voxelSize) {
		this(shape, labels, codeMade(voxelSize, shape));
	}

	/** @param geometry where the grid lies, with at least one voxel size per axis (a file's, or another volume's on this grid) */
	public LabelVolume(final int[] shape, final byte[] labels, final Geometry geometry) {
		if (shape.length != 2 && shape.length != 3)
			throw new IllegalArgumentException("A label volume must be 2D or 3D, got " + shape.length + " axes");
		final double[] voxelSize = geometry.voxelSize();
		if (voxelSize.length < shape.length)
			throw new IllegalArgumentException("voxel size has " + voxelSize.length + " entries for " + shape.length + " axes");
		if (labels.length != Shapes.voxels(shape))
			throw new IllegalArgumentException("labels has " + labels.length + " values, shape " + Arrays.toString(shape) + " needs " + Shapes.voxels(shape));
		this.shape = shape.clone();
		this.labels = labels;
		this.voxelSize = Arrays.copyOf(voxelSize, shape.length);
		this.geometry = geometry;
	}

	public static LabelVolume zeros(final int[] shape, final double[] voxelSize) {
		return new LabelVolume(shape, new byte[Math.toIntExact(Shapes.voxels(shape))], voxelSize);
	}

	public int[] shape() { return shape.clone(); }

	public int size(final int axis) { return shape[axis]; }

	public int dims() { return shape.length; }

	/** Voxel size in mm, one per axis (the geometry's). */
	public double[] voxelSize() { return voxelSize.clone(); }

	/** Where the grid lies in space; an output on this grid carries it unchanged (see {@link Geometry}). */
	public Geometry geometry() { return geometry; }

	public long voxels() { return Shapes.voxels(shape); }

	/** The backing array (not a copy). */
	public byte[] labels() { return labels; }

	public int get(final int index) { return labels[index] & 0xff; }

	public void set(final int index, final int label) { labels[index] = (byte) label; }

	/** Largest label present (0 for an all-background image). */
	public int maxLabel() {
		int max = 0;
		for (final byte b : labels) max = Math.max(max, b & 0xff);
		return max;
	}

	/** Zero-copy ImgLib2 view (x, y[, z]). */
	public ArrayImg<UnsignedByteType, ByteArray> asImg() {
		return ArrayImgs.unsignedBytes(labels, Shapes.toLong(shape));
	}

	private static Geometry codeMade(final double[] voxelSize, final int[] shape) {
		if (voxelSize.length != shape.length)
			throw new IllegalArgumentException("voxel size has " + voxelSize.length + " entries for " + shape.length + " axes");
		return Geometry.of(voxelSize);
	}

	@Override
	public String toString() {
		return "LabelVolume" + Arrays.toString(shape) + " voxel " + Arrays.toString(voxelSize);
	}
}

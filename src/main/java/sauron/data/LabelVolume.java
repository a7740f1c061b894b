package sauron.data;

import java.util.Arrays;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * A label image: one class index (0 = background, up to 255) per voxel, x fastest, on a voxel grid.
 */
public final class LabelVolume {

	private final int[] shape;
	private final byte[] labels;
	private final double[] voxelSize;

	public LabelVolume(final int[] shape, final byte[] labels, final double[] voxelSize) {
		if (shape.length != 2 && shape.length != 3)
			throw new IllegalArgumentException("A label volume must be 2D or 3D, got " + shape.length + " axes");
		if (voxelSize.length != shape.length)
			throw new IllegalArgumentException("voxel size has " + voxelSize.length + " entries for " + shape.length + " axes");
		if (labels.length != Shapes.voxels(shape))
			throw new IllegalArgumentException("labels has " + labels.length + " values, shape " + Arrays.toString(shape) + " needs " + Shapes.voxels(shape));
		this.shape = shape.clone();
		this.labels = labels;
		this.voxelSize = voxelSize.clone();
	}

	public static LabelVolume zeros(final int[] shape, final double[] voxelSize) {
		return new LabelVolume(shape, new byte[Math.toIntExact(Shapes.voxels(shape))], voxelSize);
	}

	public int[] shape() { return shape.clone(); }

	public int size(final int axis) { return shape[axis]; }

	public int dims() { return shape.length; }

	public double[] voxelSize() { return voxelSize.clone(); }

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

	@Override
	public String toString() {
		return "LabelVolume" + Arrays.toString(shape) + " voxel " + Arrays.toString(voxelSize);
	}
}

package sauron.io;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import sauron.data.LabelVolume;
import sauron.data.Shapes;
import sauron.data.Volume;

/**
 * Reads single-file NIfTI-1 images (.nii, or gzip-compressed .nii.gz, recognised by content) of
 * either byte order and datatype uint8, int8, int16, uint16, int32, uint32, float32 or float64, in
 * 2D, 3D, or 4D where the fourth axis holds channels. scl_slope/scl_inter are applied. Voxels are
 * returned in file order, which is x fastest like {@link Volume}; where they lie in space (qform,
 * sform, qfac, pixdim, xyzt_units) is kept as the volume's {@link NiftiGeometry}, from which its
 * voxel size in mm comes.
 * <p>
 * Every problem with the file is an {@link IOException} whose message starts with the file name.
 */
public final class NiftiReader {

	private NiftiReader() {}

	/**
	 * Any datatype as float. NaN and infinite values are passed through unchanged (callers that
	 * cannot use them reject them). int32/uint32/float64 values beyond float precision are rounded.
	 */
	public static Volume readVolume(final Path file) throws IOException {
		final Voxels v = open(file);
		final int channels = v.header.channels();
		final int spatial = Math.toIntExact(Shapes.voxels(v.header.spatialShape()));
		final float[] data = new float[spatial * channels];
		// NIfTI keeps each channel as a separate volume; ours interleaves them per voxel.
		for (int c = 0; c < channels; c++)
			for (int s = 0; s < spatial; s++)
				data[s * channels + c] = (float) v.value(c * spatial + s);
		return new Volume(v.header.spatialShape(), channels, data, v.header.geometry);
	}

	/**
	 * Labels: every value (after scaling) must be an integer 0..255, whatever the datatype; the file
	 * must have one channel.
	 */
	public static LabelVolume readLabels(final Path file) throws IOException {
		final Voxels v = open(file);
		if (v.header.channels() != 1)
			throw new IOException(file + ": a label image must have one channel, this one has " + v.header.channels() + " (dim[4])");
		final int[] shape = v.header.spatialShape();
		final byte[] labels = new byte[Math.toIntExact(Shapes.voxels(shape))];
		for (int i = 0; i < labels.length; i++)
			labels[i] = LabelValues.toLabel(v.value(i), file, shape, i);
		return new LabelVolume(shape, labels, v.header.geometry);
	}

	/** Header plus the voxel bytes in the file's byte order. */
	private static final class Voxels {
		final NiftiHeader header;
		final ByteBuffer data;
		final boolean scaled;

		Voxels(final NiftiHeader header, final ByteBuffer data) {
			this.header = header;
			this.data = data;
			this.scaled = header.scaled();
		}

		double value(final int index) {
			final double raw = header.datatype.get(data, index);
			return scaled ? raw * header.sclSlope + (Float.isFinite(header.sclInter) ? header.sclInter : 0) : raw;
		}
	}

	private static Voxels open(final Path file) throws IOException {
		final byte[] bytes = readDecompressed(file);
		final NiftiHeader header = NiftiHeader.parse(bytes, file.toString());
		final long values = Shapes.voxels(header.spatialShape()) * header.channels();
		final long needed = values * header.datatype.bytes;
		if (values > Integer.MAX_VALUE - 8)
			throw new IOException(file + ": " + values + " values are more than one Java array holds");
		final long available = bytes.length - (long) header.voxOffset;
		if (available < needed)
			throw new IOException(file + ": truncated: " + needed + " bytes of voxel data expected after offset " + header.voxOffset + ", found " + available);
		final ByteBuffer data = ByteBuffer.wrap(bytes, header.voxOffset, (int) needed).slice().order(header.order);
		return new Voxels(header, data);
	}

	/** The whole file, gunzipped when it starts with the gzip magic (extensions lie sometimes). */
	private static byte[] readDecompressed(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such file, expected a NIfTI image");
		if (Files.size(file) > Integer.MAX_VALUE - 8)
			throw new IOException(file + ": " + Files.size(file) + " bytes, more than the 2 GB this reader holds in memory");
		final byte[] raw = Files.readAllBytes(file);
		if (raw.length == 0) throw new IOException(file + ": file is empty, expected a NIfTI image");
		if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) return raw;
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
			return in.readAllBytes();
		}
		catch (final EOFException | ZipException e) {
			throw new IOException(file + ": truncated or corrupt gzip data (" + e.getMessage() + ")", e);
		}
	}
}

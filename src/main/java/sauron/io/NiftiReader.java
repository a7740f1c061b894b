package sauron.io;

import java.io.BufferedInputStream;
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
		return readVolume(file, ReadLimits.availableHeap());
	}

	/** As {@link #readVolume(Path)}, refusing files whose reading needs more than {@code budget} bytes. */
	static Volume readVolume(final Path file, final long budget) throws IOException {
		final Voxels v = open(file, budget, Float.BYTES);
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
		return readLabels(file, ReadLimits.availableHeap());
	}

	/** As {@link #readLabels(Path)}, refusing files whose reading needs more than {@code budget} bytes. */
	static LabelVolume readLabels(final Path file, final long budget) throws IOException {
		final Voxels v = open(file, budget, 1);
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

	/**
	 * Reads the header, checks what it declares against {@link ReadLimits}, then reads exactly the declared voxel
	 * bytes: never the rest of a file, so a gzip bomb is decompressed no further than its header says.
	 *
	 * @param outputBytes bytes per value of the array the caller fills from the voxels
	 */
	private static Voxels open(final Path file, final long budget, final int outputBytes) throws IOException {
		if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such file, expected a NIfTI image");
		final long length = Files.size(file);
		if (length == 0) throw new IOException(file + ": file is empty, expected a NIfTI image");
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			final boolean gzipped = isGzip(in);
			final InputStream content = gzipped ? new GZIPInputStream(in, 1 << 16) : in;
			final NiftiHeader header = NiftiHeader.parse(content.readNBytes(NiftiHeader.SIZE), file.toString());
			final long values = Shapes.voxels(header.spatialShape()) * header.channels();
			final String declared = declared(header);
			ReadLimits.requireValues(file, declared, values);
			final long needed = values * header.datatype.bytes;
			if (!gzipped && header.voxOffset > length)
				throw new IOException(file + ": vox_offset is " + header.voxOffset + ", expected " + NiftiHeader.SIZE + ".." + length);
			final long rest = header.voxOffset - NiftiHeader.SIZE + needed; // bytes after the header
			if (rest > ReadLimits.MAX_VALUES)
				throw new IOException(file + ": declares " + declared + " after offset " + header.voxOffset + ", " + ReadLimits.gigabytes(rest)
						+ " of voxel data, more than the 2 GB this reader holds in memory; expected a smaller image (crop or split it)");
			if (!gzipped && length - NiftiHeader.SIZE < rest)
				throw truncated(file, header, needed, length - header.voxOffset);
			// Compressed data is gathered in chunks as it arrives (about twice its size at the end), uncompressed read in place.
			ReadLimits.requireMemory(file, declared, (gzipped ? 2 : 1) * rest + values * outputBytes, budget);
			final byte[] bytes = gzipped ? content.readNBytes((int) rest) : readExactly(content, (int) rest);
			if (bytes.length < rest) throw truncated(file, header, needed, bytes.length - (header.voxOffset - NiftiHeader.SIZE));
			// One byte more reaches gzip's CRC check when the data ends here; a bomb's excess stays undecompressed.
			if (gzipped) content.read();
			final ByteBuffer data = ByteBuffer.wrap(bytes, header.voxOffset - NiftiHeader.SIZE, (int) needed).slice().order(header.order);
			return new Voxels(header, data);
		}
		catch (final EOFException | ZipException e) {
			throw new IOException(file + ": truncated or corrupt gzip data (" + (e.getMessage() != null ? e.getMessage() : "it ends early") + "), expected a complete .nii.gz file", e);
		}
	}

	/** Whether the stream starts with the gzip magic (extensions lie sometimes); leaves the stream where it was. */
	private static boolean isGzip(final InputStream in) throws IOException {
		in.mark(2);
		final boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
		in.reset();
		return gzip;
	}

	private static byte[] readExactly(final InputStream in, final int n) throws IOException {
		final byte[] bytes = new byte[n];
		final int read = in.readNBytes(bytes, 0, n);
		return read == n ? bytes : java.util.Arrays.copyOf(bytes, read);
	}

	private static IOException truncated(final Path file, final NiftiHeader header, final long needed, final long found) {
		return new IOException(file + ": truncated: " + needed + " bytes of voxel data expected after offset " + header.voxOffset + ", found " + Math.max(0, found));
	}

	/** "64x64x32 x 2 channels of FLOAT32", for messages. */
	private static String declared(final NiftiHeader header) {
		final StringBuilder sb = new StringBuilder();
		for (final int s : header.spatialShape()) sb.append(sb.length() > 0 ? "x" : "").append(s);
		if (header.channels() > 1) sb.append(" x ").append(header.channels()).append(" channels");
		return sb.append(" voxels of ").append(header.datatype).toString();
	}
}

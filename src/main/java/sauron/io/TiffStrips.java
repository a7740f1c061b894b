package sauron.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import ij.io.FileInfo;

/**
 * Checks a compressed TIFF's strips before ImageJ decodes them: ImageJ inflates a deflate strip in a loop that
 * never ends when the strip is cut short, keeps all that a strip inflates to however much that is, and throws a
 * NullPointerException on compressed data without strip byte counts. Each deflate strip is inflated here into a
 * scratch buffer, no further than its plane's size. Runs after the declared size is checked, so a bomb is refused
 * before anything is inflated.
 */
final class TiffStrips {

	private TiffStrips() {}

	static void check(final Path file, final FileInfo[] info) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			for (final FileInfo fi : info) {
				if (fi.compression == FileInfo.COMPRESSION_NONE) continue;
				if (fi.stripOffsets == null || fi.stripLengths == null || fi.stripOffsets.length != fi.stripLengths.length)
					throw damaged(file, "its pixels are compressed but its strip offsets and byte counts are missing or do not match");
				if (fi.compression != FileInfo.ZIP && fi.compression != FileInfo.ZIP_WITH_DIFFERENCING) continue;
				final long plane = (long) fi.width * fi.height * fi.getBytesPerPixel();
				for (int i = 0; i < fi.stripOffsets.length; i++)
					inflate(file, channel, fi.stripOffsets[i] & 0xffffffffL, fi.stripLengths[i] & 0xffffffffL, plane, i);
			}
		}
	}

	private static void inflate(final Path file, final FileChannel channel, final long offset, final long length, final long plane, final int strip)
			throws IOException {
		// TiffStructure has kept every strip inside the file, so this is at most the file's size.
		final ByteBuffer data = ByteBuffer.allocate((int) Math.min(length, Math.max(0, channel.size() - offset)));
		while (data.hasRemaining())
			if (channel.read(data, offset + data.position()) < 0) break;
		final Inflater inflater = new Inflater();
		try {
			inflater.setInput(data.array(), 0, data.position());
			final byte[] scratch = new byte[1 << 16];
			long out = 0;
			while (!inflater.finished()) {
				final int n = inflater.inflate(scratch);
				out += n;
				if (out > plane) throw damaged(file, "deflate strip " + strip + " inflates to more than the " + plane + " bytes of its image plane");
				if (n == 0 && (inflater.needsInput() || inflater.needsDictionary()))
					throw damaged(file, "deflate strip " + strip + " ends before its data does (cut short or corrupt)");
			}
		}
		catch (final DataFormatException e) {
			throw damaged(file, "deflate strip " + strip + " is corrupt (" + e.getMessage() + ")");
		}
		finally {
			inflater.end();
		}
	}

	private static IOException damaged(final Path file, final String what) {
		return new IOException(file + ": damaged TIFF: " + what);
	}
}

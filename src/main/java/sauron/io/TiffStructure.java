package sauron.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks a TIFF's chain of image directories (IFDs) before ImageJ decodes it, because ImageJ trusts the file: it
 * follows a chain that loops back forever and allocates arrays as long as any count a damaged file declares
 * (gigabytes, or a negative size). After this check every directory lies in the file, the chain ends, and every
 * entry's data and every strip lies within the file, so whatever ImageJ allocates from counts is bounded by the
 * file's length.
 */
final class TiffStructure {

	/** More directories than any image we could hold has planes; ImageJ keeps an object per directory. */
	static final int MAX_DIRECTORIES = 100_000;

	/** 16 million strip offsets; more is a damaged file, and reading it would take more memory than the image. */
	private static final int MAX_ENTRY_BYTES = 64 << 20;

	private static final int STRIP_OFFSETS = 273, STRIP_BYTE_COUNTS = 279, META_DATA_BYTE_COUNTS = 50838;

	private final Path file;
	private final FileChannel channel;
	private final long length;
	private ByteOrder order;

	private TiffStructure(final Path file, final FileChannel channel) throws IOException {
		this.file = file;
		this.channel = channel;
		this.length = channel.size();
	}

	/** Fails with one line naming the file unless its directory chain and what the entries point at lie in the file. */
	static void check(final Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			new TiffStructure(file, channel).walk();
		}
	}

	private void walk() throws IOException {
		final ByteBuffer head = read(0, 8);
		if (head == null) throw damaged("it has " + length + " bytes, expected an 8-byte TIFF header");
		final int mark = head.getShort(0) & 0xffff;
		if (mark != 0x4949 && mark != 0x4d4d) throw damaged("it does not start with II or MM, expected a TIFF");
		order = mark == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
		head.order(order);
		final int magic = head.getShort(2) & 0xffff;
		if (magic == 43) throw damaged("BigTIFF is not supported, expected a classic TIFF (under 4 GB)");
		if (magic != 42) throw damaged("its TIFF version is " + magic + ", expected 42");
		final Set<Long> seen = new HashSet<>();
		for (long at = head.getInt(4) & 0xffffffffL; at != 0;) {
			if (!seen.add(at)) throw damaged("its chain of image directories loops back to byte " + at + ", expected a chain that ends");
			if (seen.size() > MAX_DIRECTORIES) throw damaged("it has more than " + MAX_DIRECTORIES + " image directories");
			at = directory(at);
		}
	}

	/** Checks the directory at {@code at}; returns the offset of the next one (0 at the end). */
	private long directory(final long at) throws IOException {
		final ByteBuffer count = read(at, 2);
		if (count == null) throw damaged("truncated or damaged: an image directory should start at byte " + at + " but the file has " + length + " bytes");
		final int entries = count.getShort(0) & 0xffff;
		final ByteBuffer ifd = read(at + 2, 12L * entries + 4);
		if (ifd == null) throw damaged("truncated or damaged: the image directory at byte " + at + " has " + entries + " entries that run past the end of the file (" + length + " bytes)");
		for (int i = 0; i < entries; i++)
			entry(ifd, 12 * i);
		return ifd.getInt(12 * entries) & 0xffffffffL;
	}

	private void entry(final ByteBuffer ifd, final int at) throws IOException {
		final int tag = ifd.getShort(at) & 0xffff, type = ifd.getShort(at + 2) & 0xffff;
		final long count = ifd.getInt(at + 4) & 0xffffffffL;
		final long bytes = count * typeSize(type);
		final long offset = ifd.getInt(at + 8) & 0xffffffffL;
		if (bytes > 4 && offset + bytes > length)
			throw damaged("truncated or damaged: tag " + tag + " declares " + bytes + " bytes at byte " + offset + ", past the end of the file (" + length + " bytes)");
		if (tag == STRIP_OFFSETS || tag == STRIP_BYTE_COUNTS || tag == META_DATA_BYTE_COUNTS) {
			// ImageJ reads these as integers whatever their type says, so a type we cannot check is refused.
			if (type != 3 && type != 4) throw damaged("tag " + tag + " has field type " + type + ", expected SHORT (3) or LONG (4)");
			final int size = typeSize(type);
			final ByteBuffer values = bytes > 4 ? read(offset, bytes) : ifd.duplicate().position(at + 8).slice().order(order);
			long sum = 0;
			for (int i = 0; i < count; i++) {
				final long v = size == 2 ? values.getShort(2 * i) & 0xffff : values.getInt(4 * i) & 0xffffffffL;
				if (tag == STRIP_OFFSETS && v > length)
					throw damaged("truncated or damaged: a strip should start at byte " + v + ", past the end of the file (" + length + " bytes)");
				sum += v;
			}
			if (tag != STRIP_OFFSETS && sum > length) throw damaged("tag " + tag + " declares " + sum + " bytes of data, more than the file's " + length);
		}
	}

	/** Bytes per value of a TIFF field type; unknown types count as bytes (readers skip them). */
	private static int typeSize(final int type) {
		return switch (type) {
			case 3, 8 -> 2;
			case 4, 9, 11, 13 -> 4;
			case 5, 10, 12, 16, 17, 18 -> 8;
			default -> 1;
		};
	}

	/** {@code n} bytes from {@code at} in the file's byte order, or null when the file ends before them. */
	private ByteBuffer read(final long at, final long n) throws IOException {
		if (at < 0 || at + n > length) return null;
		if (n > MAX_ENTRY_BYTES) throw damaged("an entry of " + n + " bytes at byte " + at + " is more than the " + MAX_ENTRY_BYTES + " this reader takes");
		final ByteBuffer b = ByteBuffer.allocate((int) n);
		while (b.hasRemaining())
			if (channel.read(b, at + b.position()) < 0) return null;
		return b.flip().order(order == null ? ByteOrder.BIG_ENDIAN : order);
	}

	private IOException damaged(final String what) {
		return new IOException(file + ": not a readable TIFF: " + what);
	}
}

package sauron.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Builds little-endian TIFF files byte by byte, independently of ImageJ, so tests can declare what a hostile
 * file declares (a huge size, a looping directory chain, 1-bit pixels) while staying tiny on disk. One strip per
 * directory; pixel data first, then the directories.
 */
final class CraftedTiff {

	static final int NONE = 1, DEFLATE = 8;

	int width = 4, height = 3, bits = 8, compression = NONE;
	/** Directories (planes) written; each holds {@link #pixels} as its strip. */
	int directories = 1;
	/** "images=N" in an ImageJ description of the first directory; 0 for none. */
	int imagejImages;
	/** The last directory points back at the first. */
	boolean loop;
	/** Count of the StripOffsets entry; beyond 1 its value is read as an offset to that many offsets. */
	int stripOffsetsCount = 1;
	/** The strip of every directory, as stored (compressed or not); null: zeros of the declared plane size. */
	byte[] pixels;

	byte[] bytes() {
		final byte[] strip = pixels != null ? pixels : new byte[Math.max(1, width * height * Math.max(bits, 8) / 8)];
		final String description = imagejImages > 0 ? "ImageJ=1.54p\nimages=" + imagejImages + "\nslices=" + imagejImages + "\n\0" : null;
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { 'I', 'I', 42, 0, 0, 0, 0, 0 });
		final int stripAt = out.size();
		out.writeBytes(strip);
		int descriptionAt = 0;
		if (description != null) {
			descriptionAt = out.size();
			out.writeBytes(description.getBytes(StandardCharsets.US_ASCII));
		}
		if (out.size() % 2 == 1) out.write(0);
		final int firstIfd = out.size();
		for (int d = 0; d < directories; d++) {
			final List<int[]> entries = new ArrayList<>(); // tag, type, count, value
			entries.add(new int[] { 256, 4, 1, width });
			entries.add(new int[] { 257, 4, 1, height });
			entries.add(new int[] { 258, 3, 1, bits });
			entries.add(new int[] { 259, 3, 1, compression });
			entries.add(new int[] { 262, 3, 1, 1 });
			if (description != null && d == 0) entries.add(new int[] { 270, 2, description.length(), descriptionAt });
			entries.add(new int[] { 273, 4, stripOffsetsCount, stripAt });
			entries.add(new int[] { 277, 3, 1, 1 });
			entries.add(new int[] { 278, 4, 1, height });
			entries.add(new int[] { 279, 4, 1, strip.length });
			final int at = out.size();
			final ByteBuffer ifd = ByteBuffer.allocate(2 + 12 * entries.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
			ifd.putShort((short) entries.size());
			for (final int[] e : entries) {
				ifd.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
				if (e[1] == 3) ifd.putShort((short) e[3]).putShort((short) 0);
				else ifd.putInt(e[3]);
			}
			final boolean last = d == directories - 1;
			ifd.putInt(last ? (loop ? firstIfd : 0) : at + ifd.capacity());
			out.writeBytes(ifd.array());
		}
		final byte[] file = out.toByteArray();
		ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(4, firstIfd);
		return file;
	}

	static byte[] deflate(final byte[] data) {
		final Deflater deflater = new Deflater();
		deflater.setInput(data);
		deflater.finish();
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final byte[] buffer = new byte[1 << 16];
		while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
		deflater.end();
		return out.toByteArray();
	}
}

package sauron.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What an image file may declare before a reader allocates for it. A header is a few bytes that can claim
 * terabytes (a damaged or hostile file, a decompression bomb), so readers check the declared size here,
 * before decoding, and refuse with one line naming the file instead of an OutOfMemoryError or an overflow.
 */
final class ReadLimits {

	/** The most elements one Java array holds, and so one volume (all channels in one float[]). */
	static final long MAX_VALUES = Integer.MAX_VALUE - 8;

	private ReadLimits() {}

	/** Heap this JVM can still give: its maximum less what is in use. */
	static long availableHeap() {
		final Runtime r = Runtime.getRuntime();
		return r.maxMemory() - (r.totalMemory() - r.freeMemory());
	}

	/**
	 * Fails unless {@code values} (voxels times channels) fit one volume.
	 *
	 * @param declared what the file declares, in words, e.g. "4000x4000x300 8-bit pixels"
	 */
	static void requireValues(final Path file, final String declared, final long values) throws IOException {
		if (values < 0 || values > MAX_VALUES)
			throw new IOException(file + ": declares " + declared + " (" + String.format("%,d", values) + " values), more than the "
					+ String.format("%,d", MAX_VALUES) + " one image can hold; expected a smaller image (crop or split it)");
	}

	/**
	 * Fails unless reading needs at most {@code budget} bytes. When the budget is the available heap, garbage
	 * counts as used, so the heap is measured again after one collection before refusing.
	 *
	 * @param budget bytes the read may take, e.g. {@link #availableHeap()}; a smaller figure in tests
	 */
	static void requireMemory(final Path file, final String declared, final long bytes, final long budget) throws IOException {
		if (bytes <= budget) return;
		if (budget >= availableHeap()) {
			System.gc();
			if (bytes <= availableHeap()) return;
		}
		throw new IOException(file + ": declares " + declared + "; reading it needs " + gigabytes(bytes) + " of memory but only "
				+ gigabytes(Math.min(budget, availableHeap())) + " is free; expected a smaller image (crop it) or give Java more memory (-Xmx)");
	}

	static String gigabytes(final long bytes) {
		return String.format("%.2f GB", bytes / 1e9);
	}
}

package sauron.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile TIFFs (issue 13): each is refused in one line naming the file, before ImageJ decodes or allocates. */
class TiffReaderTest {

	@TempDir
	Path dir;

	private Path save(final String name, final CraftedTiff tiff) throws IOException {
		return Files.write(dir.resolve(name), tiff.bytes());
	}

	private static void assertOneLine(final IOException e, final Path file, final String expected) {
		final String m = e.getMessage();
		assertTrue(m.startsWith(file.toString()) && m.contains(expected) && !m.contains("\n"), m);
	}

	@Test
	void readsACraftedTiff() throws IOException {
		final CraftedTiff t = new CraftedTiff();
		t.pixels = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
		assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, TiffReader.readVolume(save("ok.tif", t)).data());
		t.compression = CraftedTiff.DEFLATE;
		t.pixels = CraftedTiff.deflate(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 });
		assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, TiffReader.readVolume(save("deflate.tif", t)).data());
	}

	@Test
	void refusesADirectoryChainThatLoopsInsteadOfHanging() throws IOException {
		final CraftedTiff t = new CraftedTiff();
		t.directories = 3;
		t.loop = true;
		final Path file = save("loop.tif", t);
		final IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IOException.class, () -> TiffReader.readVolume(file)));
		assertOneLine(e, file, "loops back to byte");
	}

	@Test
	void refusesADeflateBombBeforeDecodingIt() throws IOException {
		// 30000^2 8-bit in a few bytes: ImageJ would allocate 0.9 GB of planes and we 3.6 GB of floats.
		final CraftedTiff t = new CraftedTiff();
		t.width = t.height = 30000;
		t.compression = CraftedTiff.DEFLATE;
		t.pixels = CraftedTiff.deflate(new byte[1000]);
		final Path file = save("bomb.tif", t);
		assertOneLine(assertThrows(IOException.class, () -> TiffReader.readVolume(file, 1L << 30)), file, "30000x30000 pixels of 8 bits");
		assertOneLine(assertThrows(IOException.class, () -> TiffReader.readVolume(file, 1L << 30)), file, "needs 4.50 GB of memory");
	}

	@Test
	void refusesAStackBeyondOneArrayInsteadOfOverflowing() throws IOException {
		// 4000^2 x 300 = 4.8e9 values, as 300 directories sharing one tiny deflate strip.
		final CraftedTiff t = new CraftedTiff();
		t.width = t.height = 4000;
		t.directories = 300;
		t.compression = CraftedTiff.DEFLATE;
		t.pixels = CraftedTiff.deflate(new byte[1000]);
		final Path file = save("stack.tif", t);
		assertOneLine(assertThrows(IOException.class, () -> TiffReader.readVolume(file)), file, "4000x4000 pixels x 300 planes");
	}

	@Test
	void sayUnsupportedNotTruncatedForOneBitPixels() throws IOException {
		final CraftedTiff t = new CraftedTiff();
		t.width = 16;
		t.height = 2;
		t.bits = 1;
		t.pixels = new byte[4];
		final Path file = save("bits.tif", t);
		assertOneLine(assertThrows(IOException.class, () -> TiffReader.readVolume(file)), file, "1-bit (black and white) TIFF is not supported, expected 8-");
	}

	@Test
	void refusesACountPastTheFileInsteadOfANegativeArraySize() throws IOException {
		// A 2-byte mutation of this kind made ImageJ allocate int[-16711935] ("error: -16711935").
		final CraftedTiff t = new CraftedTiff();
		t.stripOffsetsCount = 0xff00ff01;
		final Path file = save("count.tif", t);
		assertOneLine(assertThrows(IOException.class, () -> TiffReader.readVolume(file)), file, "tag 273 declares");
	}

	@Test
	void refusesADirectoryOutsideTheFile() throws IOException {
		final byte[] bytes = new CraftedTiff().bytes();
		bytes[4] = (byte) 0xf0; // first directory at a byte far past the end
		final Path file = Files.write(dir.resolve("outside.tif"), bytes);
		assertOneLine(assertThrows(IOException.class, () -> TiffReader.readVolume(file)), file, "should start at byte");
	}

	@Test
	void refusesADeflateStripCutShortInsteadOfHanging() throws IOException {
		// ImageJ's inflate loop waits forever for the rest of a strip.
		final CraftedTiff t = new CraftedTiff();
		final byte[] whole = CraftedTiff.deflate(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 });
		t.compression = CraftedTiff.DEFLATE;
		t.pixels = java.util.Arrays.copyOf(whole, whole.length - 6);
		final Path file = save("cut.tif", t);
		final IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IOException.class, () -> TiffReader.readVolume(file)));
		assertOneLine(e, file, "deflate strip 0 ends before its data does");
	}

	@Test
	void refusesADeflateStripThatInflatesBeyondItsPlane() throws IOException {
		// 4x3 pixels declared, 64 MB inside: ImageJ would keep all of it.
		final CraftedTiff t = new CraftedTiff();
		t.compression = CraftedTiff.DEFLATE;
		t.pixels = CraftedTiff.deflate(new byte[64 << 20]);
		final Path file = save("strip-bomb.tif", t);
		assertOneLine(assertThrows(IOException.class, () -> TiffReader.readVolume(file)), file, "inflates to more than the 12 bytes of its image plane");
	}
}

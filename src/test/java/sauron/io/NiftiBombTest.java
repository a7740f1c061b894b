package sauron.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decompression bombs and sizes no memory holds (issue 13 item 4): refused or cut short before allocating. */
class NiftiBombTest {

	@TempDir
	Path dir;

	private static void assertOneLine(final IOException e, final Path file, final String expected) {
		final String m = e.getMessage();
		assertTrue(m.startsWith(file.toString()) && m.contains(expected) && !m.contains("\n"), m);
	}

	@Test
	void refusesASmallGzipDeclaring1200CubedForLackOfMemory() throws IOException {
		// 1.7 GB of uint8 as 6.9 GB of floats: beyond the tests' 6 GB heap, and beyond a 1 GB budget anywhere.
		final CraftedNifti n = new CraftedNifti().dims(1200, 1200, 1200);
		n.datatype = NiftiDatatype.UINT8;
		final Path file = Files.write(dir.resolve("big.nii.gz"), CraftedNifti.gzip(n.bytes()));
		assertOneLine(assertThrows(IOException.class, () -> NiftiReader.readVolume(file)), file, "1200x1200x1200 voxels of UINT8; reading it needs");
		assertOneLine(assertThrows(IOException.class, () -> NiftiReader.readLabels(file, 1L << 30)), file, "of memory but only 1.07 GB is free");
	}

	@Test
	void refusesMoreVoxelsThanOneArrayHolds() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(2000, 2000, 1000);
		final Path file = Files.write(dir.resolve("huge.nii"), n.bytes());
		assertOneLine(assertThrows(IOException.class, () -> NiftiReader.readVolume(file)), file, "more than the 2,147,483,639 one image can hold");
	}

	@Test
	void decompressesNoFurtherThanTheHeaderDeclares() throws IOException {
		// 64 declared voxels followed by 64 MB more: a bomb's payload, never to be inflated.
		final CraftedNifti n = new CraftedNifti().dims(4, 4, 4);
		n.datatype = NiftiDatatype.UINT8;
		n.values = new double[64];
		for (int i = 0; i < 64; i++) n.values[i] = i;
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(n.bytes());
			final byte[] zeros = new byte[1 << 20];
			for (int i = 0; i < 64; i++) gz.write(zeros);
		}
		final Path file = Files.write(dir.resolve("bomb.nii.gz"), out.toByteArray());
		final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		final long before = threads.getCurrentThreadAllocatedBytes();
		final float[] data = NiftiReader.readVolume(file).data();
		final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertArrayEquals(new float[] { 0, 1, 2, 3 }, java.util.Arrays.copyOf(data, 4));
		assertTrue(allocated < 8 << 20, "reading 64 voxels allocated " + allocated + " bytes");
	}

	@Test
	void stillChecksTheGzipTrailerOfAFileThatEndsWhereDeclared() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(2, 2);
		n.values = new double[] { 1, 2, 3, 4 };
		final byte[] gz = CraftedNifti.gzip(n.bytes());
		gz[gz.length - 6] ^= 1; // the CRC-32 of the data
		final Path file = Files.write(dir.resolve("crc.nii.gz"), gz);
		assertOneLine(assertThrows(IOException.class, () -> NiftiReader.readVolume(file)), file, "corrupt gzip data");
	}
}

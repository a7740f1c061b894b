package sauron.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.io.PythonNibabel;

class NpyWriterTest {

	@Test
	void theHeaderIsNumpysDictPaddedToA64ByteBoundaryAndTheValuesAreLittleEndianFloat32() {
		final float[] values = { 1.5f, -2f, 0.25f, 3e-8f, 7f, Float.MAX_VALUE };
		final byte[] npy = NpyWriter.float32(values, 1, 2, 3, 1);
		// magic, version 1.0, header length (little-endian uint16), then the dict
		assertArrayEquals(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 }, Arrays.copyOf(npy, 8));
		final int headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
		final String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
		assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3, 1), }", header.stripTrailing());
		assertEquals('\n', header.charAt(header.length() - 1));
		assertEquals(0, (10 + headerLength) % 64, "the data starts on a 64-byte boundary");
		final ByteBuffer data = ByteBuffer.wrap(npy, 10 + headerLength, 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (final float v : values) assertEquals(v, data.getFloat(), 0);
		assertEquals(10 + headerLength + 4 * values.length, npy.length);
	}

	@Test
	void aOneAxisShapeKeepsPythonsTupleComma() {
		final byte[] npy = NpyWriter.float32(new float[] { 1, 2, 3 }, 3);
		assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", new String(npy, 10, (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8, StandardCharsets.US_ASCII).strip());
	}

	@Test
	void valuesThatDoNotFillTheShapeAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> NpyWriter.float32(new float[5], 1, 2, 3));
	}

	@Test
	void numpyReadsTheFileWithItsShapeDtypeAndValues(@TempDir final Path tmp) throws IOException {
		final String python = PythonNibabel.require();
		final float[] values = new float[2 * 3 * 5];
		for (int i = 0; i < values.length; i++) values[i] = i * 0.5f - 3;
		final Path file = Files.write(tmp.resolve("t.npy"), NpyWriter.float32(values, 2, 3, 5));
		final PythonNibabel.Result r = PythonNibabel.run(python,
				"import sys, numpy; a = numpy.load(sys.argv[1]); print(a.dtype, a.shape, a.flags['C_CONTIGUOUS'], a[1, 2, 4], a[0, 1, 0])", file.toString());
		assertEquals(0, r.exitCode, r.output);
		// element [1, 2, 4] is number (1 * 3 + 2) * 5 + 4 = 29 in C order; [0, 1, 0] is 5
		assertEquals("float32 (2, 3, 5) True " + (29 * 0.5f - 3) + " " + (5 * 0.5f - 3), r.output.strip());
	}
}

package sauron.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.data.LabelVolume;
import sauron.data.Volume;

class NiftiReaderTest {

	@TempDir
	Path dir;

	private Path save(final String name, final byte[] bytes) throws IOException {
		return Files.write(dir.resolve(name), bytes);
	}

	/** Values each datatype can hold, including its extremes. */
	private static double[] valuesFor(final NiftiDatatype t) {
		switch (t) {
			case UINT8: return new double[] { 0, 1, 200, 255, 7, 9 };
			case INT8: return new double[] { -128, -1, 0, 1, 127, 5 };
			case INT16: return new double[] { -32768, -2, 0, 3, 32767, 1000 };
			case UINT16: return new double[] { 0, 1, 40000, 65535, 2, 3 };
			case INT32: return new double[] { -2_000_000, -1, 0, 1, 16_000_000, 5 };
			case UINT32: return new double[] { 0, 1, 3_000_000_000.0, 4_294_967_040.0, 2, 3 };
			case FLOAT32: return new double[] { -1.5, 0, 0.25, 1e30, Float.NaN, 3 };
			case FLOAT64: return new double[] { -1.5, 0, 0.125, 1e-3, 2.5, 3 };
			default: throw new AssertionError(t);
		}
	}

	@Test
	void readsEveryDatatypeInBothByteOrders() throws IOException {
		for (final ByteOrder order : new ByteOrder[] { ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN })
			for (final NiftiDatatype t : NiftiDatatype.values()) {
				final CraftedNifti n = new CraftedNifti().dims(3, 2);
				n.order = order;
				n.datatype = t;
				n.values = valuesFor(t);
				final Volume v = NiftiReader.readVolume(save(t + "-" + order + ".nii", n.bytes()));
				assertArrayEquals(new int[] { 3, 2 }, v.shape(), t + " " + order);
				for (int i = 0; i < n.values.length; i++)
					assertEquals((float) n.values[i], v.data()[i], 0, t + " " + order + " value " + i);
			}
	}

	@Test
	void appliesSclSlopeAndInter() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(2, 2);
		n.values = new double[] { -10, 0, 10, 20 };
		n.slope = 0.5f;
		n.inter = 100;
		assertArrayEquals(new float[] { 95, 100, 105, 110 }, NiftiReader.readVolume(save("s.nii", n.bytes())).data());
	}

	@Test
	void appliesInterceptAloneAndIgnoresSlopeZero() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(2, 1);
		n.values = new double[] { 1, 2 };
		n.slope = 1;
		n.inter = -1;
		assertArrayEquals(new float[] { 0, 1 }, NiftiReader.readVolume(save("i.nii", n.bytes())).data());
		n.slope = 0; // nifti1.h: 0 means no scaling, the intercept is ignored too
		n.inter = 50;
		assertArrayEquals(new float[] { 1, 2 }, NiftiReader.readVolume(save("z.nii", n.bytes())).data());
	}

	@Test
	void readsGzipAndHonoursVoxOffset() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(2, 2, 2);
		n.voxOffset = 400; // room for an extension we skip
		n.values = new double[] { 1, 2, 3, 4, 5, 6, 7, 8 };
		final Volume v = NiftiReader.readVolume(save("g.nii.gz", CraftedNifti.gzip(n.bytes())));
		assertArrayEquals(new int[] { 2, 2, 2 }, v.shape());
		assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, v.data());
	}

	@Test
	void voxelSizeFromPixdimInMillimetres() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(1, 1, 2);
		n.values = new double[] { 0, 0 };
		n.pixdim = new float[] { -1, 0.5f, -2, 3, 1, 1, 1, 1 }; // a negative pixdim is a size all the same
		assertArrayEquals(new double[] { 0.5, 2, 3 }, NiftiReader.readVolume(save("p.nii", n.bytes())).voxelSize(), 1e-6);
		n.units = 3; // microns
		assertArrayEquals(new double[] { 0.0005, 0.002, 0.003 }, NiftiReader.readVolume(save("u.nii", n.bytes())).voxelSize(), 1e-9);
	}

	@Test
	void trailingSingletonDimensionsAreDropped() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(3, 2, 1, 1);
		n.values = new double[6];
		n.pixdim = new float[] { 1, 0.5f, 0.25f, 9, 1, 1, 1, 1 };
		final Volume v = NiftiReader.readVolume(save("t.nii", n.bytes()));
		assertArrayEquals(new int[] { 3, 2 }, v.shape());
		assertEquals(1, v.channels());
		assertArrayEquals(new double[] { 0.5, 0.25 }, v.voxelSize(), 1e-6);
		n.dim = new int[] { 7, 3, 2, 1, 1, 1, 1, 1 };
		assertArrayEquals(new int[] { 3, 2 }, NiftiReader.readVolume(save("t7.nii", n.bytes())).shape());
	}

	@Test
	void fourthDimensionBecomesInterleavedChannels() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(2, 1, 1, 3);
		n.values = new double[] { 10, 11, 20, 21, 30, 31 }; // channel-major in the file
		final Volume v = NiftiReader.readVolume(save("c.nii", n.bytes()));
		assertArrayEquals(new int[] { 2, 1 }, v.shape());
		assertEquals(3, v.channels());
		assertArrayEquals(new float[] { 10, 20, 30, 11, 21, 31 }, v.data());
	}

	@Test
	void readsLabelsFromAnyIntegerValuedDatatype() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(2, 2);
		n.datatype = NiftiDatatype.FLOAT64;
		n.values = new double[] { 0, 1, 255, 2 };
		final LabelVolume l = NiftiReader.readLabels(save("l.nii", n.bytes()));
		assertEquals(255, l.get(2));
		assertEquals(2, l.get(3));
	}

	@Test
	void labelValuesOutsideZeroTo255OrFractionalAreErrorsNamingFileAndValue() throws IOException {
		for (final double bad : new double[] { 0.5, -1, 256, Double.NaN }) {
			final CraftedNifti n = new CraftedNifti().dims(2, 2);
			n.datatype = NiftiDatatype.FLOAT32;
			n.values = new double[] { 0, 0, 0, bad };
			final Path file = save("bad.nii", n.bytes());
			final IOException e = assertThrows(IOException.class, () -> NiftiReader.readLabels(file));
			assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
			assertTrue(e.getMessage().contains(String.valueOf((double) (float) bad)), e.getMessage());
			assertTrue(e.getMessage().contains("(1, 1)"), e.getMessage());
		}
	}

	@Test
	void labelsNeedOneChannel() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(1, 1, 1, 2);
		n.values = new double[2];
		final Path file = save("two.nii", n.bytes());
		assertMessage(assertThrows(IOException.class, () -> NiftiReader.readLabels(file)), file, "one channel");
	}

	@Test
	void missingFileIsNoSuchFile() {
		final Path file = dir.resolve("absent.nii");
		assertMessage(assertThrows(NoSuchFileException.class, () -> NiftiReader.readVolume(file)), file, "no such file");
	}

	@Test
	void emptyFileIsAnError() throws IOException {
		final Path file = save("empty.nii", new byte[0]);
		assertMessage(assertThrows(IOException.class, () -> NiftiReader.readVolume(file)), file, "empty");
	}

	@Test
	void truncatedHeaderIsAnError() throws IOException {
		final Path file = save("short.nii", Arrays.copyOf(new CraftedNifti().bytes(), 100));
		assertMessage(assertThrows(IOException.class, () -> NiftiReader.readVolume(file)), file, "348");
	}

	@Test
	void truncatedVoxelDataIsAnError() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(4, 4, 4);
		n.values = new double[64];
		final byte[] bytes = n.bytes();
		final Path file = save("cut.nii", Arrays.copyOf(bytes, bytes.length - 10));
		assertMessage(assertThrows(IOException.class, () -> NiftiReader.readVolume(file)), file, "truncated");
	}

	@Test
	void truncatedGzipIsAnError() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(16, 16, 16);
		n.values = new double[4096];
		Arrays.setAll(n.values, i -> i % 1000);
		final byte[] gz = CraftedNifti.gzip(n.bytes());
		final Path file = save("cut.nii.gz", Arrays.copyOf(gz, gz.length / 2));
		assertMessage(assertThrows(IOException.class, () -> NiftiReader.readVolume(file)), file, "gzip");
	}

	@Test
	void badMagicIsAnError() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(1, 1);
		n.values = new double[1];
		n.magic = "xyz\0";
		final Path file = save("magic.nii", n.bytes());
		assertMessage(assertThrows(IOException.class, () -> NiftiReader.readVolume(file)), file, "magic");
		n.magic = "ni1\0";
		final Path pair = save("pair.nii", n.bytes());
		assertMessage(assertThrows(IOException.class, () -> NiftiReader.readVolume(pair)), pair, ".hdr");
	}

	@Test
	void notNiftiIsAnError() throws IOException {
		final Path file = save("text.nii", "hello, this is not an image at all".repeat(20).getBytes());
		assertMessage(assertThrows(IOException.class, () -> NiftiReader.readVolume(file)), file, "sizeof_hdr");
	}

	@Test
	void unsupportedDatatypeIsAnError() throws IOException {
		final byte[] bytes = new CraftedNifti().dims(1, 1).bytes();
		bytes[70] = 0; // big-endian short 128 = RGB24
		bytes[71] = (byte) 128;
		final Path file = save("rgb.nii", bytes);
		assertMessage(assertThrows(IOException.class, () -> NiftiReader.readVolume(file)), file, "datatype 128");
	}

	@Test
	void moreThanFourDimensionsIsAnError() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(2, 2, 1, 1, 2);
		n.values = new double[8];
		final Path file = save("5d.nii", n.bytes());
		assertMessage(assertThrows(IOException.class, () -> NiftiReader.readVolume(file)), file, "at most 4");
	}

	static void assertMessage(final Exception e, final Path file, final String expected) {
		assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
		assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
	}
}

package sauron.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.data.LabelVolume;
import sauron.data.Volume;

class NiftiWriterTest {

	@TempDir
	Path dir;

	static Volume noise(final int[] shape, final int channels, final double[] voxelSize, final long seed) {
		final Volume v = Volume.zeros(shape, channels, voxelSize);
		final Random r = new Random(seed);
		for (int i = 0; i < v.data().length; i++) v.data()[i] = (float) r.nextGaussian();
		return v;
	}

	static LabelVolume randomLabels(final int[] shape, final double[] voxelSize, final long seed) {
		final LabelVolume l = LabelVolume.zeros(shape, voxelSize);
		final Random r = new Random(seed);
		for (int i = 0; i < l.labels().length; i++) l.set(i, r.nextInt(256));
		return l;
	}

	@Test
	void float32RoundTrips2D3DPlainAndGzipWithChannels() throws IOException {
		for (final String name : new String[] { "a.nii", "a.nii.gz" })
			for (final int[] shape : new int[][] { { 5, 4 }, { 5, 4, 3 } })
				for (final int channels : new int[] { 1, 3 }) {
					final double[] voxel = shape.length == 2 ? new double[] { 0.5, 0.25 } : new double[] { 0.5, 0.25, 3 };
					final Volume v = noise(shape, channels, voxel, 42);
					final Path file = dir.resolve(shape.length + "d-" + channels + "-" + name);
					NiftiWriter.writeVolume(v, file);
					final Volume back = NiftiReader.readVolume(file);
					final String what = file.getFileName().toString();
					assertArrayEquals(v.shape(), back.shape(), what);
					assertEquals(channels, back.channels(), what);
					assertArrayEquals(v.data(), back.data(), what);
					assertArrayEquals(voxel, back.voxelSize(), 1e-6, what);
				}
	}

	@Test
	void uint8LabelsRoundTrip2D3DPlainAndGzip() throws IOException {
		for (final String name : new String[] { "l.nii", "l.nii.gz" })
			for (final int[] shape : new int[][] { { 6, 7 }, { 6, 7, 2 } }) {
				final double[] voxel = shape.length == 2 ? new double[] { 2, 3 } : new double[] { 2, 3, 4 };
				final LabelVolume l = randomLabels(shape, voxel, 7);
				final Path file = dir.resolve(shape.length + "d-" + name);
				NiftiWriter.writeLabels(l, file);
				final LabelVolume back = NiftiReader.readLabels(file);
				assertArrayEquals(l.shape(), back.shape());
				assertArrayEquals(l.labels(), back.labels());
				assertArrayEquals(voxel, back.voxelSize(), 1e-6);
			}
	}

	@Test
	void nanSurvivesAtThisLayer() throws IOException {
		final Volume v = Volume.zeros(new int[] { 2, 1 }, 1, new double[] { 1, 1 });
		v.data()[1] = Float.NaN;
		final Path file = dir.resolve("nan.nii");
		NiftiWriter.writeVolume(v, file);
		assertTrue(Float.isNaN(NiftiReader.readVolume(file).data()[1]));
	}

	@Test
	void headerIsWhatOtherToolsExpect() throws IOException {
		final Path file = dir.resolve("h.nii");
		NiftiWriter.writeLabels(LabelVolume.zeros(new int[] { 3, 2, 4 }, new double[] { 1.5, 2, 2.5 }), file);
		final byte[] bytes = Files.readAllBytes(file);
		assertEquals(352 + 24, bytes.length);
		final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		assertEquals(348, b.getInt(0));
		assertEquals(3, b.getShort(40));
		assertEquals(4, b.getShort(46));
		assertEquals(2, b.getShort(70), "datatype uint8");
		assertEquals(8, b.getShort(72), "bitpix");
		assertEquals(2.5f, b.getFloat(76 + 12));
		assertEquals(352f, b.getFloat(108), "vox_offset");
		assertEquals(2, bytes[123], "xyzt_units mm");
		assertEquals(1, b.getShort(252), "qform_code");
		assertEquals(1, b.getShort(254), "sform_code");
		assertEquals(1.5f, b.getFloat(280), "srow_x[0]");
		assertEquals(2f, b.getFloat(300), "srow_y[1]");
		assertEquals(2.5f, b.getFloat(320), "srow_z[2]");
		assertEquals("n+1", new String(bytes, 344, 3));
	}

	@Test
	void gzipNameMeansGzipContent() throws IOException {
		final Path file = dir.resolve("z.nii.gz");
		NiftiWriter.writeLabels(LabelVolume.zeros(new int[] { 30, 30, 30 }, new double[] { 1, 1, 1 }), file);
		final byte[] bytes = Files.readAllBytes(file);
		assertEquals(0x1f, bytes[0] & 0xff);
		assertEquals(0x8b, bytes[1] & 0xff);
		assertTrue(bytes.length < 1000, "zeros compress");
	}

	@Test
	void overwritesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
		final Path file = dir.resolve("o.nii");
		NiftiWriter.writeLabels(randomLabels(new int[] { 4, 4 }, new double[] { 1, 1 }, 1), file);
		final LabelVolume second = randomLabels(new int[] { 8, 2, 3 }, new double[] { 1, 1, 1 }, 2);
		NiftiWriter.writeLabels(second, file);
		assertArrayEquals(second.labels(), NiftiReader.readLabels(file).labels());
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(1, files.count(), "only the target remains");
		}
	}

	@Test
	void failedWriteKeepsTheOldFile() throws IOException {
		final Path file = dir.resolve("keep.nii");
		final LabelVolume old = randomLabels(new int[] { 4, 4 }, new double[] { 1, 1 }, 3);
		NiftiWriter.writeLabels(old, file);
		final IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
			out.write(new byte[100]);
			throw new IOException("simulated crash");
		}));
		assertEquals("simulated crash", e.getMessage(), "the caller learns of the failure");
		assertArrayEquals(old.labels(), NiftiReader.readLabels(file).labels());
		try (Stream<Path> files = Files.list(dir)) {
			assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temp file removed");
		}
	}
}

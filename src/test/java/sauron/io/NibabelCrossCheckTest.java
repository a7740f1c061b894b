package sauron.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.data.LabelVolume;
import sauron.data.Volume;

/** Our reader and writer checked against nibabel, an independent NIfTI implementation. */
class NibabelCrossCheckTest {

	@TempDir
	Path dir;

	/** nibabel writes; it also saves the values as it reads them back (x fastest) for us to compare. */
	private static final String NIBABEL_WRITES = String.join("\n",
		"import sys, numpy as np, nibabel as nib",
		"out = sys.argv[1]",
		"def save(name, img):",
		"    nib.save(img, out + '/' + name)",
		"    np.savetxt(out + '/' + name + '.txt', nib.load(out + '/' + name).get_fdata().ravel(order='F'), fmt='%.17g')",
		"# int16 big-endian; float data into an int16 file makes nibabel choose scl_slope/scl_inter",
		"hdr = nib.Nifti1Header(endianness='>')",
		"hdr.set_data_dtype(np.int16)",
		"data = np.linspace(-1000.5, 3000.25, num=60).reshape((5, 4, 3), order='F')",
		"save('be-int16.nii.gz', nib.Nifti1Image(data, np.diag([0.5, 0.75, 2.0, 1.0]), header=hdr))",
		"f = np.random.default_rng(1).standard_normal((7, 6)).astype(np.float32)",
		"save('f32-2d.nii', nib.Nifti1Image(f, np.diag([1.5, 2.5, 1.0, 1.0])))",
		"c = np.arange(4 * 3 * 2 * 3, dtype=np.float32).reshape((4, 3, 2, 3), order='F')",
		"save('channels.nii.gz', nib.Nifti1Image(c, np.diag([1.0, 2.0, 3.0, 1.0])))",
		"m = (np.arange(6 * 5 * 4).reshape((6, 5, 4), order='F') % 3).astype(np.uint8)",
		"save('mask-u8.nii.gz', nib.Nifti1Image(m, np.diag([3.0, 3.0, 3.0, 1.0])))");

	@Test
	void readsWhatNibabelWrites() throws IOException {
		final String python = PythonNibabel.require();
		final PythonNibabel.Result r = PythonNibabel.run(python, NIBABEL_WRITES, dir.toString());
		assertEquals(0, r.exitCode, r.output);

		final Path be = dir.resolve("be-int16.nii.gz");
		final NiftiHeader header = NiftiHeader.parse(gunzip(be), be.toString());
		assertEquals(ByteOrder.BIG_ENDIAN, header.order, "the file really is big-endian");
		assertEquals(NiftiDatatype.INT16, header.datatype);
		assertTrue(header.scaled(), "nibabel scaled the int16 data, slope " + header.sclSlope + " inter " + header.sclInter);
		final Volume v = ImageFiles.readImage(be);
		assertArrayEquals(new int[] { 5, 4, 3 }, v.shape());
		assertArrayEquals(new double[] { 0.5, 0.75, 2 }, v.voxelSize(), 1e-6);
		assertClose(expected(be), v.data(), 1e-3);

		final Path f32 = dir.resolve("f32-2d.nii");
		final Volume f = ImageFiles.readImage(f32);
		assertArrayEquals(new int[] { 7, 6 }, f.shape());
		assertArrayEquals(new double[] { 1.5, 2.5 }, f.voxelSize(), 1e-6);
		assertClose(expected(f32), f.data(), 0);

		final Path ch = dir.resolve("channels.nii.gz");
		final Volume c = ImageFiles.readImage(ch);
		assertArrayEquals(new int[] { 4, 3, 2 }, c.shape());
		assertEquals(3, c.channels());
		final double[] fileOrder = expected(ch);
		final int spatial = 4 * 3 * 2;
		for (int s = 0; s < spatial; s++)
			for (int k = 0; k < 3; k++)
				assertEquals(fileOrder[k * spatial + s], c.data()[s * 3 + k], 0, "voxel " + s + " channel " + k);

		final Path mask = dir.resolve("mask-u8.nii.gz");
		final LabelVolume m = ImageFiles.readLabels(mask);
		assertArrayEquals(new int[] { 6, 5, 4 }, m.shape());
		assertArrayEquals(new double[] { 3, 3, 3 }, m.voxelSize(), 1e-6);
		final double[] labels = expected(mask);
		for (int i = 0; i < labels.length; i++) assertEquals((int) labels[i], m.get(i), "voxel " + i);
	}

	/** nibabel's own NIfTI-1 test files (written by other tools), as nibabel reads them, one line each. */
	private static final String NIBABEL_DUMPS_ITS_TEST_FILES = String.join("\n",
		"import sys, os, glob, numpy as np, nibabel as nib",
		"out = sys.argv[1]",
		"data = os.path.join(os.path.dirname(nib.__file__), 'tests', 'data')",
		"for i, f in enumerate(sorted(glob.glob(data + '/*.nii') + glob.glob(data + '/*.nii.gz'))):",
		"    img = nib.load(f)",
		"    if type(img) is not nib.Nifti1Image or img.ndim > 4 or np.prod(img.shape) > 100000: continue  # keep it quick",
		"    np.savetxt('%s/%d.txt' % (out, i), img.get_fdata().ravel(order='F'), fmt='%.9g')",
		"    print('FILE', f, '%s/%d.txt' % (out, i), ','.join(map(str, img.shape)), ','.join(map(str, img.header.get_zooms()[:3])))");

	@Test
	void readsNibabelsTestFilesAsNibabelDoes() throws IOException {
		final String python = PythonNibabel.require();
		final PythonNibabel.Result r = PythonNibabel.run(python, NIBABEL_DUMPS_ITS_TEST_FILES, dir.toString());
		assertEquals(0, r.exitCode, r.output);
		int files = 0;
		for (final String line : r.output.split("\n")) {
			if (!line.startsWith("FILE ")) continue;
			final String[] f = line.split(" ");
			final Path file = Path.of(f[1]);
			final int[] shape = Arrays.stream(f[3].split(",")).mapToInt(Integer::parseInt).toArray();
			final double[] zooms = Arrays.stream(f[4].split(",")).mapToDouble(Double::parseDouble).toArray();
			final Volume v = ImageFiles.readImage(file);
			final int channels = shape.length == 4 ? shape[3] : 1;
			assertArrayEquals(Arrays.copyOf(shape, Math.min(3, shape.length)), v.shape(), file.toString());
			assertEquals(channels, v.channels(), file.toString());
			assertArrayEquals(Arrays.copyOf(zooms, v.dims()), v.voxelSize(), 1e-5, file.toString());
			final double[] fileOrder = Files.readAllLines(Path.of(f[2])).stream().mapToDouble(NibabelCrossCheckTest::parsePython).toArray();
			final int spatial = fileOrder.length / channels;
			for (int s = 0; s < spatial; s++)
				for (int c = 0; c < channels; c++) {
					final double e = fileOrder[c * spatial + s];
					final double tolerance = Double.isFinite(e) ? 1e-6 * Math.abs(e) + 1e-6 : 0;
					assertEquals(e, v.data()[s * channels + c], tolerance, file + " voxel " + s + " channel " + c);
				}
			files++;
		}
		assertTrue(files >= 3, "nibabel ships NIfTI-1 test files (Debian python3-nibabel does): " + r.output);
	}

	/** nibabel reads ours: header diagnosis clean, shape, zooms, affine, dtype and every value. */
	private static final String NIBABEL_READS = String.join("\n",
		"import sys, numpy as np, nibabel as nib",
		"path, dtype, values = sys.argv[1], sys.argv[2], sys.argv[3]",
		"shape = tuple(int(s) for s in sys.argv[4].split(','))",
		"zooms = [float(s) for s in sys.argv[5].split(',')]",
		"img = nib.load(path)",
		"problems = nib.Nifti1Header.diagnose_binaryblock(img.header.binaryblock)",
		"assert problems == '', problems",
		"assert img.shape == shape, (img.shape, shape)",
		"assert np.allclose(img.header.get_zooms()[:len(zooms)], zooms), img.header.get_zooms()",
		"n = min(3, len(zooms))",
		"assert np.allclose(np.abs(np.diag(img.affine))[:n], zooms[:n]), img.affine",
		"assert img.header.get_xyzt_units()[0] == 'mm', img.header.get_xyzt_units()",
		"assert img.get_data_dtype() == np.dtype(dtype), img.get_data_dtype()",
		"expected = np.loadtxt(values)",
		"got = np.asanyarray(img.dataobj).ravel(order='F')",
		"assert np.array_equal(got, expected.astype(got.dtype)), (got[:5], expected[:5])",
		"print('nibabel agrees')");

	@Test
	void nibabelReadsWhatWeWrite() throws IOException {
		final String python = PythonNibabel.require();
		final Volume image = NiftiWriterTest.noise(new int[] { 5, 4, 3 }, 2, new double[] { 0.5, 0.75, 2 }, 3);
		final Path imageFile = dir.resolve("ours-image.nii.gz");
		ImageFiles.writeImage(image, imageFile);
		final float[] fileOrder = new float[image.data().length];
		final int spatial = 5 * 4 * 3;
		for (int s = 0; s < spatial; s++)
			for (int k = 0; k < 2; k++) fileOrder[k * spatial + s] = image.data()[s * 2 + k];
		expectNibabelAgrees(python, imageFile, "<f4", fileOrder, "5,4,3,2", "0.5,0.75,2");

		final LabelVolume labels = NiftiWriterTest.randomLabels(new int[] { 7, 6 }, new double[] { 3, 1.5 }, 4);
		final Path labelFile = dir.resolve("ours-labels.nii");
		ImageFiles.writeLabels(labels, labelFile);
		final float[] values = new float[labels.labels().length];
		for (int i = 0; i < values.length; i++) values[i] = labels.get(i);
		expectNibabelAgrees(python, labelFile, "u1", values, "7,6", "3,1.5");
	}

	private void expectNibabelAgrees(final String python, final Path file, final String dtype, final float[] values, final String shape,
		final String zooms) throws IOException
	{
		final Path text = dir.resolve(file.getFileName() + ".expected.txt");
		final StringBuilder sb = new StringBuilder();
		// A float's shortest decimal parses back to the same float (Python compares after casting to float32).
		for (final float v : values) sb.append(v).append('\n');
		Files.writeString(text, sb);
		final PythonNibabel.Result r = PythonNibabel.run(python, NIBABEL_READS, file.toString(), dtype, text.toString(), shape, zooms);
		assertEquals(0, r.exitCode, file + ": " + r.output);
		assertTrue(r.output.contains("nibabel agrees"), r.output);
	}

	/** numpy prints nan and inf where Java wants NaN and Infinity. */
	private static double parsePython(final String s) {
		switch (s.trim()) {
			case "nan": case "-nan": return Double.NaN;
			case "inf": return Double.POSITIVE_INFINITY;
			case "-inf": return Double.NEGATIVE_INFINITY;
			default: return Double.parseDouble(s);
		}
	}

	private static double[] expected(final Path file) throws IOException {
		final List<String> lines = Files.readAllLines(Path.of(file + ".txt"));
		return lines.stream().mapToDouble(Double::parseDouble).toArray();
	}

	private static void assertClose(final double[] expected, final float[] actual, final double tolerance) {
		assertEquals(expected.length, actual.length);
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], tolerance + Math.ulp((float) expected[i]), "value " + i);
	}

	private static byte[] gunzip(final Path file) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
			return in.readAllBytes();
		}
	}
}

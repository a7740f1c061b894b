package sauron.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.data.Geometry;
import sauron.data.LabelVolume;
import sauron.data.Volume;

/**
 * Where the voxels of a NIfTI image lie (qform, sform, qfac, units) is read as nibabel reads it and written back
 * unchanged into every output on the image's grid; a pooled grid lies at the centre of the voxels it pools.
 */
class NiftiGeometryTest {

	@TempDir
	Path dir;

	/**
	 * nibabel writes images whose axes are flipped, oblique or permuted, with various qform/sform codes and units,
	 * and prints, per file, its name and its affine in mm (row after row, 12 values).
	 */
	private static final String NIBABEL_WRITES_PLACED_IMAGES = String.join("\n",
		"import sys, numpy as np, nibabel as nib",
		"out = sys.argv[1]",
		"def rotation(axis, degrees):",
		"    a = np.asarray(axis, float) / np.linalg.norm(axis); t = np.radians(degrees)",
		"    k = np.array([[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]])",
		"    return np.eye(3) + np.sin(t) * k + (1 - np.cos(t)) * k @ k",
		"def affine(m, t):",
		"    a = np.eye(4); a[:3, :3] = m; a[:3, 3] = t; return a",
		"flipped = affine(np.diag([-2.0, 3.0, 4.0]), [10, -20, 30])",
		"oblique = affine(rotation([1, 1, 0.5], 25) @ np.diag([0.5, 0.75, 2.0]), [-91.5, 12.25, 40.0])",
		"permuted = affine([[0, 0, 2.0], [3.0, 0, 0], [0, -1.5, 0]], [-5, 7, 9])",
		"def save(name, shape, qform, qcode, scode, sform=None, units='mm'):",
		"    data = (np.arange(np.prod(shape)).reshape(shape, order='F') % 7).astype(np.float32)",
		"    img = nib.Nifti1Image(data, None)",
		"    img.header.set_xyzt_units(units, 'sec')",
		"    img.header.set_qform(qform, code=qcode)",
		"    img.header.set_sform(qform if sform is None else sform, code=scode)",
		"    nib.save(img, out + '/' + name)",
		"    back = nib.load(out + '/' + name)",
		"    a = back.affine * (1000.0 if units == 'meter' else 1.0)",
		"    print('CASE', name, ' '.join(repr(float(v)) for v in a[:3].ravel()))",
		"save('flipped.nii.gz', (5, 4, 3), flipped, 1, 4)",
		"save('oblique.nii', (5, 4, 3), oblique, 1, 2)",
		"save('permuted.nii.gz', (4, 5, 3), permuted, 2, 2)",
		"save('qform-only.nii.gz', (5, 4, 3), oblique, 4, 0)",
		"save('sform-wins.nii.gz', (5, 4, 3), oblique, 1, 3, sform=flipped)",
		"save('meters.nii.gz', (5, 4, 3), affine(np.diag([0.002, 0.002, 0.003]), [0.1, -0.05, 0.02]), 1, 1, units='meter')",
		"save('oblique-2d.nii.gz', (6, 5), affine(rotation([0, 0, 1], 30) @ np.diag([0.8, 0.6, 1.0]), [3, 4, 5]), 2, 2)",
		"save('channels.nii.gz', (4, 3, 2, 2), permuted, 4, 4)");

	/** nibabel reads an input and our output of it: every geometry field and the affine must be equal. */
	private static final String NIBABEL_COMPARES = String.join("\n",
		"import sys, numpy as np, nibabel as nib",
		"for pair in sys.argv[1:]:",
		"    a, b = [nib.load(p) for p in pair.split('|')]",
		"    ha, hb = a.header, b.header",
		"    for f in ('qform_code', 'sform_code', 'quatern_b', 'quatern_c', 'quatern_d', 'qoffset_x', 'qoffset_y', 'qoffset_z',",
		"              'srow_x', 'srow_y', 'srow_z', 'xyzt_units'):",
		"        assert np.array_equal(ha[f], hb[f]), (pair, f, ha[f], hb[f])",
		"    assert np.array_equal(ha['pixdim'][:4], hb['pixdim'][:4]), (pair, ha['pixdim'], hb['pixdim'])",
		"    assert np.array_equal(a.affine, b.affine), (pair, a.affine, b.affine)",
		"    assert np.array_equal(ha.get_qform(), hb.get_qform()) and np.array_equal(ha.get_sform(), hb.get_sform()), pair",
		"    print('same', pair)");

	private record Case(Path file, double[][] affine) {}

	private List<Case> nibabelWritesPlacedImages(final String python) throws IOException {
		final PythonNibabel.Result r = PythonNibabel.run(python, NIBABEL_WRITES_PLACED_IMAGES, dir.toString());
		assertEquals(0, r.exitCode, r.output);
		final List<Case> cases = new ArrayList<>();
		for (final String line : r.output.split("\n")) {
			if (!line.startsWith("CASE ")) continue;
			final String[] f = line.trim().split(" ");
			final double[][] affine = new double[3][4];
			for (int i = 0; i < 12; i++) affine[i / 4][i % 4] = Double.parseDouble(f[2 + i]);
			cases.add(new Case(dir.resolve(f[1]), affine));
		}
		assertEquals(8, cases.size(), r.output);
		return cases;
	}

	@Test
	void readsTheAffineNibabelReadsForFlippedObliquePermutedAndQformOnlyImages() throws IOException {
		for (final Case c : nibabelWritesPlacedImages(PythonNibabel.require())) {
			final String name = c.file.getFileName().toString();
			assertAffine(c.affine, ImageFiles.readImage(c.file).geometry().affine(), name);
			if (!name.startsWith("channels")) assertAffine(c.affine, ImageFiles.readLabels(c.file).geometry().affine(), name + " as labels");
		}
	}

	@Test
	void anOutputOnTheInputsGridHasTheInputsHeaderGeometryBitForBit() throws IOException {
		final String python = PythonNibabel.require();
		final List<String> pairs = new ArrayList<>();
		for (final Case c : nibabelWritesPlacedImages(python)) {
			final String name = c.file.getFileName().toString();
			final Volume input = ImageFiles.readImage(c.file);
			// What segmentation gives: new values (here two channels, as class probabilities) on the input's grid.
			final Volume derived = new Volume(input.shape(), 2, new float[input.data().length / input.channels() * 2], input.geometry());
			final Path image = dir.resolve("derived-" + name);
			ImageFiles.writeImage(derived, image);
			assertSameHeaderGeometry(c.file, image);
			pairs.add(c.file + "|" + image);
			if (name.startsWith("channels")) continue;
			final LabelVolume labels = new LabelVolume(input.shape(), new byte[(int) input.voxels()], ImageFiles.readLabels(c.file).geometry());
			final Path labelFile = dir.resolve("labels-" + name);
			ImageFiles.writeLabels(labels, labelFile);
			assertSameHeaderGeometry(c.file, labelFile);
			pairs.add(c.file + "|" + labelFile);
		}
		final PythonNibabel.Result r = PythonNibabel.run(python, NIBABEL_COMPARES, pairs.toArray(new String[0]));
		assertEquals(0, r.exitCode, r.output);
		assertEquals(pairs.size(), r.output.lines().filter(l -> l.startsWith("same ")).count(), r.output);
	}

	/**
	 * nibabel's affine of a pooled grid, as voxel (i, j, k) -> mm, must be the input's at f * (i, j, k) + (f - 1) / 2
	 * on the image's axes (a 2D image has no third to pool).
	 */
	private static final String NIBABEL_CHECKS_POOLED = String.join("\n",
		"import sys, numpy as np, nibabel as nib",
		"f = float(sys.argv[1])",
		"for pair in sys.argv[2:]:",
		"    a, b = [nib.load(p) for p in pair.split('|')]",
		"    axes = min(3, len(a.shape))",
		"    pool = np.eye(4)",
		"    for d in range(axes): pool[d, d], pool[d, 3] = f, (f - 1) / 2",
		"    assert np.allclose(b.affine, a.affine @ pool, atol=1e-4), (pair, a.affine @ pool, b.affine)",
		"    assert np.allclose(b.header.get_qform(), a.header.get_qform() @ pool, atol=1e-4), (pair, 'qform')",
		"    assert (b.header['qform_code'], b.header['sform_code']) == (a.header['qform_code'], a.header['sform_code']), pair",
		"    print('pooled', pair)");

	@Test
	void aPooledGridLiesAtTheCentreOfTheVoxelsItPools() throws IOException {
		final String python = PythonNibabel.require();
		final List<String> pairs = new ArrayList<>();
		for (final Case c : nibabelWritesPlacedImages(python)) {
			final String name = c.file.getFileName().toString();
			if (name.startsWith("meters")) continue; // nibabel's affine is in metres there, ours in mm; the others are in mm
			final Volume input = ImageFiles.readImage(c.file);
			final int[] four = new int[input.dims()];
			Arrays.fill(four, 4);
			final Geometry pooled = input.geometry().pooled(four);
			// voxel (1, 2, 0) of the pooled grid covers voxels 4..7, 8..11, 0..3: it lies at (5.5, 9.5, 1.5)
			final double[] expected = apply(input.geometry().affine(), 5.5, 9.5, input.dims() == 3 ? 1.5 : 0);
			assertArrayEquals(expected, apply(pooled.affine(), 1, 2, 0), 1e-4, name);
			final int[] shape = Arrays.stream(input.shape()).map(s -> (s + 3) / 4).toArray();
			final Path file = dir.resolve("pooled-" + name);
			ImageFiles.writeImage(Volume.zeros(shape, 1, pooled), file);
			pairs.add(c.file + "|" + file);
		}
		final List<String> args = new ArrayList<>(List.of("4"));
		args.addAll(pairs);
		final PythonNibabel.Result r = PythonNibabel.run(python, NIBABEL_CHECKS_POOLED, args.toArray(new String[0]));
		assertEquals(0, r.exitCode, r.output);
		assertEquals(pairs.size(), r.output.lines().filter(l -> l.startsWith("pooled ")).count(), r.output);
	}

	@Test
	void aBigEndianHeadersGeometryIsReadInItsByteOrderAndWrittenWithTheSameValues() throws IOException {
		final CraftedNifti n = new CraftedNifti().dims(2, 2, 2);
		n.values = new double[8];
		n.pixdim = new float[] { -1, 0.5f, 0.75f, 2, 1, 1, 1, 1 };
		n.qformCode = 3;
		n.sformCode = 0;
		n.quatern = new float[] { 0.1f, -0.2f, 0.3f };
		n.qoffset = new float[] { 11.5f, -7.25f, 3 };
		final Path file = Files.write(dir.resolve("be.nii"), n.bytes());
		final Volume v = NiftiReader.readVolume(file);
		final NiftiGeometry g = (NiftiGeometry) v.geometry();
		assertEquals(3, g.qformCode());
		assertEquals(0, g.sformCode());
		assertArrayEquals(new float[] { 0.1f, -0.2f, 0.3f }, g.quatern());
		final double[][] a = g.affine();
		assertArrayEquals(new double[] { 11.5, -7.25, 3 }, column(a, 3), 0, "the qform's offset is where voxel 0 lies");
		assertArrayEquals(new double[] { 0.5, 0.75, 2 }, new double[] { norm(column(a, 0)), norm(column(a, 1)), norm(column(a, 2)) }, 1e-6, "voxel sizes");
		assertTrue(det(a) < 0, "qfac -1 makes the grid left-handed: " + Arrays.deepToString(a));
		final Path out = dir.resolve("le.nii");
		NiftiWriter.writeVolume(v, out);
		assertEquals(g, NiftiReader.readVolume(out).geometry(), "written little-endian with the same values");
	}

	@Test
	void aVolumeMadeInCodeIsWrittenUnrotatedAtItsOrigin() throws IOException {
		// a grid made in code, pooled by 2: voxel 0 lies half an input voxel in
		final Volume v = Volume.zeros(new int[] { 3, 2, 2 }, 1, Geometry.of(new double[] { 1.5, 2, 2.5 }).pooled(new int[] { 2, 2, 2 }));
		final Path file = dir.resolve("made.nii");
		NiftiWriter.writeVolume(v, file);
		final double[][] a = NiftiReader.readVolume(file).geometry().affine();
		assertArrayEquals(new double[] { 3, 0, 0, 0.75 }, a[0], 1e-6);
		assertArrayEquals(new double[] { 0, 4, 0, 1 }, a[1], 1e-6);
		assertArrayEquals(new double[] { 0, 0, 5, 1.25 }, a[2], 1e-6);
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		assertEquals(1, b.getShort(252), "qform_code");
		assertEquals(1, b.getShort(254), "sform_code");
		assertEquals(0.75f, b.getFloat(268), "qoffset_x");
		assertEquals(1.25f, b.getFloat(312 + 12), "srow_z[3]");
	}

	/** pixdim[0..3] (76-91), xyzt_units (123) and qform_code .. srow_z (252-327), byte for byte. */
	private static void assertSameHeaderGeometry(final Path input, final Path output) throws IOException {
		final byte[] a = header(input), b = header(output);
		assertTrue(ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == 348, "nibabel wrote little-endian: " + input);
		final String what = output.getFileName() + " vs " + input.getFileName();
		assertArrayEquals(Arrays.copyOfRange(a, 76, 92), Arrays.copyOfRange(b, 76, 92), what + ": pixdim[0..3]");
		assertEquals(a[123], b[123], what + ": xyzt_units");
		assertArrayEquals(Arrays.copyOfRange(a, 252, 328), Arrays.copyOfRange(b, 252, 328), what + ": qform_code .. srow_z");
	}

	private static byte[] header(final Path file) throws IOException {
		final byte[] raw = Files.readAllBytes(file);
		if ((raw[0] & 0xff) != 0x1f) return Arrays.copyOf(raw, 348);
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
			return Arrays.copyOf(in.readAllBytes(), 348);
		}
	}

	private static void assertAffine(final double[][] expected, final double[][] actual, final String what) {
		for (int r = 0; r < 3; r++)
			assertArrayEquals(expected[r], actual[r], 1e-5 * (1 + Arrays.stream(expected[r]).map(Math::abs).max().orElse(0)), what + " row " + r);
	}

	private static double[] apply(final double[][] affine, final double i, final double j, final double k) {
		final double[] p = new double[3];
		for (int r = 0; r < 3; r++) p[r] = affine[r][0] * i + affine[r][1] * j + affine[r][2] * k + affine[r][3];
		return p;
	}

	private static double[] column(final double[][] m, final int c) {
		return new double[] { m[0][c], m[1][c], m[2][c] };
	}

	private static double norm(final double[] v) {
		return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
	}

	private static double det(final double[][] m) {
		return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
			+ m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
	}
}

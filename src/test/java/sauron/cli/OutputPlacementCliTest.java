package sauron.cli;

import static sauron.cli.TrainedModels.image2d;
import static sauron.cli.TrainedModels.image3d;
import static sauron.cli.TrainedModels.model2d;
import static sauron.cli.TrainedModels.model3d;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sauron.cli.Cli.run;
import static sauron.cli.Cli.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.cli.Cli.Result;
import sauron.io.ImageFiles;
import sauron.io.PythonNibabel;
import sauron.io.TiffWriter;

/**
 * Where the outputs of segment and features lie in space: the input's NIfTI position and orientation or TIFF
 * calibration, checked by nibabel and ImageJ as well as by our reader.
 */
class OutputPlacementCliTest {

	@TempDir
	Path dir;

	/** nibabel stores image3d()'s voxels with an oblique, x-flipped affine (qfac -1) in the qform (code 4) and sform (code 2). */
	private static final String NIBABEL_PLACES = String.join("\n",
		"import sys, numpy as np, nibabel as nib",
		"img = nib.load(sys.argv[1])",
		"t = np.radians(20); c, s = np.cos(t), np.sin(t)",
		"a = np.eye(4); a[:3, :3] = np.array([[c, -s, 0], [s, c, 0], [0, 0, 1.0]]) @ np.diag([-0.8, 0.6, 1.5]); a[:3, 3] = [40, -20, 11]",
		"out = nib.Nifti1Image(np.asanyarray(img.dataobj), None)",
		"out.header.set_xyzt_units('mm', 'sec')",
		"out.header.set_qform(a, code=4)",
		"out.header.set_sform(a, code=2)",
		"nib.save(out, sys.argv[2])");

	/**
	 * For each "output|f": nibabel's affine of the output is the input's (f = 1: exactly, with the same qform and
	 * sform) or the input's pooled by f (voxel i at the centre of input voxels f*i .. f*i + f - 1); codes are the input's.
	 */
	private static final String NIBABEL_CHECKS_PLACE = String.join("\n",
		"import sys, numpy as np, nibabel as nib",
		"np.set_printoptions(suppress=True)",
		"src = nib.load(sys.argv[1])",
		"print('input', src.header['qform_code'], src.header['sform_code'], src.affine.tolist())",
		"for spec in sys.argv[2:]:",
		"    path, f = spec.split('|'); f = int(f)",
		"    out = nib.load(path)",
		"    print('output', out.header['qform_code'], out.header['sform_code'], out.affine.tolist())",
		"    pool = np.eye(4)",
		"    for d in range(3): pool[d, d], pool[d, 3] = f, (f - 1) / 2",
		"    if f == 1:",
		"        assert np.array_equal(out.affine, src.affine), (path, src.affine, out.affine)",
		"        assert np.array_equal(out.header.get_qform(), src.header.get_qform()), (path, 'qform')",
		"        assert np.array_equal(out.header.get_sform(), src.header.get_sform()), (path, 'sform')",
		"    else:",
		"        assert np.allclose(out.affine, src.affine @ pool, atol=1e-4), (path, src.affine @ pool, out.affine)",
		"    for k in ('qform_code', 'sform_code'): assert out.header[k] == src.header[k], (path, k, out.header[k], src.header[k])",
		"    print('in place', path)");

	private static void assertNibabelFindsInPlace(final Path input, final String... outputs) throws IOException {
		final List<String> args = new ArrayList<>(List.of(input.toString()));
		args.addAll(List.of(outputs));
		final PythonNibabel.Result r = PythonNibabel.run(PythonNibabel.require(), NIBABEL_CHECKS_PLACE, args.toArray(new String[0]));
		assertEquals(0, r.exitCode, r.output);
		assertEquals(outputs.length, r.output.lines().filter(l -> l.startsWith("in place ")).count(), r.output);
	}

	@Test
	void segmentAndFeaturesWriteTheInputsPositionAndOrientationIntoEveryOutput() throws IOException {
		final Path placed = dir.resolve("placed.nii.gz");
		final PythonNibabel.Result made = PythonNibabel.run(PythonNibabel.require(), NIBABEL_PLACES, image3d().toString(), placed.toString());
		assertEquals(0, made.exitCode, made.output);
		final Path labels = dir.resolve("labels.nii.gz"), probabilities = dir.resolve("labels-probabilities.nii.gz");
		final Path level0 = dir.resolve("dec0_1.nii"), level1 = dir.resolve("enc1_1.nii");
		run("segment", "-m", model3d().toString(), "-i", placed.toString(), "-o", labels.toString(), "--probabilities").assertOk();
		run("features", "-m", model3d().toString(), "-i", placed.toString(), "--layer", "dec0_1", "-o", level0.toString()).assertOk();
		run("features", "-m", model3d().toString(), "-i", placed.toString(), "--layer", "enc1_1", "-o", level1.toString()).assertOk();

		final var input = ImageFiles.readImage(placed).geometry();
		assertEquals(input, ImageFiles.readLabels(labels).geometry(), "labels: the input's header geometry, field for field");
		assertEquals(input, ImageFiles.readImage(probabilities).geometry(), "probabilities");
		assertEquals(input, ImageFiles.readImage(level0).geometry(), "level-0 feature maps");
		assertArrayEquals(new double[] { 1.6, 1.2, 3 }, ImageFiles.readImage(level1).voxelSize(), 1e-6, "level-1 maps: twice the voxel");
		assertNibabelFindsInPlace(placed, labels + "|1", probabilities + "|1", level0 + "|1", level1 + "|2");
	}

	@Test
	void segmentingTheSampleRightHemisphereGivesLabelsWhereTheHemisphereIs() throws IOException {
		final Path right = Path.of("sample-data/colin27-3mm-right-image.nii.gz");
		final Path labels = dir.resolve("right-labels.nii.gz");
		run("segment", "-m", model3d().toString(), "-i", right.toString(), "-o", labels.toString(), "--tile", "32x32x32").assertOk();
		final double[][] affine = ImageFiles.readLabels(labels).geometry().affine();
		assertArrayEquals(new double[] { 3, 0, 0, 9 }, affine[0], 0, "origin (9, -123, -69) as in the input, not (0, 0, 0)");
		assertArrayEquals(new double[] { 0, 3, 0, -123 }, affine[1], 0);
		assertArrayEquals(new double[] { 0, 0, 3, -69 }, affine[2], 0);
		assertNibabelFindsInPlace(right, labels + "|1");
	}

	@Test
	void segmentKeepsATiffsCalibrationOriginAndUnits() throws IOException {
		final ij.ImagePlus imp = new ij.ImagePlus("scan", TiffWriter.floatStack(ImageFiles.readImage(image2d())));
		final ij.measure.Calibration cal = imp.getCalibration();
		cal.setUnit("micron");
		cal.pixelWidth = 800;
		cal.pixelHeight = 600;
		cal.xOrigin = 12.5;
		cal.yOrigin = -4;
		final Path tiff = dir.resolve("scan.tif"), labels = dir.resolve("scan-labels.tif");
		Files.write(tiff, new ij.io.FileSaver(imp).serialize());
		run("segment", "-m", model2d().toString(), "-i", tiff.toString(), "-o", labels.toString(), "--probabilities").assertOk();
		// as ImageJ reads the input back: TIFF keeps 1/size as a rational, so 600 µm is 600.24 µm in any file
		final ij.measure.Calibration in = new ij.io.Opener().openTiff(dir + "/", "scan.tif").getCalibration();
		assertArrayEquals(new double[] { 800, 600 }, new double[] { in.pixelWidth, in.pixelHeight }, 0.5);
		for (final Path out : new Path[] { labels, ImageFiles.probabilityPath(labels) }) {
			final ij.measure.Calibration c = new ij.io.Opener().openTiff(dir + "/", out.getFileName().toString()).getCalibration();
			assertEquals("micron", c.getUnit(), out.toString());
			assertArrayEquals(new double[] { in.pixelWidth, in.pixelHeight, 12.5, -4 }, new double[] { c.pixelWidth, c.pixelHeight, c.xOrigin, c.yOrigin }, 1e-9,
				out.toString());
		}
	}

	@Test
	void segmentWarnsWhenATiffOutputCannotHoldARotatedInput() throws IOException {
		final Path placed = dir.resolve("placed.nii.gz");
		assertEquals(0, PythonNibabel.run(PythonNibabel.require(), NIBABEL_PLACES, image3d().toString(), placed.toString()).exitCode);
		final Path tiff = dir.resolve("labels.tif");
		final Result r = run("segment", "-m", model3d().toString(), "-i", placed.toString(), "-o", tiff.toString()).assertOk();
		assertTrue(r.out().contains("warning: " + tiff + ": a TIFF cannot hold a rotated or flipped grid"), r.out());
		final Result nifti = run("segment", "-m", model3d().toString(), "-i", placed.toString(), "-o", dir.resolve("labels.nii").toString()).assertOk();
		assertFalse(nifti.out().contains("warning: "), nifti.out());
	}
}

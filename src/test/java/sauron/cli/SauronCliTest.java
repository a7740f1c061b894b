package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.io.ImageFiles;
import sauron.io.PythonNibabel;
import sauron.io.TiffWriter;
import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/**
 * The command line as a user meets it: what each command writes and prints, and a clear error (exit 1,
 * "error: ..." naming the input and what was expected, no stack trace) for every bad input.
 * <p>
 * Networks are tiny (2 levels, 4 filters, 16x16 or 8x8x8 patches, 1 epoch of 2 steps) so the class runs in
 * seconds; two models trained once are shared by the tests that only read them.
 */
class SauronCliTest {

	private static final double[] VOXEL_2D = { 0.8, 0.6 };
	private static final double[] VOXEL_3D = { 0.8, 0.6, 1.5 };
	private static final String[] TINY_2D = { "--levels", "2", "--base", "4", "--patch", "16x16", "--batch", "2", "--epochs", "1", "--steps", "2" };
	private static final String[] TINY_3D = { "--levels", "2", "--base", "4", "--patch", "8x8x8", "--batch", "1", "--epochs", "1", "--steps", "2" };

	/** Models trained once by {@link #trainSharedModels}; tests copy them before damaging them. */
	@TempDir
	static Path shared;
	static Path model2d, model3d, image2d, labels2d, image3d, labels3d;
	static Result trained2d, trained3d;

	@TempDir
	Path dir;

	@BeforeAll
	static void trainSharedModels() throws IOException {
		image2d = writeImage(shared.resolve("head.nii.gz"), disc(new int[] { 32, 32 }, VOXEL_2D, 1));
		labels2d = writeLabels(shared.resolve("head-mask.nii.gz"), discLabels(new int[] { 32, 32 }, VOXEL_2D));
		model2d = shared.resolve("model2d");
		trained2d = run(concat(new String[] { "train", "-i", image2d.toString(), "-l", labels2d.toString(), "-m", model2d.toString() }, TINY_2D));
		trained2d.assertOk();

		image3d = writeImage(shared.resolve("head3d.nii"), disc(new int[] { 16, 16, 8 }, VOXEL_3D, 1));
		labels3d = writeLabels(shared.resolve("head3d-mask.nii"), discLabels(new int[] { 16, 16, 8 }, VOXEL_3D));
		model3d = shared.resolve("model3d");
		trained3d = run(concat(new String[] { "train", "-i", image3d.toString(), "-l", labels3d.toString(), "-m", model3d.toString() }, TINY_3D));
		trained3d.assertOk();
	}

	// ---------------------------------------------------------------- what works

	@Test
	void trainWritesAModelDirectoryAndOneProgressLinePerEpoch() {
		assertTrue(Files.isRegularFile(model2d.resolve(ModelStore.METADATA_FILE)), "sauron.json");
		assertTrue(Files.isRegularFile(model2d.resolve("saved_model.pb")), "saved_model.pb");
		assertTrue(trained2d.out.contains("epoch   1/1"), trained2d.out);
		assertTrue(trained2d.out.contains("loss") && trained2d.out.contains("val Dice"), trained2d.out);
		assertTrue(trained2d.out.contains("saved " + model2d), trained2d.out);
		assertEquals("", trained2d.err);
	}

	@Test
	void trainInfoSegmentEvaluateEndToEndIn2D() throws IOException {
		endToEnd(image2d, labels2d, model2d, VOXEL_2D, "2D U-Net");
	}

	@Test
	void trainInfoSegmentEvaluateEndToEndIn3D() throws IOException {
		assertTrue(Files.isRegularFile(model3d.resolve("saved_model.pb")));
		endToEnd(image3d, labels3d, model3d, VOXEL_3D, "3D U-Net");
	}

	private void endToEnd(final Path image, final Path labels, final Path model, final double[] voxel, final String network) throws IOException {
		final Result info = run("info", "-m", model.toString()).assertOk();
		for (final String expected : new String[] { network, "parameters", "FLOPs", "per voxel", "history:", "layers (filters):" })
			assertTrue(info.out.contains(expected), expected + " in\n" + info.out);

		final Path segmented = dir.resolve("segmented.nii.gz");
		run("segment", "-m", model.toString(), "-i", image.toString(), "-o", segmented.toString()).assertOk();
		final LabelVolume result = ImageFiles.readLabels(segmented);
		assertArrayEquals(ImageFiles.readImage(image).shape(), result.shape());
		assertArrayEquals(voxel, result.voxelSize(), 1e-6);
		// Voxel by voxel what the model gives in this JVM, with the same defaults (patch-sized tiles, overlap 0.5).
		final sauron.segment.Segmentation expected = segmentHere(model, image);
		assertArrayEquals(expected.labels().labels(), result.labels());

		final Result scores = run("evaluate", "-p", segmented.toString(), "-t", labels.toString()).assertOk();
		assertEquals(scoreRows(result, ImageFiles.readLabels(labels)), scores.out.lines().skip(1).limit(1).toList(), scores.out);
	}

	private static sauron.segment.Segmentation segmentHere(final Path model, final Path image) throws IOException {
		try (sauron.segment.ModelSegmenter segmenter = new sauron.segment.ModelSegmenter(ModelStore.load(model))) {
			return segmenter.segment(ImageFiles.readImage(image), image.getFileName().toString());
		}
	}

	/** The row evaluate must print for class 1 (background is not scored), from the metrics computed here. */
	private static List<String> scoreRows(final LabelVolume prediction, final LabelVolume truth) {
		return sauron.metrics.SegmentationMetrics.evaluate(prediction, truth, 2).stream()
				.map(s -> String.format("%-6d %8.4f %10.3f %14.1f %14.1f", s.label(), s.dice(), s.hd95(), s.truthVolume(), s.predictedVolume())).toList();
	}

	@Test
	void evaluatePrintsDiceAndVolumesOfTheFilesGiven() throws IOException {
		// 10x10 voxels of 2 x 1 mm. Truth: x = 2..3, y = 2..5 (8 voxels, 16 mm2); prediction: the same columns two
		// rows lower, y = 4..7: 4 voxels shared, Dice 2 * 4 / (8 + 8) = 0.5.
		final LabelVolume truth = LabelVolume.zeros(new int[] { 10, 10 }, new double[] { 2, 1 }), predicted = LabelVolume.zeros(new int[] { 10, 10 }, new double[] { 2, 1 });
		for (int x = 2; x <= 3; x++)
			for (int y = 0; y < 4; y++) {
				truth.set((2 + y) * 10 + x, 1);
				predicted.set((4 + y) * 10 + x, 1);
			}
		final Path t = writeLabels(dir.resolve("truth.nii"), truth), p = writeLabels(dir.resolve("prediction.nii"), predicted);
		final List<String> rows = run("evaluate", "-p", p.toString(), "-t", t.toString()).assertOk().out.lines().toList();
		assertTrue(rows.get(1).matches("1 +0\\.5000 +\\d+\\.\\d{3} +16\\.0 +16\\.0"), rows.get(1));
		assertEquals(scoreRows(predicted, truth), rows.subList(1, 2), "HD95 as the metrics compute it");
	}

	@Test
	void trainOnADataFolderLearnsFromEveryPairInIt() throws IOException {
		// images/a.tif with labels 0..1 and images/b.nii.gz with labels 0..2, labels/ holding files of the same
		// names: the network has 3 classes only if both pairs were read.
		final Path data = dir.resolve("data");
		Files.createDirectories(data.resolve("images"));
		Files.createDirectories(data.resolve("labels"));
		writeImage(data.resolve("images/a.tif"), disc(new int[] { 32, 32 }, VOXEL_2D, 1));
		writeLabels(data.resolve("labels/a.tif"), discLabels(new int[] { 32, 32 }, VOXEL_2D));
		final LabelVolume three = discLabels(new int[] { 32, 32 }, VOXEL_2D);
		for (int v = 0; v < 32 * 16; v++) if (three.get(v) == 1) three.set(v, 2);
		writeImage(data.resolve("images/b.nii.gz"), disc(new int[] { 32, 32 }, VOXEL_2D, 2));
		writeLabels(data.resolve("labels/b.nii.gz"), three);
		final Path model = dir.resolve("model");
		final Result r = run(concat(new String[] { "train", "--data", data.toString(), "-m", model.toString() }, TINY_2D)).assertOk();
		assertTrue(r.out.contains("saved " + model), r.out);
		assertEquals(3, ModelStore.load(model).spec().classes(), r.out);
	}

	@Test
	void trainWarnsOfOneAllBackgroundLabelImageAndRefusesWhenAllAre() throws IOException {
		final Path data = dir.resolve("data");
		Files.createDirectories(data.resolve("images"));
		Files.createDirectories(data.resolve("labels"));
		writeImage(data.resolve("images/a.tif"), disc(new int[] { 32, 32 }, VOXEL_2D, 1));
		final Path empty = writeLabels(data.resolve("labels/a.tif"), LabelVolume.zeros(new int[] { 32, 32 }, VOXEL_2D));
		final Path model = dir.resolve("model");
		assertFailsClearly(run(concat(new String[] { "train", "--data", data.toString(), "-m", model.toString() }, TINY_2D)), empty.toString(),
				"are all 0 (background): nothing to learn");
		writeImage(data.resolve("images/b.tif"), disc(new int[] { 32, 32 }, VOXEL_2D, 2));
		writeLabels(data.resolve("labels/b.tif"), discLabels(new int[] { 32, 32 }, VOXEL_2D));
		final Result r = run(concat(new String[] { "train", "--data", data.toString(), "-m", model.toString() }, TINY_2D)).assertOk();
		assertTrue(r.err.contains("warning: labels " + empty + " are all 0 (background)"), r::toString);
	}

	@Test
	void segmentWritesProbabilitiesBesideTheLabelsWhenAsked() throws IOException {
		final Path out = dir.resolve("seg.tif");
		run("segment", "-m", model2d.toString(), "-i", image2d.toString(), "-o", out.toString(), "--probabilities").assertOk();
		final Volume p = ImageFiles.readImage(dir.resolve("seg-probabilities.tif"));
		assertArrayEquals(new int[] { 32, 32 }, p.shape());
		assertEquals(2, p.channels());
		assertArrayEquals(segmentHere(model2d, image2d).probabilities().data(), p.data(), 1e-6f, "the probabilities the model gives here");
	}

	@Test
	void segmentCreatesMissingOutputFolders() throws IOException {
		final Path out = dir.resolve("not/yet/there/labels.nii.gz");
		run("segment", "-m", model2d.toString(), "-i", image2d.toString(), "-o", out.toString()).assertOk();
		assertArrayEquals(new int[] { 32, 32 }, ImageFiles.readLabels(out).shape());
	}

	@Test
	void anOutputWhoseFolderIsAFileIsRefusedClearly() throws IOException {
		final Path file = Files.writeString(dir.resolve("results"), "a file, not a folder");
		final Path out = file.resolve("labels.nii.gz");
		assertFailsClearly(segment(model2d, image2d, out), file.toString(), "not a folder");
		assertFailsClearly(train(image2d, labels2d, file.resolve("model")), file.toString(), "not a folder");
		assertEquals("a file, not a folder", Files.readString(file));
	}

	@Test
	void segmentPadsAnImageSmallerThanThePatchAndKeepsItsShape() throws IOException {
		final Path small = writeImage(dir.resolve("small.nii.gz"), disc(new int[] { 11, 7 }, VOXEL_2D, 2));
		final Path out = dir.resolve("small-labels.nii.gz");
		run("segment", "-m", model2d.toString(), "-i", small.toString(), "-o", out.toString()).assertOk();
		final LabelVolume labels = ImageFiles.readLabels(out);
		assertArrayEquals(new int[] { 11, 7 }, labels.shape());
		assertArrayEquals(VOXEL_2D, labels.voxelSize(), 1e-6);
	}

	@Test
	void trainOnAnImageSmallerThanThePatchPrintsANoteNamingItAndStillWorks() throws IOException {
		final Path small = writeImage(dir.resolve("tiny-scan.nii.gz"), disc(new int[] { 12, 10 }, VOXEL_2D, 3));
		final Path mask = writeLabels(dir.resolve("tiny-mask.nii.gz"), discLabels(new int[] { 12, 10 }, VOXEL_2D));
		final Path model = dir.resolve("model");
		final Result r = train(small, mask, model).assertOk();
		assertTrue(r.out.contains("note: tiny-scan.nii.gz") && r.out.contains("smaller than the patch"), r.out);
		run("info", "-m", model.toString()).assertOk();
	}

	@Test
	void trainCreatesMissingParentFoldersOfTheModel() {
		final Path model = dir.resolve("models/2024/brain");
		train(image2d, labels2d, model).assertOk();
		assertTrue(Files.isRegularFile(model.resolve(ModelStore.METADATA_FILE)));
	}

	@Test
	void trainReplacesAnExistingModel() throws IOException {
		final Path model = copyModel(model2d, dir.resolve("model"));
		train(image2d, labels2d, model, "--seed", "7").assertOk();
		assertTrue(Files.readString(model.resolve(ModelStore.METADATA_FILE)).contains("\"seed\": 7"));
		// The hidden lock file stays (ModelLock says why); nothing else may.
		assertEquals(List.of(dir.resolve(".model.lock"), dir.resolve("model")), list(dir), "no temporary or old model folders left beside it");
	}

	// ---------------------------------------------------------------- usage (exit 2)

	@Test
	void everythingACommandPrintsReachesTheStreamWhenItEnds() {
		// As main() does: autoflush on println/printf only, so a print() stays in the writer's buffer.
		final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		final PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(bytes, java.nio.charset.StandardCharsets.UTF_8), true);
		assertEquals(0, SauronCli.execute(new String[] { "info", "-m", model2d.toString() }, out, new PrintWriter(new StringWriter())));
		assertTrue(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).contains("parameters"), "info printed nothing");
	}

	@Test
	void helpOfEveryCommandExitsZeroAndListsItsOptions() {
		assertHelp(run("--help"), "Usage: sauron", "train", "segment", "evaluate", "info");
		assertHelp(run("train", "--help"), "Usage: sauron train", "--image", "--labels", "--data", "--model", "--patch", "--levels", "--epochs", "--conv");
		assertHelp(run("segment", "--help"), "Usage: sauron segment", "--model", "--image", "--output", "--input-dir", "--output-dir", "--probabilities", "--tile", "--overlap");
		assertHelp(run("evaluate", "--help"), "Usage: sauron evaluate", "--prediction", "--truth", "--classes");
		assertHelp(run("info", "--help"), "Usage: sauron info", "--model");
	}

	private static void assertHelp(final Result r, final String... expected) {
		assertEquals(0, r.exit, r.toString());
		for (final String e : expected) assertTrue(r.out.contains(e), e + " in\n" + r.out);
	}

	@Test
	void anUnknownOptionIsAOneLineUsageErrorWithAPointerToHelp() {
		final Result r = run("segment", "-m", model2d.toString(), "--bogus");
		assertEquals(2, r.exit, r.toString());
		assertTrue(r.err.startsWith("error: Unknown option: '--bogus'"), r.err);
		assertTrue(r.err.contains("Try 'sauron segment --help' for the options."), r.err);
		assertFalse(r.err.contains("Usage:"), "no usage text to bury the error in:\n" + r.err);
		assertTrue(r.err.lines().count() <= 3, r.err);
	}

	@Test
	void aMissingRequiredOptionIsAUsageError() {
		final Result r = run("info");
		assertEquals(2, r.exit, r.toString());
		assertTrue(r.err.contains("Missing required option: '--model=DIR'"), r.err);
	}

	@Test
	void aPatchThatIsNotASizeIsAUsageError() {
		final Result r = run("train", "-i", image2d.toString(), "-l", labels2d.toString(), "-m", dir.resolve("m").toString(), "--patch", "16xq");
		assertEquals(2, r.exit, r.toString());
		assertTrue(r.err.contains("'16xq' is not a size like 64x64x32"), r.err);
	}

	// ---------------------------------------------------------------- bad image and label files (exit 1)

	@Test
	void aMissingImageFileIsNamed() {
		final Path missing = dir.resolve("no-such-scan.nii.gz");
		assertFailsClearly(train(missing, labels2d, dir.resolve("m")), missing.toString(), "not found");
		assertFailsClearly(segment(model2d, missing, dir.resolve("out.nii.gz")), missing.toString(), "not found");
		assertFailsClearly(run("evaluate", "-p", missing.toString(), "-t", labels2d.toString()), missing.toString(), "not found");
	}

	@Test
	void anEmptyFileIsNamedAsEmpty() throws IOException {
		final Path empty = Files.createFile(dir.resolve("empty.nii"));
		assertFailsClearly(train(empty, labels2d, dir.resolve("m")), empty.toString(), "empty", "expected a NIfTI image");
	}

	@Test
	void anUnsupportedFileTypeNamesTheSupportedOnes() throws IOException {
		final Path png = Files.write(dir.resolve("scan.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		assertFailsClearly(train(png, labels2d, dir.resolve("m")), png.toString(), ".nii, .nii.gz, .tif or .tiff");
		assertFailsClearly(segment(model2d, png, dir.resolve("out.nii.gz")), png.toString(), ".nii, .nii.gz, .tif or .tiff");
	}

	@Test
	void aTruncatedNiftiGzIsNamedAsCorrupt() throws IOException {
		final Path truncated = dir.resolve("cut.nii.gz");
		final byte[] whole = Files.readAllBytes(image2d);
		Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
		assertFailsClearly(train(truncated, labels2d, dir.resolve("m")), truncated.toString(), "truncated or corrupt");
		assertFailsClearly(segment(model2d, truncated, dir.resolve("out.nii.gz")), truncated.toString(), "truncated or corrupt");
	}

	@Test
	void anImageFullOfNaNIsRefused() throws IOException {
		final float[] nan = new float[32 * 32];
		Arrays.fill(nan, Float.NaN);
		final Path image = writeImage(dir.resolve("nan.nii.gz"), new Volume(new int[] { 32, 32 }, 1, nan, VOXEL_2D));
		assertFailsClearly(train(image, labels2d, dir.resolve("m")), "nan.nii.gz", "non-finite value", "expected finite intensities");
		assertFailsClearly(segment(model2d, image, dir.resolve("out.nii.gz")), "nan.nii.gz", "non-finite value", "expected finite intensities");
	}

	@Test
	void aConstantImageIsRefused() throws IOException {
		final Path image = writeImage(dir.resolve("flat.nii.gz"), Volume.zeros(new int[] { 32, 32 }, 1, VOXEL_2D));
		assertFailsClearly(train(image, labels2d, dir.resolve("m")), "flat.nii.gz", "is constant");
		assertFailsClearly(segment(model2d, image, dir.resolve("out.nii.gz")), "flat.nii.gz", "is constant");
	}

	@Test
	void labelsOfAnotherShapeThanTheirImageAreRefused() throws IOException {
		final Path mask = writeLabels(dir.resolve("mask.nii.gz"), discLabels(new int[] { 32, 30 }, VOXEL_2D));
		assertFailsClearly(train(image2d, mask, dir.resolve("m")), image2d.toString(), mask.toString(), "[32, 32]", "[32, 30]");
	}

	@Test
	void labelsOnAnotherGridThanTheirImageAreRefusedNamingBoth() throws IOException {
		final Path mask = writeLabels(dir.resolve("coarse-mask.nii.gz"), discLabels(new int[] { 32, 32 }, new double[] { 1.6, 1.2 }));
		final Result r = train(image2d, mask, dir.resolve("m"));
		assertFailsClearly(r, "image " + image2d, "its labels " + mask, "different grids", "voxel size [0.8, 0.6] mm vs [1.6, 1.2] mm");
		assertFalse(r.out.contains("epoch"), "refused before training:\n" + r.out);
	}

	@Test
	void labelsThatAreNotIntegersAreRefused() throws IOException {
		final Volume half = Volume.zeros(new int[] { 32, 32 }, 1, VOXEL_2D);
		half.data()[5] = 0.5f;
		final Path mask = writeImage(dir.resolve("soft-mask.nii.gz"), half);
		assertFailsClearly(train(image2d, mask, dir.resolve("m")), mask.toString(), "label value 0.5 at voxel (5, 0)", "expected an integer 0..255");
	}

	@Test
	void labelsOutside0To255AreRefused() throws IOException {
		for (final float bad : new float[] { -1, 256 }) {
			final Volume v = Volume.zeros(new int[] { 32, 32 }, 1, VOXEL_2D);
			v.data()[33] = bad;
			final Path mask = writeImage(dir.resolve("mask" + (int) bad + ".tif"), v);
			assertFailsClearly(train(image2d, mask, dir.resolve("m")), mask.toString(), "label value " + bad, "at voxel (1, 1)", "expected an integer 0..255");
		}
	}

	@Test
	void moreLabelsThanClassesAskedForAreRefused() throws IOException {
		final LabelVolume three = discLabels(new int[] { 32, 32 }, VOXEL_2D);
		three.set(0, 2);
		final Path mask = writeLabels(dir.resolve("three.nii.gz"), three);
		assertFailsClearly(train(image2d, mask, dir.resolve("m"), "--classes", "2"), mask.toString(), "label 2", "only 2 classes", "at least 3 classes");
	}

	@Test
	void imagesWithoutAMatchingNumberOfLabelFilesAreRefused() {
		final Result r = run("train", "-i", image2d.toString(), "-i", image2d.toString(), "-l", labels2d.toString(), "-m", dir.resolve("m").toString());
		assertFailsClearly(r, "2 images (-i)", "1 label image (-l)", "one -l per -i");
	}

	@Test
	void dataFolderAndImagesTogetherAreRefused() {
		final Result r = run("train", "--data", shared.toString(), "-i", image2d.toString(), "-l", labels2d.toString(), "-m", dir.resolve("m").toString());
		assertFailsClearly(r, "either --data DIR or -i IMAGE -l LABELS, not both");
	}

	@Test
	void aDataFolderWithoutImagesAndLabelsSubfoldersIsRefused() {
		assertFailsClearly(run("train", "--data", shared.toString(), "-m", dir.resolve("m").toString()), shared.toString(), "images/ and labels/");
	}

	@Test
	void trainWithoutImagesSaysHowToGiveThem() {
		assertFailsClearly(run("train", "-m", dir.resolve("m").toString()), "no training images", "-i", "-l", "--data");
	}

	// ---------------------------------------------------------------- bad training settings

	@Test
	void aPatchSideThatIsNotAMultipleOf2PowLevelsMinus1IsRefused() {
		assertFailsClearly(train(image2d, labels2d, dir.resolve("m"), "--levels", "3", "--patch", "18x16"), "--patch 18x16", "multiple of 4", "3 levels", "e.g. 20x16");
	}

	@Test
	void aPatchWithTheWrongNumberOfSidesForDimsIsRefused() {
		assertFailsClearly(train(image2d, labels2d, dir.resolve("m"), "--dims", "2", "--patch", "16x16x16"), "--patch 16x16x16", "has 3 sides", "2D network needs 2");
		assertFailsClearly(train(image2d, labels2d, dir.resolve("m"), "--patch", "16x16x16"), "--patch 16x16x16", "the images are 2D", "--dims 3");
	}

	@Test
	void levelsOutside2To8AreRefused() {
		assertFailsClearly(train(image2d, labels2d, dir.resolve("m"), "--levels", "1"), "--levels 1", "expected 2..8");
	}

	@Test
	void a3DNetworkOn2DImagesIsRefused() {
		assertFailsClearly(train(image2d, labels2d, dir.resolve("m"), "--dims", "3", "--patch", "8x8x8"), "head.nii.gz", "2D image", "3D images", "--dims 2");
	}

	// ---------------------------------------------------------------- the model folder of train

	@Test
	void trainRefusesToOverwriteAFolderThatIsNotAModelBeforeTraining() throws IOException {
		final Path notAModel = Files.createDirectories(dir.resolve("thesis"));
		final Path chapter = Files.writeString(notAModel.resolve("chapter1.tex"), "precious");
		final Result r = train(image2d, labels2d, notAModel);
		assertFailsClearly(r, notAModel.toString(), "not a Sauron model");
		assertFalse(r.out.contains("epoch"), "refused before training:\n" + r.out);
		assertEquals("precious", Files.readString(chapter));
		assertEquals(List.of(chapter), list(notAModel));
		assertFailsClearly(train(image2d, labels2d, chapter), chapter.toString(), "not a Sauron model");
		assertEquals("precious", Files.readString(chapter));
	}

	@Test
	void aFailingTrainingLeavesTheExistingModelLoadable() throws IOException {
		final Path model = copyModel(model2d, dir.resolve("model"));
		final String before = Files.readString(model.resolve(ModelStore.METADATA_FILE));
		final Volume soft = Volume.zeros(new int[] { 32, 32 }, 1, VOXEL_2D);
		soft.data()[0] = 0.5f;
		final Path badMask = writeImage(dir.resolve("bad-mask.nii.gz"), soft);
		assertFailsClearly(train(image2d, badMask, model), badMask.toString());
		// and one that fails while training, after the files were read
		assertFailsClearly(train(image2d, labels2d, model, "--lr", "1e30"), "diverged");
		assertEquals(before, Files.readString(model.resolve(ModelStore.METADATA_FILE)));
		run("info", "-m", model.toString()).assertOk();
		run("segment", "-m", model.toString(), "-i", image2d.toString(), "-o", dir.resolve("out.nii.gz").toString()).assertOk();
	}

	// ---------------------------------------------------------------- bad models given to segment and info

	@Test
	void segmentWithAMissingModelFolderNamesIt() {
		final Path missing = dir.resolve("no-model");
		assertFailsClearly(segment(missing, image2d, dir.resolve("out.nii.gz")), missing.toString(), "not found");
		assertFailsClearly(run("info", "-m", missing.toString()), missing.toString(), "not found");
	}

	@Test
	void segmentWithAFolderWithoutSauronJsonSaysItIsNotAModel() throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("holiday-photos"));
		assertFailsClearly(segment(folder, image2d, dir.resolve("out.nii.gz")), folder.toString(), "not a Sauron model", "sauron.json");
	}

	@Test
	void segmentWithACorruptSauronJsonSaysItIsDamaged() throws IOException {
		final Path model = copyModel(model2d, dir.resolve("model"));
		final Path json = model.resolve(ModelStore.METADATA_FILE);
		Files.writeString(json, Files.readString(json).substring(0, 100));
		assertFailsClearly(segment(model, image2d, dir.resolve("out.nii.gz")), json.toString(), "damaged");
		Files.writeString(json, "{\"format\": \"something-else/3\"}");
		assertFailsClearly(segment(model, image2d, dir.resolve("out.nii.gz")), json.toString(), "not a sauron-unet/1 model");
	}

	@Test
	void segmentWithTruncatedWeightsSaysTheModelIsDamaged() throws IOException {
		final Path model = copyModel(model2d, dir.resolve("model"));
		try (Stream<Path> files = Files.list(model.resolve("variables"))) {
			for (final Path data : files.filter(p -> p.getFileName().toString().startsWith("variables.data")).toList()) {
				final byte[] bytes = Files.readAllBytes(data);
				Files.write(data, Arrays.copyOf(bytes, bytes.length / 2));
			}
		}
		assertFailsClearly(segment(model, image2d, dir.resolve("out.nii.gz")), model.toString(), "cannot read the weights", "damaged");
	}

	@Test
	void segmentWithMissingWeightsSaysSo() throws IOException {
		final Path model = copyModel(model2d, dir.resolve("model"));
		Files.delete(model.resolve("variables/variables.index"));
		assertFailsClearly(segment(model, image2d, dir.resolve("out.nii.gz")), model.toString(), "no SavedModel weights");
	}

	// ---------------------------------------------------------------- images that do not fit the model

	@Test
	void a2DImageGivenToA3DModelIsRefused() {
		assertFailsClearly(segment(model3d, image2d, dir.resolve("out.nii.gz")), "head.nii.gz", "2D image", "3D network");
	}

	@Test
	void anImageWithTheWrongChannelCountIsRefused() throws IOException {
		final Volume one = disc(new int[] { 32, 32 }, VOXEL_2D, 4);
		final float[] two = new float[one.data().length * 2];
		for (int i = 0; i < one.data().length; i++) {
			two[2 * i] = one.data()[i];
			two[2 * i + 1] = -one.data()[i];
		}
		final Path image = writeImage(dir.resolve("two-channels.nii.gz"), new Volume(new int[] { 32, 32 }, 2, two, VOXEL_2D));
		assertFailsClearly(segment(model2d, image, dir.resolve("out.nii.gz")), "two-channels.nii.gz", "2 channel(s)", "trained on 1");
	}

	// ---------------------------------------------------------------- segment outputs

	@Test
	void anUnsupportedOutputTypeIsRefusedBeforeSegmenting() {
		final Path png = dir.resolve("out.png");
		final Result r = segment(model2d, image2d, png);
		assertFailsClearly(r, png.toString(), ".nii, .nii.gz, .tif or .tiff");
		assertFalse(r.out.contains("->"), r.out);
	}

	@Test
	void aFailedSegmentationLeavesAnExistingOutputUntouched() throws IOException {
		final Path out = Files.writeString(dir.resolve("out.nii.gz"), "yesterday's result");
		final Path nan = dir.resolve("nan.nii.gz");
		final float[] values = new float[32 * 32];
		Arrays.fill(values, Float.NaN);
		writeImage(nan, new Volume(new int[] { 32, 32 }, 1, values, VOXEL_2D));
		assertFailsClearly(segment(model2d, nan, out), "nan.nii.gz");
		assertFailsClearly(segment(dir.resolve("no-model"), image2d, out), "no-model");
		assertEquals("yesterday's result", Files.readString(out));
		assertEquals(List.of(nan, out), list(dir), "nothing else written");
	}

	@Test
	void aMissingSecondImageIsFoundBeforeTheFirstIsSegmented() {
		final Path first = dir.resolve("first.nii.gz"), second = dir.resolve("second.nii.gz");
		final Path missing = dir.resolve("missing.nii.gz");
		final Result r = run("segment", "-m", model2d.toString(), "-i", image2d.toString(), "-o", first.toString(), "-i", missing.toString(), "-o", second.toString());
		assertFailsClearly(r, missing.toString(), "not found");
		assertEquals(List.of(), list(dir), "nothing written");
	}

	@Test
	void aSegmentationFailingOnTheSecondImageKeepsTheFirstAndLeavesNoPartialFile() throws IOException {
		final Path flat = writeImage(dir.resolve("flat.nii.gz"), Volume.zeros(new int[] { 32, 32 }, 1, VOXEL_2D));
		final Path out = Files.createDirectories(dir.resolve("out"));
		final Result r = run("segment", "-m", model2d.toString(), "-i", image2d.toString(), "-o", out.resolve("a.nii.gz").toString(), "-i", flat.toString(), "-o",
				out.resolve("b.nii.gz").toString());
		// Several images: each failure is one line, the batch goes on, and one error line sums up (issue 13 item 7).
		assertEquals(1, r.exit(), r::toString);
		assertEquals(List.of("failed: " + flat + ": image flat.nii.gz is constant (value 0.0); nothing to learn/segment",
				"error: 1 of 2 images could not be segmented (" + flat + "); 1 was written"), r.err().lines().toList());
		assertEquals(List.of(out.resolve("a.nii.gz")), list(out));
		assertArrayEquals(new int[] { 32, 32 }, ImageFiles.readLabels(out.resolve("a.nii.gz")).shape());
	}

	@Test
	void aTileWithTheWrongNumberOfSidesIsRefused() {
		final Result r = run("segment", "-m", model2d.toString(), "-i", image2d.toString(), "-o", dir.resolve("a.nii.gz").toString(), "--tile", "16x16x16");
		assertFailsClearly(r, "tile shape [16, 16, 16]", "network is 2D");
	}

	@Test
	void imagesWithoutAMatchingNumberOfOutputsAreRefused() {
		final Result r = run("segment", "-m", model2d.toString(), "-i", image2d.toString(), "-i", image2d.toString(), "-o", dir.resolve("a.nii.gz").toString());
		assertFailsClearly(r, "2 images", "1 outputs", "one --output per --image");
	}

	@Test
	void inputDirWithoutOutputDirIsRefused() {
		assertFailsClearly(run("segment", "-m", model2d.toString(), "--input-dir", shared.toString()), "--input-dir needs --output-dir");
	}

	// ---------------------------------------------------------------- where outputs lie in space

	/** nibabel stores image3d's voxels with an oblique, x-flipped affine (qfac -1) in the qform (code 4) and sform (code 2). */
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
		final PythonNibabel.Result made = PythonNibabel.run(PythonNibabel.require(), NIBABEL_PLACES, image3d.toString(), placed.toString());
		assertEquals(0, made.exitCode, made.output);
		final Path labels = dir.resolve("labels.nii.gz"), probabilities = dir.resolve("labels-probabilities.nii.gz");
		final Path level0 = dir.resolve("dec0_1.nii"), level1 = dir.resolve("enc1_1.nii");
		run("segment", "-m", model3d.toString(), "-i", placed.toString(), "-o", labels.toString(), "--probabilities").assertOk();
		run("features", "-m", model3d.toString(), "-i", placed.toString(), "--layer", "dec0_1", "-o", level0.toString()).assertOk();
		run("features", "-m", model3d.toString(), "-i", placed.toString(), "--layer", "enc1_1", "-o", level1.toString()).assertOk();

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
		run("segment", "-m", model3d.toString(), "-i", right.toString(), "-o", labels.toString(), "--tile", "32x32x32").assertOk();
		final double[][] affine = ImageFiles.readLabels(labels).geometry().affine();
		assertArrayEquals(new double[] { 3, 0, 0, 9 }, affine[0], 0, "origin (9, -123, -69) as in the input, not (0, 0, 0)");
		assertArrayEquals(new double[] { 0, 3, 0, -123 }, affine[1], 0);
		assertArrayEquals(new double[] { 0, 0, 3, -69 }, affine[2], 0);
		assertNibabelFindsInPlace(right, labels + "|1");
	}

	@Test
	void segmentKeepsATiffsCalibrationOriginAndUnits() throws IOException {
		final ij.ImagePlus imp = new ij.ImagePlus("scan", TiffWriter.floatStack(ImageFiles.readImage(image2d)));
		final ij.measure.Calibration cal = imp.getCalibration();
		cal.setUnit("micron");
		cal.pixelWidth = 800;
		cal.pixelHeight = 600;
		cal.xOrigin = 12.5;
		cal.yOrigin = -4;
		final Path tiff = dir.resolve("scan.tif"), labels = dir.resolve("scan-labels.tif");
		Files.write(tiff, new ij.io.FileSaver(imp).serialize());
		run("segment", "-m", model2d.toString(), "-i", tiff.toString(), "-o", labels.toString(), "--probabilities").assertOk();
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
		assertEquals(0, PythonNibabel.run(PythonNibabel.require(), NIBABEL_PLACES, image3d.toString(), placed.toString()).exitCode);
		final Path tiff = dir.resolve("labels.tif");
		final Result r = run("segment", "-m", model3d.toString(), "-i", placed.toString(), "-o", tiff.toString()).assertOk();
		assertTrue(r.out.contains("warning: " + tiff + ": a TIFF cannot hold a rotated or flipped grid"), r.out);
		final Result nifti = run("segment", "-m", model3d.toString(), "-i", placed.toString(), "-o", dir.resolve("labels.nii").toString()).assertOk();
		assertFalse(nifti.out.contains("warning: "), nifti.out);
	}

	@Test
	void segmentRefusesAnOverlapAboveNineTenths() throws IOException {
		final Path model = untrainedModel2d(dir.resolve("m"));
		assertFailsClearly(run("segment", "-m", model.toString(), "-i", image2d.toString(), "-o", dir.resolve("out.nii.gz").toString(), "--overlap", "0.99"), "overlap must be in [0, 0.9], got 0.99");
		assertFalse(Files.exists(dir.resolve("out.nii.gz")));
	}

	// ---------------------------------------------------------------- evaluate

	@Test
	void evaluateRefusesPredictionAndTruthOfDifferentShapes() throws IOException {
		final Path other = writeLabels(dir.resolve("other.nii.gz"), discLabels(new int[] { 32, 30 }, VOXEL_2D));
		assertFailsClearly(run("evaluate", "-p", other.toString(), "-t", labels2d.toString()), other.toString(), labels2d.toString(), "[32, 30]", "[32, 32]");
	}

	@Test
	void evaluateRefusesALabelFileWithNonIntegerValues() throws IOException {
		final Path probabilities = writeImage(dir.resolve("probabilities.nii.gz"), disc(new int[] { 32, 32 }, VOXEL_2D, 5));
		assertFailsClearly(run("evaluate", "-p", probabilities.toString(), "-t", labels2d.toString()), probabilities.toString(), "expected an integer 0..255");
	}

	@Test
	void evaluateRefusesALabelAtOrAboveTheClassesGiven() throws IOException {
		final LabelVolume seven = LabelVolume.zeros(new int[] { 32, 32 }, VOXEL_2D);
		seven.set(5, 7);
		final Path p = writeLabels(dir.resolve("seven.nii.gz"), seven);
		assertFailsClearly(run("evaluate", "-p", p.toString(), "-t", labels2d.toString(), "--classes", "2"), p.toString(), "label 7", "0..1");
		assertFailsClearly(run("evaluate", "-p", labels2d.toString(), "-t", p.toString(), "--classes", "2"), p.toString(), "label 7", "0..1");
	}

	@Test
	void evaluateRefusesClassesBelowOne() {
		for (final String classes : new String[] { "-5", "0" }) {
			final Result r = run("evaluate", "-p", labels2d.toString(), "-t", labels2d.toString(), "--classes", classes);
			assertEquals(2, r.exit(), r::toString);
			assertTrue(r.err().startsWith("error: --classes") && r.err().contains(classes) && r.err().contains("at least 1"), r::toString);
		}
	}

	// ---------------------------------------------------------------- helpers

	/** What a command line run printed and returned. */
	record Result(int exit, String out, String err) {
		Result assertOk() {
			assertEquals(0, exit, this::toString);
			return this;
		}

		@Override
		public String toString() {
			return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
		}
	}

	static Result run(final String... args) {
		final StringWriter out = new StringWriter(), err = new StringWriter();
		final int exit = SauronCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
		return new Result(exit, out.toString(), err.toString());
	}

	/** Trains with {@link #TINY_2D} settings, of which {@code extra} may replace some ("--patch", "32x32"). */
	static Result train(final Path image, final Path labels, final Path model, final String... extra) {
		final List<String> args = new ArrayList<>(List.of("train", "-i", image.toString(), "-l", labels.toString(), "-m", model.toString()));
		final List<String> replaced = Arrays.asList(extra);
		for (int i = 0; i < TINY_2D.length; i += 2)
			if (!replaced.contains(TINY_2D[i])) args.addAll(List.of(TINY_2D[i], TINY_2D[i + 1]));
		args.addAll(replaced);
		return run(args.toArray(new String[0]));
	}

	static Result segment(final Path model, final Path image, final Path output) {
		return run("segment", "-m", model.toString(), "-i", image.toString(), "-o", output.toString());
	}

	/** Exit 1 with one "error: ..." line that contains every fragment, and no stack trace. */
	static void assertFailsClearly(final Result r, final String... fragments) {
		assertEquals(1, r.exit, r::toString);
		assertTrue(r.err.startsWith("error: "), r::toString);
		assertFalse(r.err.contains("\tat "), r::toString);
		assertFalse(r.err.contains("Exception"), r::toString);
		for (final String f : fragments) assertTrue(r.err.contains(f), () -> "'" + f + "' in " + r);
	}

	private static String[] concat(final String[] a, final String... b) {
		final String[] all = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

	/** A bright disc on a noisy background: something a tiny net can learn. */
	static Volume disc(final int[] shape, final double[] voxel, final long seed) {
		final Random random = new Random(seed);
		final LabelVolume mask = discLabels(shape, voxel);
		final float[] data = new float[(int) mask.voxels()];
		for (int i = 0; i < data.length; i++) data[i] = 100 + 50 * mask.get(i) + (float) random.nextGaussian() * 5;
		return new Volume(shape, 1, data, voxel);
	}

	/** 1 inside a disc (a cylinder in 3D) around the centre with a third of the smaller side as radius. */
	static LabelVolume discLabels(final int[] shape, final double[] voxel) {
		final LabelVolume l = LabelVolume.zeros(shape, voxel);
		final double r = Math.min(shape[0], shape[1]) / 3.0;
		final int plane = shape[0] * shape[1];
		for (int i = 0; i < l.voxels(); i++) {
			final double x = i % shape[0] - shape[0] / 2.0, y = (i % plane) / shape[0] - shape[1] / 2.0;
			if (x * x + y * y < r * r) l.set(i, 1);
		}
		return l;
	}

	static Path writeImage(final Path file, final Volume v) throws IOException {
		ImageFiles.writeImage(v, file);
		return file;
	}

	static Path writeLabels(final Path file, final LabelVolume l) throws IOException {
		ImageFiles.writeLabels(l, file);
		return file;
	}

	/** An untrained 2D model (2 levels, 4 filters, 1 channel, 2 classes, 16x16 patch), made in a moment without training. */
	static Path untrainedModel2d(final Path dir) throws IOException {
		final UNetSpec spec = UNetSpec.create(2, 2, 4, 16, 1, 2);
		ModelStore.save(new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, new JsonObject(), List.of())), dir);
		return dir;
	}

	static Path copyModel(final Path from, final Path to) throws IOException {
		try (Stream<Path> walk = Files.walk(from)) {
			for (final Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
				final Path target = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(target);
				else Files.copy(p, target);
			}
		}
		return to;
	}

	/** The entries of a folder, sorted, hidden temporary files included. */
	static List<Path> list(final Path folder) {
		try (Stream<Path> s = Files.list(folder)) {
			return new ArrayList<>(s.sorted().toList());
		} catch (final IOException e) {
			throw new AssertionError(e);
		}
	}
}

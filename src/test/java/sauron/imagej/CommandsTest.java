package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogListener;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;
import org.scijava.ui.headless.HeadlessUI;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import sauron.data.Volume;
import sauron.io.ImageFiles;
import sauron.io.NiftiWriter;
import sauron.model.ModelStore;
import sauron.segment.ModelSegmenter;
import sauron.model.ModelStore;
import sauron.net.UNetSpec;
import sauron.segment.ModelSegmenter;

/**
 * Every command through SciJava's ModuleService, as Fiji runs them (CommandService.run would return null for Feature
 * Maps, a DynamicCommand), on tiny images and untrained tiny models.
 */
class CommandsTest {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private static Context context;
	private static CommandService commands;
	private static ModuleService modules;
	@TempDir
	static Path tmp;
	private static Path model2d, model3d;

	@BeforeAll
	static void start() throws Exception {
		context = new Context();
		commands = context.service(CommandService.class);
		modules = context.service(ModuleService.class);
		model2d = TestImages.untrainedModel(tmp.resolve("model2d"), 2);
		model3d = TestImages.untrainedModel(tmp.resolve("model3d"), 3);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	private static Module run(final Class<? extends Command> type, final Object... inputs) throws Exception {
		final Map<String, Object> map = new HashMap<>();
		for (int i = 0; i < inputs.length; i += 2) map.put((String) inputs[i], inputs[i + 1]);
		return modules.run(commands.getCommand(type), true, map).get();
	}

	private static String error(final Module m) {
		return ((ActionHost) m.getDelegateObject()).error();
	}

	@Test
	void segmentImageGivesLabelsAndOneProbabilityChannelPerClass() throws Exception {
		final ImagePlus image = TestImages.discs("discs.tif")[0];
		final Module m = run(SegmentImageCommand.class, "image", image, "model_dir", model2d.toFile(), "probabilities", true);
		assertNull(error(m));
		final ImagePlus labels = (ImagePlus) m.getOutput("labels"), probabilities = (ImagePlus) m.getOutput("probability_map");
		assertEquals("discs-labels", labels.getTitle());
		assertEquals(8, labels.getBitDepth());
		assertArrayEquals(new int[] { 32, 32, 1, 1, 1 }, labels.getDimensions());
		assertArrayEquals(new int[] { 32, 32, 2, 1, 1 }, probabilities.getDimensions());
		final float p0 = probabilities.getStack().getProcessor(1).getf(5, 5), p1 = probabilities.getStack().getProcessor(2).getf(5, 5);
		assertEquals(1, p0 + p1, 1e-4);
		assertEquals(p1 > p0 ? 1 : 0, labels.getProcessor().get(5, 5));
	}

	/** An image calibrated in microns with an origin, as a microscope file or Image > Properties gives it. */
	private static ImagePlus calibrated(final String title) {
		final ImagePlus image = TestImages.discs(title)[0];
		final ij.measure.Calibration cal = image.getCalibration();
		cal.setUnit("micron");
		cal.pixelWidth = 500;
		cal.pixelHeight = 750;
		cal.xOrigin = 3.5;
		cal.yOrigin = -2;
		return image;
	}

	private static double[] placement(final ImagePlus imp) {
		final ij.measure.Calibration c = imp.getCalibration();
		return new double[] { c.pixelWidth, c.pixelHeight, c.xOrigin, c.yOrigin };
	}

	@Test
	void segmentImageOutputsKeepTheInputsCalibrationWithOriginAndUnits() throws Exception {
		final ImagePlus image = calibrated("placed");
		final Module m = run(SegmentImageCommand.class, "image", image, "model_dir", model2d.toFile(), "probabilities", true);
		assertNull(error(m));
		for (final String output : new String[] { "labels", "probability_map" }) {
			final ImagePlus out = (ImagePlus) m.getOutput(output);
			assertEquals("micron", out.getCalibration().getUnit(), output);
			assertArrayEquals(new double[] { 500, 750, 3.5, -2 }, placement(out), 0, output);
		}
	}

	@Test
	void featureMapsOfALowerLevelKeepTheInputsCalibrationPooled() throws Exception {
		final ImagePlus image = calibrated("placed");
		final ImagePlus level0 = (ImagePlus) run(FeatureMapsCommand.class, "image", image, "model_dir", model2d.toFile(), "layer", "dec0_1").getOutput("feature_maps");
		assertArrayEquals(new double[] { 500, 750, 3.5, -2 }, placement(level0), 0);
		final ImagePlus level1 = (ImagePlus) run(FeatureMapsCommand.class, "image", image, "model_dir", model2d.toFile(), "layer", "enc1_1").getOutput("feature_maps");
		assertEquals("micron", level1.getCalibration().getUnit());
		// pixel i of level 1 covers input pixels 2i, 2i + 1: twice the size, centred at input pixel 2i + 0.5
		assertArrayEquals(new double[] { 1000, 1500, (3.5 - 0.5) / 2, (-2 - 0.5) / 2 }, placement(level1), 1e-9);
	}

	@Test
	void wrongInputsAreReportedAsTheCommandLineWouldSayThem() throws Exception {
		final ImagePlus image = TestImages.discs("discs")[0];
		final String missing = error(run(SegmentImageCommand.class, "image", image, "model_dir", tmp.resolve("nope").toFile()));
		assertTrue(missing.startsWith("file not found: ") && missing.contains("nope"), missing);
		final String flat = error(run(SegmentImageCommand.class, "image", image, "model_dir", model3d.toFile()));
		assertTrue(flat.contains("discs is a 2D image") && flat.contains("3D network"), flat);
		final String rgb = error(run(SegmentImageCommand.class, "image", new ImagePlus("photo", new ColorProcessor(8, 8)), "model_dir", model2d.toFile()));
		assertTrue(rgb.startsWith("photo is an RGB image"), rgb);
		final String none = error(run(ModelInfoCommand.class, "model_dir", tmp.toFile()));
		assertTrue(none.contains("is not a Sauron model"), none);
	}

	@Test
	void featureMapsHaveOneNamedChannelPerFilterAtTheLayersGrid() throws Exception {
		final ImagePlus image = TestImages.discs("discs")[0];
		final Module m = run(FeatureMapsCommand.class, "image", image, "model_dir", model2d.toFile(), "layer", "dec0_1");
		assertNull(error(m));
		final ImagePlus maps = (ImagePlus) m.getOutput("feature_maps");
		assertArrayEquals(new int[] { 32, 32, 4, 1, 1 }, maps.getDimensions());
		assertEquals("dec0_1 filter 1", maps.getStack().getSliceLabel(1));
		assertEquals("dec0_1 filter 4", maps.getStack().getSliceLabel(4));
		final ImagePlus coarse = (ImagePlus) run(FeatureMapsCommand.class, "image", image, "model_dir", model2d.toFile(), "layer", "enc1_1").getOutput("feature_maps");
		assertArrayEquals(new int[] { 16, 16, 8, 1, 1 }, coarse.getDimensions());
		assertEquals(2, coarse.getCalibration().pixelWidth, 1e-9);
		final String bad = error(run(FeatureMapsCommand.class, "image", image, "model_dir", model2d.toFile(), "layer", "dec9_1"));
		assertEquals("no layer dec9_1 in " + model2d + "; layers: " + String.join(", ", LAYERS_OF_3_LEVELS), bad);
	}

	private static final List<String> LAYERS_OF_3_LEVELS = List.of("enc0_0", "enc0_1", "enc1_0", "enc1_1", "enc2_0", "enc2_1", "up1", "dec1_0", "dec1_1", "up0",
			"dec0_0", "dec0_1");
	private static final List<String> LAYERS_OF_2_LEVELS = List.of("enc0_0", "enc0_1", "enc1_0", "enc1_1", "up0", "dec0_0", "dec0_1");

	/** The layer input's choices, as Fiji's dialog would list them. */
	private static List<?> layerChoices(final Module featureMaps) {
		return featureMaps.getInfo().getInput("layer").getChoices();
	}

	@Test
	void featureMapsOffersExactlyTheModelsLayersAndFollowsTheModelFolderChosen() throws Exception {
		final Path twoLevels = TestImages.untrainedModel(tmp.resolve("two-levels"), 2, 2);
		// As Fiji before the dialog: inputs given (a macro's or a script's), then the initializer.
		final Module m = modules.createModule(commands.getCommand(FeatureMapsCommand.class));
		m.setInput("model_dir", model2d.toFile());
		m.initialize();
		assertEquals(LAYERS_OF_3_LEVELS, layerChoices(m));
		// Another folder picked in the dialog: the folder's callback lists that model's layers.
		m.setInput("model_dir", twoLevels.toFile());
		m.getInfo().getInput("model_dir").callback(m);
		assertEquals(LAYERS_OF_2_LEVELS, layerChoices(m));
	}

	@Test
	void featureMapsDialogListsTheLayersOfTheModelFolderLastUsed() throws Exception {
		// SciJava fills the remembered folder in after the initializer; the list must already be that folder's.
		final Path twoLevels = TestImages.untrainedModel(tmp.resolve("last-used"), 2, 2);
		assertNull(error(run(FeatureMapsCommand.class, "image", TestImages.discs("discs")[0], "model_dir", twoLevels.toFile(), "layer", "enc1_1")));
		final Module fresh = modules.createModule(commands.getCommand(FeatureMapsCommand.class));
		fresh.initialize();
		assertEquals(LAYERS_OF_2_LEVELS, layerChoices(fresh));
	}

	@Test
	void aFailedCommandsLineReachesSciJavasLogOnceAsAnError() throws Exception {
		final List<String> errors = new ArrayList<>();
		final LogListener listener = message -> {
			if (message.level() == LogLevel.ERROR) errors.add(message.text());
		};
		final LogService log = context.service(LogService.class);
		log.addLogListener(listener);
		final String error;
		try {
			error = error(run(FeatureMapsCommand.class, "image", TestImages.discs("discs")[0], "model_dir", model2d.toFile(), "layer", "dec9_1"));
		} finally {
			log.removeLogListener(listener);
		}
		assertEquals(List.of("Feature Maps error: " + error), errors);
	}

	@Test
	void withAScreenAFailureIsOneDialogOfSciJavasUIService() throws Exception {
		// SciJava shows a cancelled command's reason through its UIService; the command must not add a dialog of its
		// own. A context of its own, as the visible UI stays in it; the UI records the dialogs' messages.
		final Context screen = new Context();
		final List<String> dialogs = new java.util.concurrent.CopyOnWriteArrayList<>();
		screen.service(UIService.class).addUI("recording", new HeadlessUI() {
			@Override
			public boolean isVisible() { return true; }

			@Override
			public DialogPrompt dialogPrompt(final String message, final String title, final DialogPrompt.MessageType type, final DialogPrompt.OptionType option) {
				return () -> {
					dialogs.add(message);
					return DialogPrompt.Result.OK_OPTION;
				};
			}
		});
		UserMessages.noScreen = () -> false;
		// ImageJ 1's dialogs (IJ.error, IJ.showMessage) print their text on stdout when there is no ImageJ window.
		final java.io.PrintStream stdout = System.out;
		final java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(printed, true));
		try {
			final Map<String, Object> inputs = Map.of("image", TestImages.discs("on-screen")[0], "model_dir", tmp.resolve("absent").toFile());
			final String error = error(screen.service(ModuleService.class).run(screen.service(CommandService.class).getCommand(SegmentImageCommand.class), true, inputs).get());
			assertTrue(error.startsWith("file not found: ") && error.contains("absent"), error);
			// SciJava's dialog comes through its event bus, at times after the run has returned; one of ours would come before it.
			for (int waited = 0; dialogs.isEmpty() && waited < 100; waited++) Thread.sleep(100);
			assertEquals(List.of(error), dialogs);
			assertTrue(!printed.toString().contains(error), "an ImageJ 1 dialog too: " + printed);
		} finally {
			System.setOut(stdout);
			UserMessages.noScreen = java.awt.GraphicsEnvironment::isHeadless;
			screen.dispose();
		}
	}

	@Test
	void featureMapsOfAnImageLargerThanATileMatchOnePassOfTheNetworkOverEachTile() throws Exception {
		// 70x50 with a 16x16 patch: tiles of 32x32 at x = 0, 32, 64 and y = 0, 32, so padding and a crop. The network
		// normalises every layer over its whole input (instance norm), so maps depend on the tile they were computed
		// in and cannot equal a pass over the whole image anywhere; what FeatureMapTiling promises is one pass per tile.
		final Volume raw = sauron.train.SyntheticVolumes.balls("big", new int[] { 70, 50 }, 4, 3).image();
		final ImagePlus maps = (ImagePlus) run(FeatureMapsCommand.class, "image", ImagePlusVolumes.toImagePlus(raw, "big"), "model_dir",
				model2d.toFile(), "layer", "dec0_1").getOutput("feature_maps");
		assertArrayEquals(new int[] { 70, 50, 4, 1, 1 }, maps.getDimensions());
		try (ModelSegmenter segmenter = new ModelSegmenter(ModelStore.load(model2d))) {
			final float[] image = segmenter.prepare(raw, "big").data();
			for (int y0 = 0; y0 < 50; y0 += 32)
				for (int x0 = 0; x0 < 70; x0 += 32) {
					final float[] tile = new float[32 * 32]; // zero beyond the image
					for (int y = 0; y < 32 && y0 + y < 50; y++)
						for (int x = 0; x < 32 && x0 + x < 70; x++) tile[y * 32 + x] = image[(y0 + y) * 70 + x0 + x];
					final float[] onePass = segmenter.network().activations("dec0_1", tile, 1, new int[] { 32, 32 });
					for (int c = 0; c < 4; c++) {
						final float[] tiled = (float[]) maps.getStack().getPixels(c + 1);
						for (int y = 0; y < 32 && y0 + y < 50; y++)
							for (int x = 0; x < 32 && x0 + x < 70; x++)
								assertEquals(onePass[(y * 32 + x) * 4 + c], tiled[(y0 + y) * 70 + x0 + x], 1e-5f,
										"filter " + (c + 1) + " at (" + (x0 + x) + ", " + (y0 + y) + ")");
					}
				}
		}
	}

	@Test
	void featureMapsOfAStackWithA2DModelCoverEverySlice() throws Exception {
		// Three equal slices: the stack's z-score is each slice's, so every slice's maps equal those of the slice alone.
		final ImagePlus slice = TestImages.discs("disc")[0];
		final ij.ImageStack three = new ij.ImageStack(32, 32);
		for (int z = 0; z < 3; z++) three.addSlice(slice.getProcessor().duplicate());
		final ImagePlus stack = new ImagePlus("stack", three);
		final ImagePlus maps = (ImagePlus) run(FeatureMapsCommand.class, "image", stack, "model_dir", model2d.toFile(), "layer", "dec0_1").getOutput("feature_maps");
		assertArrayEquals(new int[] { 32, 32, 4, 3, 1 }, maps.getDimensions());
		final ImagePlus alone = (ImagePlus) run(FeatureMapsCommand.class, "image", slice, "model_dir", model2d.toFile(), "layer", "dec0_1").getOutput("feature_maps");
		for (int z = 1; z <= 3; z++)
			for (int c = 1; c <= 4; c++)
				assertArrayEquals((float[]) alone.getStack().getPixels(c), (float[]) maps.getStack().getPixels(maps.getStackIndex(c, z, 1)), 1e-5f,
						"slice " + z + " filter " + c);
	}

	@Test
	void evaluateFillsAResultsTableWithDiceHd95AndVolumes() throws Exception {
		final ImagePlus truth = TestImages.discs("discs")[1];
		final ImagePlus prediction = truth.duplicate();
		prediction.setTitle("prediction");
		prediction.getCalibration().pixelWidth = 2;
		prediction.getCalibration().pixelHeight = 2;
		truth.getCalibration().pixelWidth = 2;
		truth.getCalibration().pixelHeight = 2;
		final Module m = run(EvaluateSegmentationCommand.class, "prediction", prediction, "truth", truth);
		assertNull(error(m));
		final ResultsTable table = ((EvaluateSegmentationCommand) m.getDelegateObject()).table();
		assertEquals(1, table.size());
		assertEquals(1, table.getValue("class", 0));
		assertEquals(1, table.getValue("Dice", 0), 1e-12);
		assertEquals(0, table.getValue("HD95", 0), 1e-12);
		long foreground = 0;
		for (final byte b : (byte[]) truth.getProcessor().getPixels()) foreground += b;
		assertEquals(4 * foreground, table.getValue("truth volume", 0), 1e-9);
		assertTrue(table.getStringValue("unit", 0).startsWith("mm"));
	}

	@Test
	void modelInfoDescribesLayersAndParameters() throws Exception {
		final Module m = run(ModelInfoCommand.class, "model_dir", model2d.toFile());
		assertNull(error(m));
		final String report = ((ModelInfoCommand) m.getDelegateObject()).report();
		assertTrue(report.contains("2D U-Net, 3 levels") && report.contains("dec0_1") && report.contains("parameters"), report);
	}

	@Test
	void exportToBioimageioWritesTheZipWithATestPatchOfTheOpenImageNamedByItsTitle() throws Exception {
		final ImagePlus image = TestImages.discs("discs")[0];
		final Path zip = tmp.resolve("export/discs-model.zip");
		final Module m = run(ExportBioimageioCommand.class, "image", image, "model_dir", model2d.toFile(), "output_file", zip.toFile(), "name", "",
				"authors", "Jane Doe", "cite", "", "license", "CC-BY-4.0");
		assertNull(error(m));
		try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
			final String rdf = new String(z.getInputStream(z.getEntry("rdf.yaml")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			assertTrue(rdf.contains("name: Sauron U-Net 2D model2d") && rdf.contains("  - name: Jane Doe"), rdf);
			final String readme = new String(z.getInputStream(z.getEntry("README.md")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			assertTrue(readme.contains("from the centre of discs"), "the image's title, not the engine's temporary file: " + readme);
		}
		final String bad = error(run(ExportBioimageioCommand.class, "image", image, "model_dir", model2d.toFile(), "output_file", zip.toFile(), "name", "",
				"authors", "", "cite", "", "license", "CC BY"));
		assertTrue(bad != null && bad.contains("license 'CC BY'") && bad.contains("SPDX"), bad);
	}

	@Test
	void importNiftiGivesACalibratedImage() throws Exception {
		final Volume v = Volume.zeros(new int[] { 6, 5, 4 }, 1, new double[] { 0.5, 0.5, 2 });
		v.data()[v.index(2, 3, 1)] = 42;
		final Path file = tmp.resolve("scan.nii.gz");
		NiftiWriter.writeVolume(v, file);
		final ImagePlus image = (ImagePlus) run(ImportNiftiCommand.class, "file", file.toFile()).getOutput("image");
		assertEquals("scan.nii.gz", image.getTitle());
		assertArrayEquals(new int[] { 6, 5, 1, 4, 1 }, image.getDimensions());
		assertEquals(42, image.getStack().getProcessor(2).getf(2, 3));
		assertEquals(2, image.getCalibration().pixelDepth, 1e-9);
		assertEquals("mm", image.getCalibration().getUnit());
	}

	@Test
	void segmentFolderWritesALabelImagePerImage() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in")), out = tmp.resolve("out");
		final Volume v = ImagePlusVolumes.toVolume(TestImages.discs("a")[0]);
		ImageFiles.writeImage(v, in.resolve("a.tif"));
		ImageFiles.writeImage(v, in.resolve("b.nii.gz"));
		final Module m = run(SegmentFolderCommand.class, "input_dir", in.toFile(), "output_dir", out.toFile(), "model_dir", model2d.toFile(), "probabilities", true);
		assertNull(error(m));
		assertArrayEquals(new int[] { 32, 32 }, ImageFiles.readLabels(out.resolve("a.tif")).shape());
		assertArrayEquals(new int[] { 32, 32 }, ImageFiles.readLabels(out.resolve("b.nii.gz")).shape());
		assertTrue(Files.isRegularFile(out.resolve("b-probabilities.nii.gz")));
	}

	@Test
	void segmentFolderCancelledThroughSciJavaEndsTheEngineWithoutAnError() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("cancelled-in")), out = tmp.resolve("cancelled-out");
		ImageFiles.writeImage(ImagePlusVolumes.toVolume(TestImages.discs("a")[0]), in.resolve("a.tif"));
		final SegmentFolderCommand c = new SegmentFolderCommand();
		c.input_dir = in.toFile();
		c.output_dir = out.toFile();
		c.model_dir = model2d.toFile();
		// As a script's module.cancel(...) while the command runs: seen at the first poll, before the engine wrote anything.
		c.cancel("stopped by a script");
		c.run();
		assertNull(c.error());
		assertTrue(!Files.exists(out.resolve("a.tif")), "the engine was ended before it segmented the image");
	}

	@Test
	void segmentFolderIntoItsOwnInputFolderIsRefusedAndTheImagesAreKept() throws Exception {
		// The engine's command line refuses it; the user reads its sentence.
		final Path in = Files.createDirectories(tmp.resolve("same"));
		ImageFiles.writeImage(ImagePlusVolumes.toVolume(TestImages.discs("a")[0]), in.resolve("a.nii.gz"));
		final byte[] before = Files.readAllBytes(in.resolve("a.nii.gz"));
		final String error = error(run(SegmentFolderCommand.class, "input_dir", in.toFile(), "output_dir", in.toFile(), "model_dir", model2d.toFile()));
		assertNotNull(error);
		assertTrue(error.contains("--output-dir " + in + " is the input --input-dir " + in), error);
		assertArrayEquals(before, Files.readAllBytes(in.resolve("a.nii.gz")));
		try (var files = Files.list(in)) {
			assertEquals(1, files.count(), "nothing written beside the image");
		}
	}

	@Test
	void segmentFolderGoesOnAfterACorruptImageAndItsMessageCountsTheFailures() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("batch")), out = tmp.resolve("batch-labels");
		final Volume v = ImagePlusVolumes.toVolume(TestImages.discs("a")[0]);
		ImageFiles.writeImage(v, in.resolve("a.tif"));
		Files.writeString(in.resolve("b.nii.gz"), "not an image");
		ImageFiles.writeImage(v, in.resolve("c.tif"));
		final String error = error(run(SegmentFolderCommand.class, "input_dir", in.toFile(), "output_dir", out.toFile(), "model_dir", model2d.toFile()));
		assertEquals("1 of 3 images could not be segmented (" + in.resolve("b.nii.gz") + "); 2 were written", error);
		assertArrayEquals(new int[] { 32, 32 }, ImageFiles.readLabels(out.resolve("a.tif")).shape());
		assertArrayEquals(new int[] { 32, 32 }, ImageFiles.readLabels(out.resolve("c.tif")).shape(), "the image after the bad one");
	}

	@Test
	void trainingIntoAModelFolderBelowAFileFailsBeforeTraining() throws Exception {
		final ImagePlus[] discs = TestImages.discs("discs");
		final Path file = Files.writeString(tmp.resolve("a-file"), "x");
		final String error = error(run(TrainUNetCommand.class, "image", discs[0], "labels", discs[1], "model_dir", file.resolve("model").toFile(), "dims", "2D",
				"epochs", 1, "steps", 1, "patch_size", "32x32", "validation", 0.0, "levels", 3, "base_filters", 4));
		assertEquals("cannot save the model to " + file.resolve("model") + ": " + file + " is a file, not a folder", error);
	}

	@Test
	void trainingSavesAModelAndStopsEarlyWhenAsked() throws Exception {
		final ImagePlus[] discs = TestImages.discs("discs");
		final File dir = tmp.resolve("trained").toFile();
		final Thread escape = new Thread(() -> {
			// Esc after the training started: the Trainer stops at the end of the epoch and the model is saved.
			try {
				Thread.sleep(1500);
			} catch (final InterruptedException e) {
				return;
			}
			ij.IJ.setKeyDown(27);
		});
		escape.start();
		final Module m = run(TrainUNetCommand.class, "image", discs[0], "labels", discs[1], "model_dir", dir, "dims", "2D", "epochs", 200, "steps", 1,
				"patch_size", "32x32", "validation", 0.0, "levels", 3, "base_filters", 4);
		escape.join();
		ij.IJ.resetEscape();
		assertNull(error(m));
		final var model = sauron.model.ModelStore.load(dir.toPath());
		final int epochs = model.metadata().history().size();
		assertTrue(epochs >= 1 && epochs < 200, epochs + " epochs");
		assertNotNull(run(SegmentImageCommand.class, "image", discs[0], "model_dir", dir).getOutput("labels"));
	}

	@Test
	void trainingPassesSauronsScheduleToTheEngineAndModelInfoShowsIt() throws Exception {
		final ImagePlus[] discs = TestImages.discs("discs");
		final File dir = tmp.resolve("paper").toFile();
		assertNull(error(run(TrainUNetCommand.class, "image", discs[0], "labels", discs[1], "model_dir", dir, "dims", "2D", "epochs", 1, "steps", 1,
				"patch_size", "32x32", "validation", 0.0, "levels", 2, "base_filters", 4, "schedule", "paper", "prune_every", 3, "min_filters", 2, "tau_max", 0.4)));
		final com.google.gson.JsonObject settings = sauron.model.ModelStore.load(dir.toPath()).metadata().training().getAsJsonObject("sauron");
		assertEquals(3, settings.getAsJsonObject("rounds").get("every").getAsInt());
		assertTrue(settings.getAsJsonObject("rounds").get("plateau").getAsBoolean(), "the paper's thresholds: " + settings);
		assertEquals(2, settings.getAsJsonObject("criterion").get("minFilters").getAsInt());
		assertEquals(0.4, settings.get("tauMax").getAsDouble(), "the paper's 0.3 replaced");
		assertEquals("NONE", settings.getAsJsonObject("criterion").get("compensation").getAsString());
		final String info = sauron.model.ModelReport.describe(sauron.model.ModelStore.load(dir.toPath()), dir.toPath());
		assertTrue(info.contains("Sauron") && info.contains("every=3") && info.contains("compensation=NONE"), info);
	}

	@Test
	void aTimeSeriesIsSegmentedFrameByFrameByA2DModelAndRefusedByA3DOne() throws Exception {
		final ImagePlus disc = TestImages.discs("movie")[0];
		final ij.ImageStack frames = new ij.ImageStack(32, 32);
		frames.addSlice(disc.getProcessor().duplicate());
		final ij.process.ImageProcessor flipped = disc.getProcessor().duplicate();
		flipped.flipHorizontal();
		frames.addSlice(flipped);
		final ImagePlus movie = new ImagePlus("movie", frames);
		movie.setDimensions(1, 1, 2);
		final Module m = run(SegmentImageCommand.class, "image", movie, "model_dir", model2d.toFile(), "probabilities", true);
		assertNull(error(m));
		final ImagePlus labels = (ImagePlus) m.getOutput("labels"), probabilities = (ImagePlus) m.getOutput("probability_map");
		assertArrayEquals(new int[] { 32, 32, 1, 1, 2 }, labels.getDimensions(), "frames stay frames");
		assertArrayEquals(new int[] { 32, 32, 2, 1, 2 }, probabilities.getDimensions(), "a channel per class, per frame");
		final ImagePlus second = (ImagePlus) run(SegmentImageCommand.class, "image", new ImagePlus("frame 2", flipped), "model_dir", model2d.toFile())
				.getOutput("labels");
		assertArrayEquals((byte[]) second.getProcessor().getPixels(), (byte[]) labels.getStack().getPixels(labels.getStackIndex(1, 1, 2)),
				"frame 2 is segmented as the 2D image it is");

		final String refused = error(run(SegmentImageCommand.class, "image", movie, "model_dir", model3d.toFile()));
		assertTrue(refused.contains("movie is a time series of 2 frames") && refused.contains("frames are not slices"), refused);

		final ij.ImageStack volumes = new ij.ImageStack(32, 32);
		for (int i = 0; i < 16; i++) volumes.addSlice((i < 8 ? disc.getProcessor() : flipped).duplicate());
		final ImagePlus film = new ImagePlus("film", volumes);
		film.setDimensions(1, 8, 2);
		final Module m3 = run(SegmentImageCommand.class, "image", film, "model_dir", model3d.toFile(), "probabilities", true);
		assertNull(error(m3));
		assertArrayEquals(new int[] { 32, 32, 1, 8, 2 }, ((ImagePlus) m3.getOutput("labels")).getDimensions(), "a 3D model segments each frame's volume");
		assertArrayEquals(new int[] { 32, 32, 2, 8, 2 }, ((ImagePlus) m3.getOutput("probability_map")).getDimensions());
	}

	@Test
	void engineOptionsLastInThePreferencesAndReachTheEngine() throws Exception {
		try {
			assertNull(error(run(EngineOptionsCommand.class, "use_gpu", false, "engine_memory_gb", 3)));
			assertEquals("false", ij.Prefs.get("sauron.use_gpu", "?").toString());
			final sauron.worker.EngineSettings chosen = EngineCall.settings();
			assertEquals(false, chosen.useGpu());
			assertEquals(java.util.Optional.of("3g"), chosen.maxHeap());
			// The engine really starts with that heap and still runs.
			assertNull(error(run(ModelInfoCommand.class, "model_dir", model2d.toFile())));
			assertTrue(error(run(EngineOptionsCommand.class, "use_gpu", true, "engine_memory_gb", -1)).contains("engine_memory_gb -1"));
		} finally {
			EngineOptions.set(true, 0);
		}
		final sauron.worker.EngineSettings automatic = EngineCall.settings();
		assertEquals(true, automatic.useGpu());
		assertEquals(java.util.Optional.of(EngineMemory.xmx(EngineMemory.defaultHeapBytes())), automatic.maxHeap(), "0: automatic");
	}
}

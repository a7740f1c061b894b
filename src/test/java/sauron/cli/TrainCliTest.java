package sauron.cli;

import static sauron.cli.TrainedModels.image2d;
import static sauron.cli.TrainedModels.labels2d;
import static sauron.cli.TrainedModels.model2d;
import static sauron.cli.TrainedModels.trained2d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sauron.cli.Cli.TINY_2D;
import static sauron.cli.Cli.assertFailsClearly;
import static sauron.cli.Cli.concat;
import static sauron.cli.Cli.run;
import static sauron.cli.Cli.segment;
import static sauron.cli.Cli.train;
import static sauron.cli.CliFiles.VOXEL_2D;
import static sauron.cli.CliFiles.copyModel;
import static sauron.cli.CliFiles.disc;
import static sauron.cli.CliFiles.discLabels;
import static sauron.cli.CliFiles.list;
import static sauron.cli.CliFiles.writeImage;
import static sauron.cli.CliFiles.writeLabels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.cli.Cli.Result;
import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.model.ModelStore;

/** sauron train: what it writes and prints, and the model folder it writes into. */
class TrainCliTest {

	@TempDir
	Path dir;

	@Test
	void trainWritesAModelDirectoryAndOneProgressLinePerEpoch() {
		assertTrue(Files.isRegularFile(model2d().resolve(ModelStore.METADATA_FILE)), "sauron.json");
		assertTrue(Files.isRegularFile(model2d().resolve("saved_model.pb")), "saved_model.pb");
		assertTrue(trained2d().out().contains("epoch   1/1"), trained2d().out());
		assertTrue(trained2d().out().contains("loss") && trained2d().out().contains("val Dice"), trained2d().out());
		assertTrue(trained2d().out().contains("saved " + model2d()), trained2d().out());
		assertEquals("", trained2d().err());
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
		assertTrue(r.out().contains("saved " + model), r.out());
		assertEquals(3, ModelStore.load(model).spec().classes(), r.out());
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
		assertTrue(r.err().contains("warning: labels " + empty + " are all 0 (background)"), r::toString);
	}

	@Test
	void trainOnAnImageSmallerThanThePatchPrintsANoteNamingItAndStillWorks() throws IOException {
		final Path small = writeImage(dir.resolve("tiny-scan.nii.gz"), disc(new int[] { 12, 10 }, VOXEL_2D, 3));
		final Path mask = writeLabels(dir.resolve("tiny-mask.nii.gz"), discLabels(new int[] { 12, 10 }, VOXEL_2D));
		final Path model = dir.resolve("model");
		final Result r = train(small, mask, model).assertOk();
		assertTrue(r.out().contains("note: tiny-scan.nii.gz") && r.out().contains("smaller than the patch"), r.out());
		run("info", "-m", model.toString()).assertOk();
	}

	@Test
	void trainCreatesMissingParentFoldersOfTheModel() {
		final Path model = dir.resolve("models/2024/brain");
		train(image2d(), labels2d(), model).assertOk();
		assertTrue(Files.isRegularFile(model.resolve(ModelStore.METADATA_FILE)));
	}

	@Test
	void trainReplacesAnExistingModel() throws IOException {
		final Path model = copyModel(model2d(), dir.resolve("model"));
		train(image2d(), labels2d(), model, "--seed", "7").assertOk();
		assertTrue(Files.readString(model.resolve(ModelStore.METADATA_FILE)).contains("\"seed\": 7"));
		// The hidden lock file stays (ModelLock says why); nothing else may.
		assertEquals(List.of(dir.resolve(".model.lock"), dir.resolve("model")), list(dir), "no temporary or old model folders left beside it");
	}

	@Test
	void trainRefusesToOverwriteAFolderThatIsNotAModelBeforeTraining() throws IOException {
		final Path notAModel = Files.createDirectories(dir.resolve("thesis"));
		final Path chapter = Files.writeString(notAModel.resolve("chapter1.tex"), "precious");
		final Result r = train(image2d(), labels2d(), notAModel);
		assertFailsClearly(r, notAModel.toString(), "not a Sauron model");
		assertFalse(r.out().contains("epoch"), "refused before training:\n" + r.out());
		assertEquals("precious", Files.readString(chapter));
		assertEquals(List.of(chapter), list(notAModel));
		assertFailsClearly(train(image2d(), labels2d(), chapter), chapter.toString(), "not a Sauron model");
		assertEquals("precious", Files.readString(chapter));
	}

	@Test
	void aFailingTrainingLeavesTheExistingModelLoadable() throws IOException {
		final Path model = copyModel(model2d(), dir.resolve("model"));
		final String before = Files.readString(model.resolve(ModelStore.METADATA_FILE));
		final Volume soft = Volume.zeros(new int[] { 32, 32 }, 1, VOXEL_2D);
		soft.data()[0] = 0.5f;
		final Path badMask = writeImage(dir.resolve("bad-mask.nii.gz"), soft);
		assertFailsClearly(train(image2d(), badMask, model), badMask.toString());
		// and one that fails while training, after the files were read
		assertFailsClearly(train(image2d(), labels2d(), model, "--lr", "1e30"), "diverged");
		assertEquals(before, Files.readString(model.resolve(ModelStore.METADATA_FILE)));
		run("info", "-m", model.toString()).assertOk();
		run("segment", "-m", model.toString(), "-i", image2d().toString(), "-o", dir.resolve("out.nii.gz").toString()).assertOk();
	}
}

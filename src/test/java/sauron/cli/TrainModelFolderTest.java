package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sauron.cli.Cli.assertFailsClearly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.model.ModelDestination;
import sauron.model.ModelStore;
import sauron.model.SaveFailures;

/**
 * Issue 13 item 5 and 6 at the command line: a model folder that cannot be written, or that another training
 * holds, fails in one line before any training; a save that fails after training keeps the model elsewhere.
 */
class TrainModelFolderTest {

	@TempDir
	static Path shared;
	static Path image, labels;

	@TempDir
	Path tmp;

	@BeforeAll
	static void images() throws IOException {
		image = CliFiles.writeImage(shared.resolve("disc.nii.gz"), CliFiles.disc(new int[] { 32, 32 }, new double[] { 1, 1 }, 1));
		labels = CliFiles.writeLabels(shared.resolve("disc-labels.nii.gz"), CliFiles.discLabels(new int[] { 32, 32 }, new double[] { 1, 1 }));
	}

	private static void assertNotTrained(final Cli.Result r) {
		assertFalse(r.out().contains("epoch"), () -> "refused before training: " + r);
	}

	@Test
	void aModelFolderBelowAFileFailsBeforeTraining() throws IOException {
		final Path file = Files.writeString(tmp.resolve("results"), "a file");
		final Cli.Result r = Cli.train(image, labels, file.resolve("run1").resolve("model"));
		assertFailsClearly(r, "cannot save the model to " + file.resolve("run1").resolve("model") + ": " + file + " is a file, not a folder");
		assertNotTrained(r);
		assertEquals("a file", Files.readString(file));
	}

	@Test
	void aReadOnlyFolderFailsBeforeTraining() throws IOException {
		final Path folder = Files.createDirectories(tmp.resolve("ro"));
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			Assumptions.assumeFalse(Files.isWritable(folder), "permissions do not bind this user (root)");
			final Cli.Result r = Cli.train(image, labels, folder.resolve("model"));
			assertFailsClearly(r, "cannot save the model to " + folder.resolve("model") + ": the folder " + folder + " is not writable");
			assertNotTrained(r);
		} finally {
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void aSecondTrainingIntoAFolderThatATrainingHoldsFailsBeforeTraining() throws IOException {
		final Path model = tmp.resolve("model");
		try (ModelDestination first = ModelDestination.reserve(model)) {
			final Cli.Result r = Cli.train(image, labels, model);
			assertFailsClearly(r, model + " is being written by another training");
			assertNotTrained(r);
		}
		Cli.train(image, labels, model).assertOk();
	}

	@Test
	void aModelThatCannotBeSavedAfterTrainingIsSavedBesideItAndTheErrorSaysWhere() throws Exception {
		final Path model = tmp.resolve("model");
		final Cli.Result r;
		try (AutoCloseable full = SaveFailures.failNextSave("No space left on device")) {
			r = Cli.train(image, labels, model);
		}
		assertFailsClearly(r, "cannot save the model to " + model + " (No space left on device); the trained model was saved to ");
		final Matcher saved = Pattern.compile("saved to (.*) instead").matcher(r.err());
		assertTrue(saved.find(), r::toString);
		final Path rescued = Path.of(saved.group(1));
		assertEquals(tmp, rescued.getParent());
		assertArrayEquals(new int[] { 16, 16 }, ModelStore.load(rescued).metadata().patchShape());
		assertEquals(1, ModelStore.load(rescued).metadata().history().size(), "the trained epoch survived");
		assertFalse(Files.exists(model));
	}
}

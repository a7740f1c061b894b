package sauron.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.model.ModelReplacement.Stage;

/** Saving survives failures and crashes at every stage, a second writer and an unwritable folder (issue 13 items 5 and 6). */
class ModelReplacementTest {

	@TempDir
	Path tmp;

	/** Stands for the process dying: an Error passes every catch of the save, as a kill passes everything. */
	static final class Crash extends Error {
		private static final long serialVersionUID = 1L;
	}

	static final SauronModel OLD = ModelStoreTest.model(2, 1), NEW = ModelStoreTest.model(2, 2);

	@AfterEach
	void noHook() {
		ModelReplacement.hook = stage -> {};
	}

	static float[] kernel(final SauronModel m) {
		return m.weights().get("enc0_0/kernel").values();
	}

	/** The folder's entries besides the model and its lock file: leftovers of a save. */
	static List<Path> leftovers(final Path folder, final Path model) throws IOException {
		try (var entries = Files.list(folder)) {
			return entries.filter(p -> !p.equals(model) && !p.equals(ModelLock.lockFile(model))).toList();
		}
	}

	@Test
	void aFailureAtAnyStageOfASaveLeavesTheOldModelOrTheNewOneLoadable() throws IOException {
		for (final Stage failAt : Stage.values()) {
			final Path dir = tmp.resolve("fail-" + failAt).resolve("m");
			ModelStore.save(OLD, dir);
			ModelReplacement.hook = stage -> {
				if (stage == failAt) throw new IOException("injected at " + stage);
			};
			final IOException e = assertThrows(IOException.class, () -> ModelStore.save(NEW, dir), failAt.name());
			assertTrue(e.getMessage().contains("injected"), e.getMessage());
			ModelReplacement.hook = stage -> {};
			// Only after the new model is in place does a failure leave it there.
			final SauronModel expected = failAt == Stage.INSTALLED ? NEW : OLD;
			assertArrayEquals(kernel(expected), kernel(ModelStore.load(dir)), failAt.name());
			assertEquals(List.of(), leftovers(dir.getParent(), dir), "the load removed what the failed save left, " + failAt);
		}
	}

	@Test
	void aCrashAtAnyStageLeavesTheOldModelBeforeTheNewOneIsCompleteAndTheNewOneAfter() throws IOException {
		for (final boolean first : new boolean[] { true, false })
			for (final Stage crashAt : Stage.values()) {
				if (first && crashAt == Stage.SET_ASIDE) continue; // nothing to set aside
				final Path dir = tmp.resolve("crash-" + crashAt + (first ? "-first" : "")).resolve("m");
				if (!first) ModelStore.save(OLD, dir);
				ModelReplacement.hook = stage -> {
					if (stage == crashAt) throw new Crash();
				};
				assertThrows(Crash.class, () -> ModelStore.save(NEW, dir));
				ModelReplacement.hook = stage -> {};
				final boolean committed = crashAt.compareTo(Stage.READY) >= 0;
				if (!committed && first) assertThrows(IOException.class, () -> ModelStore.load(dir), "no model was ever complete");
				else assertArrayEquals(kernel(committed ? NEW : OLD), kernel(ModelStore.load(dir)), crashAt + (first ? " (first save)" : ""));
				assertEquals(List.of(), leftovers(dir.getParent(), dir), "leftovers of a crash at " + crashAt);
			}
	}

	@Test
	void theNextSaveAlsoCleansUpAfterACrash() throws IOException {
		final Path dir = tmp.resolve("m");
		ModelStore.save(OLD, dir);
		ModelReplacement.hook = stage -> {
			if (stage == Stage.SET_ASIDE) throw new Crash();
		};
		assertThrows(Crash.class, () -> ModelStore.save(NEW, dir));
		ModelReplacement.hook = stage -> {};
		assertFalse(Files.exists(dir), "the crash struck between the renames");
		ModelStore.save(OLD, dir);
		assertArrayEquals(kernel(OLD), kernel(ModelStore.load(dir)));
		assertEquals(List.of(), leftovers(tmp, dir));
	}

	@Test
	void aSecondWriterFailsClearlyWhileTheFirstHoldsTheFolder() throws IOException {
		final Path dir = tmp.resolve("m");
		ModelStore.save(OLD, dir);
		try (ModelDestination training = ModelDestination.reserve(dir)) {
			final IOException e = assertThrows(IOException.class, () -> ModelDestination.reserve(dir));
			assertTrue(e.getMessage().contains(dir + " is being written by another training"), e.getMessage());
			assertThrows(IOException.class, () -> ModelStore.save(NEW, dir));
			assertArrayEquals(kernel(OLD), kernel(ModelStore.load(dir)), "a reader is not locked out");
			training.save(NEW);
		}
		assertArrayEquals(kernel(NEW), kernel(ModelStore.load(dir)));
		ModelStore.save(OLD, dir); // released
	}

	@Test
	void loadingWritesNothingWhenNoSaveWasInterrupted() throws IOException {
		final Path dir = tmp.resolve("shared").resolve("m");
		ModelStore.save(OLD, dir);
		Files.delete(ModelLock.lockFile(dir));
		ModelStore.load(dir);
		try (var entries = Files.list(dir.getParent())) {
			assertEquals(List.of(dir), entries.toList());
		}
	}

	@Test
	void aParentThatIsAFileIsRefusedBeforeTrainingWithThePath() throws IOException {
		final Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
		final IOException e = assertThrows(IOException.class, () -> ModelDestination.reserve(file.resolve("sub").resolve("model")));
		assertEquals("cannot save the model to " + file.resolve("sub").resolve("model") + ": " + file + " is a file, not a folder", e.getMessage());
		assertEquals("x", Files.readString(file));
	}

	@Test
	void aReadOnlyFolderIsRefusedBeforeTraining() throws IOException {
		final Path folder = Files.createDirectories(tmp.resolve("ro"));
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			Assumptions.assumeFalse(Files.isWritable(folder), "permissions do not bind this user (root)");
			final IOException e = assertThrows(IOException.class, () -> ModelDestination.reserve(folder.resolve("model")));
			assertTrue(e.getMessage().startsWith("cannot save the model to " + folder.resolve("model") + ": the folder " + folder + " is not writable"), e.getMessage());
		} finally {
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void aDiskWithoutRoomForTheModelIsRefusedBeforeTraining() throws IOException {
		try (ModelDestination d = ModelDestination.reserve(tmp.resolve("m"))) {
			final IOException e = assertThrows(IOException.class, () -> d.requireRoom(Long.MAX_VALUE / 2));
			assertTrue(e.getMessage().startsWith("cannot save the model to " + tmp.resolve("m") + ": its file system has "), e.getMessage());
			d.requireRoomFor(OLD.topology());
		}
	}

	@Test
	void aModelThatCannotBeSavedInPlaceIsSavedBesideItAndTheErrorSaysWhere() throws IOException {
		final Path dir = tmp.resolve("m");
		ModelStore.save(OLD, dir);
		final AtomicInteger saves = new AtomicInteger();
		ModelReplacement.hook = stage -> {
			if (stage == Stage.EXPORTED && saves.getAndIncrement() == 0) throw new IOException("No space left on device");
		};
		final ModelDestination.SavedElsewhereException e;
		try (ModelDestination d = ModelDestination.reserve(dir)) {
			e = assertThrows(ModelDestination.SavedElsewhereException.class, () -> d.save(NEW));
		}
		assertEquals(dir.getParent(), e.savedTo().getParent());
		assertTrue(e.savedTo().getFileName().toString().startsWith("m-rescued-"), e.savedTo().toString());
		assertEquals("cannot save the model to " + dir + " (No space left on device); the trained model was saved to " + e.savedTo() + " instead", e.getMessage());
		assertArrayEquals(kernel(NEW), kernel(ModelStore.load(e.savedTo())));
		assertArrayEquals(kernel(OLD), kernel(ModelStore.load(dir)), "the old model is kept");
	}

	@Test
	void whenNothingBesideTheFolderCanBeWrittenEitherTheModelGoesToTheTemporaryFolder() throws IOException {
		final Path dir = tmp.resolve("m"), temporary = Files.createDirectories(tmp.resolve("temporary"));
		final AtomicInteger saves = new AtomicInteger();
		ModelReplacement.hook = stage -> {
			if (stage == Stage.WRITTEN && saves.getAndIncrement() < 2) throw new IOException("Read-only file system");
		};
		final String tmpdir = System.getProperty("java.io.tmpdir");
		System.setProperty("java.io.tmpdir", temporary.toString());
		try (ModelDestination d = ModelDestination.reserve(dir)) {
			final ModelDestination.SavedElsewhereException e = assertThrows(ModelDestination.SavedElsewhereException.class, () -> d.save(NEW));
			assertEquals(temporary, e.savedTo().getParent());
			assertArrayEquals(kernel(NEW), kernel(ModelStore.load(e.savedTo())));
		} finally {
			System.setProperty("java.io.tmpdir", tmpdir);
		}
		assertFalse(Files.exists(dir));
	}
}

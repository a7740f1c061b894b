package sauron.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sauron.model.ModelReplacementTest.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.model.ModelReplacement.Stage;

/**
 * Issue 13's kill test: a child JVM saving over a model is killed (SIGKILL, no shutdown hooks, no finally) at each
 * stage of the save; the next load finds the old model if the new one was not yet complete and the new one after,
 * never nothing or a mix, and no leftovers. While the child holds the folder, a second writer is refused.
 */
class ModelSaveKillTest {

	@TempDir
	Path tmp;

	@Test
	void aSaveKilledAtAnyStageLeavesTheOldOrTheNewModelAfterTheNextLoad() throws Exception {
		final SauronModel old = ModelStoreTest.model(2, 1), saved = ModelStoreTest.model(2, 2);
		final Stage[] stages = Stage.values();
		final Path[] dirs = new Path[stages.length];
		final Process[] children = new Process[stages.length];
		try {
			// Started together: each child JVM spends seconds starting TensorFlow.
			for (int i = 0; i < stages.length; i++) {
				dirs[i] = tmp.resolve(stages[i].name()).resolve("model");
				ModelStore.save(old, dirs[i]);
				children[i] = saveInChild(dirs[i], 2, stages[i]);
			}
			for (int i = 0; i < stages.length; i++) {
				final Stage stage = stages[i];
				final Path dir = dirs[i];
				awaitLine(children[i], "AT " + stage);
				if (stage == Stage.EXPORTED) {
					final IOException e = assertThrows(IOException.class, () -> ModelStore.save(saved, dir), "a second writer while the child saves");
					assertTrue(e.getMessage().contains("is being written by another training or save"), e.getMessage());
				}
				if (stage == Stage.SET_ASIDE) {
					assertFalse(Files.exists(dir), "paused between the renames");
					final IOException e = assertThrows(IOException.class, () -> ModelStore.load(dir));
					assertTrue(e.getMessage().contains("being replaced by another save"), e.getMessage());
				}
				kill(children[i]);
				final SauronModel expected = stage.compareTo(Stage.READY) >= 0 ? saved : old;
				assertArrayEquals(kernel(expected), kernel(ModelStore.load(dir)), "killed at " + stage);
				assertEquals(List.of(), ModelReplacementTest.leftovers(dir.getParent(), dir), "killed at " + stage);
			}
		} finally {
			for (final Process child : children)
				if (child != null) kill(child);
		}
	}

	@Test
	void theFirstSaveKilledBeforeItsModelIsCompleteLeavesNothingAndTheNextSaveWorks() throws Exception {
		final Path dir = tmp.resolve("model");
		final Process child = saveInChild(dir, 2, Stage.WRITTEN);
		try {
			awaitLine(child, "AT " + Stage.WRITTEN);
		} finally {
			kill(child);
		}
		assertTrue(Files.list(tmp).anyMatch(p -> p.getFileName().toString().startsWith(".model.writing-")), "the kill left a half-made model");
		final SauronModel model = ModelStoreTest.model(2, 3);
		ModelStore.save(model, dir);
		assertArrayEquals(kernel(model), kernel(ModelStore.load(dir)));
		assertEquals(List.of(), ModelReplacementTest.leftovers(tmp, dir));
	}

	private static void kill(final Process child) throws InterruptedException {
		child.destroyForcibly(); // SIGKILL where there are signals
		assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child died");
	}

	private static Process saveInChild(final Path dir, final long seed, final Stage stage) throws IOException {
		final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		final ProcessBuilder b = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SaveUntilStage.class.getName(), dir.toString(),
				Long.toString(seed), stage.name()).redirectError(ProcessBuilder.Redirect.DISCARD);
		b.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
		return b.start();
	}

	/** Waits (at most two minutes, as TensorFlow starts slowly on a busy machine) for the child's first line. */
	private static void awaitLine(final Process child, final String expected) throws Exception {
		final BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		final CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
			try {
				return out.readLine();
			} catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
		});
		assertEquals(expected, line.get(120, TimeUnit.SECONDS), "the child's first line");
	}
}

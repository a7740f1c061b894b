package sauron.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.segment.ModelSegmenter;

/** How the model travels with a cohort job and is loaded once per executor JVM. */
class ModelArchiveTest {

	@TempDir
	Path tmp;

	private final Configuration conf = new Configuration();

	@Test
	void theArchiveUnpacksToTheSameFilesAndItsHashFollowsTheContentOnly() throws IOException {
		final Path model = CohortTestData.tinyModel(tmp.resolve("model"));
		final ModelArchive archive = ModelArchive.read("--model", model.toString(), conf);
		final Path copy = Files.createDirectories(tmp.resolve("copy"));
		archive.unpackInto(copy);
		final List<Path> files = files(model);
		assertEquals(files, files(copy));
		for (final Path f : files) assertArrayEquals(Files.readAllBytes(model.resolve(f)), Files.readAllBytes(copy.resolve(f)), f.toString());
		assertEquals(archive.hash(), ModelArchive.read("--model", copy.toString(), conf).hash(), "another folder, another time, the same model");
		Files.writeString(copy.resolve("sauron.json"), " ", java.nio.file.StandardOpenOption.APPEND);
		assertNotEquals(archive.hash(), ModelArchive.read("--model", copy.toString(), conf).hash());
	}

	@Test
	void aFolderThatIsNotAModelIsRefusedInOneLine() throws IOException {
		final Path empty = Files.createDirectories(tmp.resolve("empty"));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.read("--model", empty.toString(), conf));
		assertEquals("--model " + empty + " is not a Sauron model: it has no sauron.json", e.getMessage());
	}

	@Test
	void concurrentTasksOfOneJvmLoadTheModelOnceAndShareIt() throws Exception {
		final ModelArchive archive = ModelArchive.read("--model", CohortTestData.tinyModel(tmp.resolve("model")).toString(), conf);
		final AtomicInteger fetched = new AtomicInteger();
		final CountDownLatch start = new CountDownLatch(1);
		final ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			final List<CompletableFuture<ModelSegmenter>> tasks = Stream.generate(() -> CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
				} catch (final InterruptedException e) {
					throw new IllegalStateException(e);
				}
				return ExecutorModels.segmenter(archive.hash(), () -> {
					fetched.incrementAndGet();
					return archive;
				});
			}, threads)).limit(4).toList();
			final int loadsBefore = ExecutorModels.loads();
			start.countDown();
			final ModelSegmenter first = tasks.get(0).get();
			for (final CompletableFuture<ModelSegmenter> t : tasks) assertSame(first, t.get());
			assertEquals(1, fetched.get(), "the broadcast is read once");
			assertEquals(loadsBefore + 1, ExecutorModels.loads(), "TensorFlow loads the model once");
			assertEquals(2, first.model().spec().classes());
		} finally {
			threads.shutdown();
			ExecutorModels.closeAll();
		}
	}

	private static List<Path> files(final Path dir) throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
		}
	}
}

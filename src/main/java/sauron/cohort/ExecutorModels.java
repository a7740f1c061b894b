package sauron.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import sauron.data.FileTrees;
import sauron.model.ModelStore;
import sauron.segment.ModelSegmenter;
import sauron.segment.SlidingWindowSegmenter;

/**
 * The models loaded in this JVM (a Spark executor, or the driver in local mode), by content hash: TensorFlow and
 * a model are loaded once per JVM and reused by every task that runs there, concurrently (a TensorFlow session
 * runs calls from several threads). The segmenter uses {@code sauron segment}'s defaults, so outputs are the same.
 * An executor's models live as long as the executor: its process ends and takes TensorFlow's native memory with it
 * (closing a session that a still-running task uses could crash the process on its way out). A driver that ran
 * the tasks itself (local mode) closes them with {@link #closeAll} once its job is over.
 */
final class ExecutorModels {

	private static final Map<String, ModelSegmenter> LOADED = new ConcurrentHashMap<>();
	private static final AtomicInteger LOADS = new AtomicInteger();

	private ExecutorModels() {}

	/** The model of this hash, loaded from the archive the first time in this JVM; other tasks wait for that load. */
	static ModelSegmenter segmenter(final String hash, final Supplier<ModelArchive> archive) {
		return LOADED.computeIfAbsent(hash, h -> load(archive.get()));
	}

	/** How many models this JVM has loaded since it started: what tests check that a JVM loads a model once by. */
	static int loads() {
		return LOADS.get();
	}

	/** Closes every model; only when no task of this JVM is running. */
	static synchronized void closeAll() {
		for (final String hash : LOADED.keySet()) {
			final ModelSegmenter s = LOADED.remove(hash);
			if (s != null) s.close();
		}
	}

	private static ModelSegmenter load(final ModelArchive archive) {
		Path dir = null;
		try {
			dir = Files.createTempDirectory("sauron-model-");
			archive.unpackInto(dir);
			// The weights are in memory once loaded: the unpacked folder is not needed any more.
			final ModelSegmenter s = new ModelSegmenter(ModelStore.load(dir), null, SlidingWindowSegmenter.DEFAULT_OVERLAP,
					ModelSegmenter.TRAINING_STEP_BATCH,
					warning -> System.err.println("warning: " + warning));
			LOADS.incrementAndGet();
			return s;
		} catch (final IOException e) {
			throw new UncheckedIOException(e);
		} finally {
			if (dir != null) FileTrees.deleteQuietly(dir); // a leftover in the temporary folder is harmless
		}
	}
}

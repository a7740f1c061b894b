package sauron.model;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import sauron.net.Topology;

/**
 * A model folder reserved for one training, from before the first step until the model is saved: the folder is
 * locked against a second writer, what an earlier crash left is cleaned up, and the folder is proven writable
 * (a probe is created and removed), so a read-only folder, a parent that is a file or a full disk fails in one
 * sentence before any training rather than after it. If saving still fails, the model is saved to a fallback
 * folder and the error says where.
 */
public final class ModelDestination implements AutoCloseable {

	/** Thrown when the model could not be saved where asked but was saved elsewhere; the message says where. */
	public static final class SavedElsewhereException extends IOException {
		private static final long serialVersionUID = 1L;
		private final transient Path savedTo;

		SavedElsewhereException(final String message, final Path savedTo, final Throwable cause) {
			super(message, cause);
			this.savedTo = savedTo;
		}

		public Path savedTo() {
			return savedTo;
		}
	}

	private final Path target;
	private final ModelLock lock;

	private ModelDestination(final Path target, final ModelLock lock) {
		this.target = target;
		this.lock = lock;
	}

	/**
	 * Locks, cleans and probes the model folder {@code dir}; fails unless a model can be saved there: it must not
	 * exist, or be an empty folder or a model of ours, in a folder this process can write.
	 */
	public static ModelDestination reserve(final Path dir) throws IOException {
		final Path target = dir.toAbsolutePath().normalize();
		if (target.getParent() == null) throw new IOException(dir + " cannot be a model folder: expected a folder below a root");
		ModelStore.requireSavable(target);
		createFolder(target, target.getParent());
		final ModelLock lock = lockIn(target);
		try {
			ModelReplacement.recover(target);
			ModelStore.requireSavable(target); // recovery may have put a model back
			probe(target);
			return new ModelDestination(target, lock);
		} catch (final IOException | RuntimeException e) {
			lock.close();
			throw e;
		}
	}

	/**
	 * Fails unless the folder's file system has room for a model of this network (its weights as 32-bit floats
	 * and a margin for the graph); a network only shrinks while Sauron prunes it.
	 */
	public void requireRoomFor(final Topology topology) throws IOException {
		requireRoom(topology.parameterCount() * Float.BYTES + (1L << 20));
	}

	void requireRoom(final long bytes) throws IOException {
		final long free = Files.getFileStore(target.getParent()).getUsableSpace();
		if (free < bytes)
			throw new IOException("cannot save the model to " + target + ": its file system has " + megabytes(free) + " free, the model needs about "
					+ megabytes(bytes) + "; free some space or choose a folder on another disk");
	}

	/**
	 * Saves the model here; if that fails, into a new folder beside it, else in the temporary folder, else in the
	 * user's home, and then throws a {@link SavedElsewhereException} naming where it went.
	 */
	public void save(final SauronModel model) throws IOException {
		try {
			saveHere(model);
		} catch (final IOException | RuntimeException e) {
			final String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
			final List<Path> fallbacks = fallbacks();
			for (final Path fallback : fallbacks) {
				try {
					ModelStore.save(model, fallback);
				} catch (final IOException | RuntimeException fallbackFailed) {
					e.addSuppressed(fallbackFailed);
					continue;
				}
				throw new SavedElsewhereException("cannot save the model to " + target + " (" + why + "); the trained model was saved to " + fallback
						+ " instead", fallback, e);
			}
			throw new IOException("cannot save the model to " + target + " (" + why + "), nor to " + fallbacks, e);
		}
	}

	/** Saves the model in place of the folder, or leaves the old one; the lock is held. */
	void saveHere(final SauronModel model) throws IOException {
		final Path written = ModelReplacement.writingSibling(target);
		final Path ready;
		try {
			ModelStore.writeFiles(model, written);
			ready = ModelReplacement.markReady(written, target);
		} catch (final IOException | RuntimeException e) {
			ModelReplacement.deleteQuietly(written);
			throw e;
		}
		try {
			ModelReplacement.reached(ModelReplacement.Stage.READY);
			ModelReplacement.install(ready, target);
		} catch (final IOException | RuntimeException e) {
			ModelReplacement.deleteQuietly(ready); // the old model stays, or comes back at the next save or load
			throw e;
		}
	}

	/** New folders named after the model and the time: beside it, in the temporary folder, in the home folder. */
	private List<Path> fallbacks() {
		final String name = target.getFileName() + "-rescued-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		final List<Path> places = new ArrayList<>(List.of(target.resolveSibling(name)));
		for (final String property : new String[] { "java.io.tmpdir", "user.home" }) {
			final String dir = System.getProperty(property);
			if (dir != null && !dir.isBlank()) places.add(Path.of(dir).toAbsolutePath().resolve(name));
		}
		return places;
	}

	private static void createFolder(final Path target, final Path folder) throws IOException {
		try {
			Files.createDirectories(folder);
		} catch (final FileSystemException e) {
			final Path file = fileOnTheWay(folder);
			throw new IOException("cannot save the model to " + target + ": "
					+ (file != null ? file + " is a file, not a folder" : "cannot create the folder " + folder + " (" + reason(e) + ")"), e);
		}
	}

	private static ModelLock lockIn(final Path target) throws IOException {
		try {
			return ModelLock.acquire(target);
		} catch (final FileSystemException e) {
			throw new IOException("cannot save the model to " + target + ": the folder " + target.getParent() + " is not writable (" + reason(e) + ")", e);
		}
	}

	/** Creates and removes a folder with a small file beside the target, as saving will; a crash leaves a writing leftover that recovery removes. */
	private static void probe(final Path target) throws IOException {
		final Path probe = ModelReplacement.writingSibling(target);
		try {
			Files.createDirectory(probe);
			Files.write(probe.resolve("probe"), new byte[4096]);
		} catch (final FileSystemException e) {
			throw new IOException("cannot save the model to " + target + ": the folder " + target.getParent() + " is not writable (" + reason(e) + ")", e);
		} finally {
			ModelReplacement.deleteQuietly(probe);
		}
	}

	/** The file among the folder and its parents that stops it being created, or null. */
	private static Path fileOnTheWay(final Path folder) {
		for (Path p = folder; p != null; p = p.getParent())
			if (Files.exists(p) && !Files.isDirectory(p)) return p;
		return null;
	}

	private static String reason(final FileSystemException e) {
		if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
		return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
	}

	private static String megabytes(final long bytes) {
		return String.format("%.1f MB", bytes / 1e6);
	}

	@Override
	public void close() throws IOException {
		lock.close();
	}
}

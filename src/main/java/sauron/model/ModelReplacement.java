package sauron.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import sauron.data.FileTrees;

/**
 * How a model folder is replaced so that a crash at any moment leaves the old or the new model, and how the next
 * save or load finishes what a crash interrupted. A save writes {@code .<name>.writing-<id>}, renames it to
 * {@code .<name>.ready-<id>} once every file is on disk (the commit point), moves the old model aside to
 * {@code .<name>.old-<id>}, renames the ready folder into place and deletes the old one. Recovery therefore knows
 * what each hidden sibling is: a writing folder is incomplete and goes; a ready folder is a complete new model and
 * is put in place; an old folder is put back only when no model is in place. Callers hold the {@link ModelLock}.
 */
final class ModelReplacement {

	/** The moments of a save, in order; a test hook may stop or fail the save at each one. */
	enum Stage {
		/** The SavedModel is written, sauron.json not yet. */
		EXPORTED,
		/** Every file is written and synced; the folder is not yet marked complete. */
		WRITTEN,
		/** The new model is complete (ready); the old one is still in place. */
		READY,
		/** The old model is moved aside; the new one is not yet in place. */
		SET_ASIDE,
		/** The new model is in place; the old one is not yet deleted. */
		INSTALLED
	}

	@FunctionalInterface
	interface StageHook {
		void reached(Stage stage) throws IOException;
	}

	/** For tests only: called at every stage of every save in this JVM. */
	static volatile StageHook hook = stage -> {};

	private static final String WRITING = "writing", READY = "ready", OLD = "old";

	private ModelReplacement() {}

	static void reached(final Stage stage) throws IOException {
		hook.reached(stage);
	}

	/** A new hidden sibling of the target, of one kind (writing, ready, old). */
	static Path sibling(final Path target, final String kind) {
		return target.resolveSibling("." + target.getFileName() + "." + kind + "-" + UUID.randomUUID());
	}

	static Path writingSibling(final Path target) {
		return sibling(target, WRITING);
	}

	/** Marks a fully written folder complete: from here on a crash ends with the new model in place. */
	static Path markReady(final Path written, final Path target) throws IOException {
		syncFiles(written);
		reached(Stage.WRITTEN);
		final Path ready = sibling(target, READY);
		move(written, ready);
		return ready;
	}

	/** Puts a complete model in place of the target; if that fails, the old model goes back. */
	static void install(final Path ready, final Path target) throws IOException {
		Path aside = null;
		try {
			if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
				aside = sibling(target, OLD);
				move(target, aside);
				reached(Stage.SET_ASIDE);
			}
			move(ready, target);
		} catch (final IOException | RuntimeException e) {
			if (aside != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS))
				try {
					move(aside, target);
				} catch (final IOException suppressed) {
					e.addSuppressed(suppressed); // the next save or load puts it back
				}
			throw e;
		}
		reached(Stage.INSTALLED);
		if (aside != null) deleteQuietly(aside);
	}

	/** Whether hidden siblings of an interrupted save lie beside the target (cheap: one listing of its folder). */
	static boolean hasLeftovers(final Path target) throws IOException {
		return !leftovers(target, null).isEmpty();
	}

	/**
	 * Finishes or undoes an interrupted save: incomplete folders go, the newest complete one is put in place, an
	 * old model comes back only when nothing else is in place, and the rest is deleted.
	 */
	static void recover(final Path target) throws IOException {
		for (final Path p : leftovers(target, WRITING)) deleteTree(p);
		final List<Path> ready = leftovers(target, READY);
		if (!ready.isEmpty()) install(ready.get(0), target);
		final List<Path> old = leftovers(target, OLD);
		if (!old.isEmpty() && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) move(old.get(0), target);
		for (final Path p : leftovers(target, null)) deleteTree(p);
	}

	/** Hidden siblings of the target of one kind (all kinds for null), newest first. */
	private static List<Path> leftovers(final Path target, final String kind) throws IOException {
		final Path folder = target.getParent();
		if (folder == null || !Files.isDirectory(folder)) return List.of();
		final Pattern name = Pattern.compile(Pattern.quote("." + target.getFileName() + ".") + "(" + (kind != null ? kind : WRITING + "|" + READY + "|" + OLD)
				+ ")-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		final List<Path> found = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, p -> name.matcher(p.getFileName().toString()).matches())) {
			entries.forEach(found::add);
		}
		found.sort(Comparator.comparing((Path p) -> {
			try {
				return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
			} catch (final IOException e) {
				return 0L;
			}
		}).reversed());
		return found;
	}

	/** Without this a power cut soon after the rename could leave empty files under the model's name. */
	private static void syncFiles(final Path dir) throws IOException {
		try (Stream<Path> walk = Files.walk(dir)) {
			for (final Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator)
				try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
					c.force(true);
				}
		}
	}

	static void move(final Path from, final Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		} catch (final AtomicMoveNotSupportedException e) {
			Files.move(from, to);
		}
	}

	static void deleteTree(final Path root) throws IOException {
		if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) FileTrees.delete(root);
	}

	/** Deletes what it can; a leftover is removed by the next save or load. */
	static void deleteQuietly(final Path root) {
		FileTrees.deleteQuietly(root);
	}
}

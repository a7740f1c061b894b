package sauron.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes a folder with everything under it: the one recursive delete of the project (model folders, temporary
 * folders of exports, engine calls and Spark executors). Symbolic links are deleted, never followed.
 */
public final class FileTrees {

	private FileTrees() {}

	/**
	 * Deletes {@code root} and everything under it, deepest first; stops at the first file that cannot be deleted.
	 *
	 * @throws java.nio.file.NoSuchFileException if {@code root} does not exist
	 * @throws UncheckedIOException if a folder under {@code root} cannot be listed
	 */
	public static void delete(final Path root) throws IOException {
		for (final Path p : deepestFirst(root)) Files.deleteIfExists(p);
	}

	/**
	 * Deletes what it can of {@code root} and everything under it, and says nothing of what it could not: for
	 * temporary folders, where a leftover is harmless.
	 */
	public static void deleteQuietly(final Path root) {
		final List<Path> paths;
		try {
			paths = deepestFirst(root);
		} catch (final IOException | UncheckedIOException e) {
			return; // root is gone, or a folder under it cannot be listed
		}
		for (final Path p : paths)
			try {
				Files.deleteIfExists(p);
			} catch (final IOException e) {
				// a folder that still holds it stays too; the caller accepts leftovers
			}
	}

	/** Every path under {@code root} and root itself, each after everything under it. */
	private static List<Path> deepestFirst(final Path root) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.sorted(Comparator.reverseOrder()).toList();
		}
	}
}

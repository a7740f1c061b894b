package sauron.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

	@TempDir
	Path dir;

	@Test
	void deletesAFolderWithNestedFoldersAndFiles() throws IOException {
		final Path root = tree();
		FileTrees.delete(root);
		assertFalse(Files.exists(root));
	}

	@Test
	void deletesALinkInsideTheTreeButNotWhatItPointsTo() throws IOException {
		final Path outside = Files.createDirectories(dir.resolve("outside"));
		final Path kept = Files.writeString(outside.resolve("kept.txt"), "keep me");
		final Path root = tree();
		Files.createSymbolicLink(root.resolve("link"), outside);
		FileTrees.delete(root);
		assertFalse(Files.exists(root));
		assertTrue(Files.isRegularFile(kept), "the linked folder's file survives");
	}

	@Test
	void aMissingFolderIsAnErrorUnlessQuiet() {
		final Path missing = dir.resolve("missing");
		assertThrows(NoSuchFileException.class, () -> FileTrees.delete(missing));
		FileTrees.deleteQuietly(missing);
		assertFalse(Files.exists(missing));
	}

	@Test
	void quietlyDeletesATreeToo() throws IOException {
		final Path root = tree();
		FileTrees.deleteQuietly(root);
		assertFalse(Files.exists(root));
	}

	private Path tree() throws IOException {
		final Path root = Files.createDirectories(dir.resolve("root/a/b"));
		Files.writeString(root.resolve("deep.txt"), "x");
		Files.writeString(dir.resolve("root/a/mid.txt"), "y");
		Files.writeString(dir.resolve("root/top.txt"), "z");
		return dir.resolve("root");
	}
}

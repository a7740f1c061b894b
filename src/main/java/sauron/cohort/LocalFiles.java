package sauron.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import sauron.data.FileTrees;

/**
 * A task's private local folder: the image readers and writers work on local files, so a remote input is copied
 * here first (under its own name, which says its format) and an output is written here before its upload. Files
 * on the local file system are read where they are. Closing deletes the folder.
 */
final class LocalFiles implements AutoCloseable {

	private final java.nio.file.Path folder;

	LocalFiles() throws IOException {
		folder = Files.createTempDirectory("sauron-cohort-");
	}

	/** The file as a local path: itself when it is local, else a copy in this folder. */
	java.nio.file.Path local(final String file, final Configuration conf) throws IOException {
		final Path path = new Path(file);
		if ("file".equals(path.toUri().getScheme())) return java.nio.file.Path.of(path.toUri());
		final java.nio.file.Path copy = Files.createTempDirectory(folder, "in-").resolve(path.getName());
		try (InputStream in = HadoopFiles.of(path, conf).open(path)) {
			Files.copy(in, copy);
		}
		return copy;
	}

	/** Where to write an output of this name before it is uploaded. */
	java.nio.file.Path scratch(final String name) throws IOException {
		return Files.createTempDirectory(folder, "out-").resolve(name);
	}

	@Override
	public void close() {
		FileTrees.deleteQuietly(folder); // a leftover in the temporary folder is harmless
	}
}

package sauron.cohort;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import sauron.model.ModelStore;

/**
 * A model folder as one zip in memory, so that it travels with the job (broadcast to the executors) and no shared
 * file system is needed; its SHA-256 names the model in each executor's cache. Pruned models are a few MB.
 *
 * @param hash hex SHA-256 of the file names and contents
 */
record ModelArchive(String hash, byte[] zip) implements Serializable {

	/** Reads a model folder from any Hadoop file system; fails in one line unless it is a Sauron model. */
	static ModelArchive read(final String option, final String folder, final Configuration conf) throws IOException {
		final Path dir = new Path(folder);
		final FileSystem fs = dir.getFileSystem(conf);
		final FileStatus status;
		try {
			status = fs.getFileStatus(dir);
		} catch (final FileNotFoundException e) {
			throw new IllegalArgumentException(option + " " + folder + ": no such folder; expected a Sauron model folder");
		}
		if (!status.isDirectory() || !fs.exists(new Path(dir, ModelStore.METADATA_FILE)))
			throw new IllegalArgumentException(option + " " + folder + " is not a Sauron model: it has no " + ModelStore.METADATA_FILE);
		final Path root = fs.makeQualified(dir);
		final TreeMap<String, Path> files = new TreeMap<>();
		final RemoteIterator<LocatedFileStatus> listing = fs.listFiles(root, true);
		while (listing.hasNext()) {
			final Path file = listing.next().getPath();
			files.put(root.toUri().relativize(file.toUri()).getPath(), file);
		}
		// The hash covers names and contents in name order, not the zip (which holds times): one model, one cache entry.
		final MessageDigest digest = sha256();
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (final var e : files.entrySet()) {
				final byte[] content;
				try (InputStream in = fs.open(e.getValue())) {
					content = in.readAllBytes();
				}
				digest.update((e.getKey() + "\0" + content.length + "\0").getBytes(StandardCharsets.UTF_8));
				digest.update(content);
				zip.putNextEntry(new ZipEntry(e.getKey()));
				zip.write(content);
				zip.closeEntry();
			}
		}
		return new ModelArchive(HexFormat.of().formatHex(digest.digest()), bytes.toByteArray());
	}

	/** Writes the model folder out again, into {@code dir} (an empty folder). */
	void unpackInto(final java.nio.file.Path dir) throws IOException {
		final java.nio.file.Path root = dir.toAbsolutePath().normalize();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				final java.nio.file.Path target = root.resolve(e.getName()).normalize();
				if (!target.startsWith(root)) throw new IOException("model archive entry " + e.getName() + " lies outside the model folder");
				Files.createDirectories(target.getParent());
				Files.copy(in, target);
			}
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java has SHA-256", e);
		}
	}
}

package sauron.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * Puts a finished local file at its place on any Hadoop file system so that the place holds the whole file or
 * nothing, whatever happens to the task (killed, retried, or run twice as a speculative copy): the bytes go to a
 * hidden temporary name in the target folder, are synced where the file system can, and are then renamed to the
 * target. A rename within a folder is atomic on local disks and HDFS; on S3 a renamed object appears whole.
 * Leftover temporary files of killed tasks are found by their suffix and removed before the next run.
 */
final class AtomicUpload {

	static final String SUFFIX = ".cohort-tmp";

	/** For tests only: called in every upload between the write of the temporary file and its rename. */
	@FunctionalInterface
	interface BeforeRename {
		void reached(Path temporary, Path target) throws IOException;
	}

	static volatile BeforeRename hook = (temporary, target) -> {};

	private AtomicUpload() {}

	static void put(final java.nio.file.Path local, final Path target, final Configuration conf) throws IOException {
		final FileSystem fs = HadoopFiles.of(target, conf);
		final Path temporary = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + SUFFIX);
		try {
			try (InputStream in = Files.newInputStream(local); FSDataOutputStream out = fs.create(temporary, false)) {
				in.transferTo(out);
				// Without this a power cut after the rename could leave an empty file under the real name.
				if (out.hasCapability(StreamCapabilities.HSYNC)) out.hsync();
			}
			hook.reached(temporary, target);
			if (!fs.rename(temporary, target)) {
				// HDFS does not rename onto an existing file: another attempt of this task was faster, with the same content.
				if (!fs.exists(target)) throw new IOException("cannot rename " + temporary + " to " + target);
				fs.delete(temporary, false);
			}
		} catch (final IOException | RuntimeException | Error e) {
			try {
				fs.delete(temporary, false);
			} catch (final IOException suppressed) {
				e.addSuppressed(suppressed);
			}
			throw e;
		}
	}

	/** Removes what killed uploads left in the folder; returns how many. Run before a job's tasks start. */
	static int removeLeftovers(final Path folder, final Configuration conf) throws IOException {
		final FileSystem fs = HadoopFiles.of(folder, conf);
		if (!fs.exists(folder)) return 0;
		int removed = 0;
		for (final FileStatus s : fs.listStatus(folder, p -> p.getName().startsWith(".") && p.getName().endsWith(SUFFIX)))
			if (s.isFile() && fs.delete(s.getPath(), false)) removed++;
		return removed;
	}
}

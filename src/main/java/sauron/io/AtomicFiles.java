package sauron.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old file or the complete new one: the content goes
 * to a hidden temporary file in the same folder (same file system, so the rename is atomic), is
 * forced to disk, and is then moved over the target. Missing parent folders are created.
 */
public final class AtomicFiles {

	/** Streams the content; closing the stream only flushes it, so wrappers may be closed freely. */
	@FunctionalInterface
	public interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	private AtomicFiles() {}

	public static void write(final Path target, final Content content) throws IOException {
		final Path absolute = target.toAbsolutePath();
		final Path folder = absolute.getParent();
		Files.createDirectories(folder);
		final Path temp = folder.resolve("." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
				final OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
				content.writeTo(new FilterOutputStream(out) {
					@Override
					public void write(final byte[] b, final int off, final int len) throws IOException {
						out.write(b, off, len);
					}

					@Override
					public void close() throws IOException {
						out.flush(); // the channel must stay open for force()
					}
				});
				out.flush();
				// Without this a power cut after the rename could leave an empty file under the real name.
				channel.force(true);
			}
			try {
				Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (final IOException | RuntimeException | Error e) {
			try {
				Files.deleteIfExists(temp);
			}
			catch (final IOException suppressed) {
				e.addSuppressed(suppressed);
			}
			throw e;
		}
	}
}

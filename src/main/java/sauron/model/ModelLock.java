package sauron.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The right to write one model folder: an exclusive lock on the hidden file {@code .<name>.lock} beside it, so two
 * trainings into one folder cannot both run and the last silently win. The operating system drops the lock when
 * the process dies, so a killed training never blocks the next one. The lock file stays (an empty hidden file):
 * deleting it on release would let a process that opened it just before lock a file no one else can see.
 */
final class ModelLock implements AutoCloseable {

	/** Lock files held in this JVM: opening and closing one of them again would drop the process's POSIX lock. */
	private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

	private final Path file;
	private final FileChannel channel;
	private final FileLock lock;

	private ModelLock(final Path file, final FileChannel channel, final FileLock lock) {
		this.file = file;
		this.channel = channel;
		this.lock = lock;
	}

	static Path lockFile(final Path target) {
		return target.resolveSibling("." + target.getFileName() + ".lock");
	}

	/** Takes the lock or fails with a sentence saying who holds it; the target's folder must exist. */
	static ModelLock acquire(final Path target) throws IOException {
		final ModelLock lock = tryAcquire(target);
		if (lock == null)
			throw new IOException(target + " is being written by another training or save (it holds " + lockFile(target)
					+ "); wait until it has finished or choose another model folder");
		return lock;
	}

	/** Takes the lock, or returns null when another process or thread holds it. */
	static ModelLock tryAcquire(final Path target) throws IOException {
		final Path file = lockFile(target);
		if (!HELD.add(file)) return null;
		FileChannel channel = null;
		try {
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			final FileLock lock;
			try {
				lock = channel.tryLock();
			} catch (final IOException unsupported) {
				// A file system without locks (some network shares) must not stop every training: save unlocked there.
				return new ModelLock(file, channel, null);
			}
			if (lock != null) return new ModelLock(file, channel, lock);
		} catch (final OverlappingFileLockException e) {
			// held through another channel of this JVM: busy as well
		} catch (final IOException | RuntimeException e) {
			HELD.remove(file);
			if (channel != null) channel.close();
			throw e;
		}
		HELD.remove(file);
		channel.close();
		return null;
	}

	@Override
	public void close() throws IOException {
		try {
			if (lock != null) lock.release();
		} finally {
			channel.close();
			HELD.remove(file);
		}
	}
}

package sauron.model;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/** For tests of the commands: makes saving fail, as a full disk would, without filling a disk. */
public final class SaveFailures {

	private SaveFailures() {}

	/**
	 * The next save in this JVM fails once its files are written, before its model is complete, with this
	 * message; later saves (the fallback) work. Closing undoes it.
	 */
	public static AutoCloseable failNextSave(final String message) {
		final AtomicBoolean failed = new AtomicBoolean();
		ModelReplacement.hook = stage -> {
			if (stage == ModelReplacement.Stage.WRITTEN && failed.compareAndSet(false, true)) throw new IOException(message);
		};
		return () -> ModelReplacement.hook = stage -> {};
	}
}

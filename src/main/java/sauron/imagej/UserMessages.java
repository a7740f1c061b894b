package sauron.imagej;

import java.awt.GraphicsEnvironment;
import java.nio.file.NoSuchFileException;

import ij.IJ;

/**
 * How commands talk to the user: errors as a dialog in the GUI and as a log line headless, with the text the
 * command line prints; never a stack trace (set SAURON_DEBUG to get one on stderr). Compiled for Java 8, as the
 * entry classes that use it (see {@link SauronCommand}).
 */
public final class UserMessages {

	private UserMessages() {}

	/** The same rule as the command line: the exception's message, or its type when it has none. */
	public static String of(final Throwable e) {
		if (e instanceof NoSuchFileException) return "file not found: " + e.getMessage();
		if (e instanceof OutOfMemoryError) return "out of memory (" + e.getMessage() + "); try a smaller image, tile or patch";
		final String m = e.getMessage();
		return m == null || m.trim().isEmpty() ? e.getClass().getSimpleName() : m;
	}

	static void error(final String command, final Throwable e) {
		if (System.getenv("SAURON_DEBUG") != null) e.printStackTrace();
		error(command, of(e));
	}

	static void error(final String command, final String text) {
		if (headless()) IJ.log(command + " error: " + text);
		else IJ.error(command, text);
	}

	static void log(final String text) {
		IJ.log(text);
	}

	/** No screen: no dialogs, plots or stop buttons, only log lines. */
	static boolean headless() {
		return GraphicsEnvironment.isHeadless();
	}
}

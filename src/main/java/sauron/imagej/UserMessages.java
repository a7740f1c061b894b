package sauron.imagej;

import java.awt.GraphicsEnvironment;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.scijava.app.StatusService;
import org.scijava.log.LogService;

import ij.IJ;
import ij.Macro;
import ij.Prefs;
import ij.macro.Interpreter;

/**
 * How commands talk to the user: errors as a dialog in the GUI and as a log line headless, with the text the
 * command line prints, through SciJava (the command's cancel reason, which its UIService shows, and the LogService)
 * where the command has a SciJava context (Fiji) and through ImageJ 1 where it has none (plain ImageJ 1, see {@link LegacyCommand}); never a stack trace (set
 * SAURON_DEBUG to get one on stderr). A failed command also stops the macro that called it, so that a batch macro
 * never carries on without the command's outputs, and a macro run from the command line without a window
 * (ImageJ/Fiji {@code -batch} or {@code --headless -macro}) exits with status 1.
 * Compiled for Java 8, as the entry classes that use it (see {@link SauronCommand}).
 */
public final class UserMessages {

	/** Whether this JVM has no screen; tests put another in its place. */
	static BooleanSupplier noScreen = GraphicsEnvironment::isHeadless;

	private UserMessages() {}

	/** The same rule as the command line: the exception's message, or its type when it has none. */
	public static String of(final Throwable e) {
		if (e instanceof NoSuchFileException) return "file not found: " + e.getMessage();
		if (e instanceof OutOfMemoryError) return "out of memory (" + e.getMessage() + "); try a smaller image, tile or patch";
		final String m = e.getMessage();
		return m == null || m.trim().isEmpty() ? e.getClass().getSimpleName() : m;
	}

	/** The stack trace on stderr when SAURON_DEBUG is set; users get one line without it. */
	static void debug(final Throwable e) {
		if (System.getenv("SAURON_DEBUG") != null) e.printStackTrace();
	}

	static void error(final String command, final Throwable e) {
		debug(e);
		error(command, of(e));
	}

	/** {@link #error(String, String, LogService)} with no SciJava context: ImageJ 1's dialog or log. */
	static void error(final String command, final String text) {
		error(command, text, null);
	}

	/**
	 * Reports a failure in one line, stops the macro that called the command and ends a command-line batch run. In a
	 * SciJava context (a LogService given), the command is then cancelled with the text, which SciJava's ModuleRunner
	 * passes to StatusService.warn and the UIService shows as a dialog (in Fiji, ImageJ 1's message box): a dialog of
	 * ours would be a second one. Headless that shows nothing, so the line "&lt;command&gt; error: &lt;text&gt;" goes to the
	 * LogService (stderr in Fiji, as the command line's errors). With no context (plain ImageJ 1), ImageJ 1's dialog,
	 * or its log headless.
	 */
	static void error(final String command, final String text, final LogService log) {
		final String line = command + " error: " + text;
		if (log != null && headless()) log.error(line);
		else if (log == null && headless()) IJ.log(line);
		else if (log == null) dialog(command, text);
		stopMacro(text);
		if (commandLineBatch()) {
			System.out.flush();
			System.exit(1);
		}
	}

	/**
	 * IJ.error's dialog; in a macro's run("..."), ImageJ's own "Macro Error" dialog with the text and the macro's
	 * line, after which ImageJ aborts the macro by throwing "Macro canceled" through this command: caught here, so
	 * that the command still ends normally with its message as its error (in Fiji this is the module's thread).
	 */
	private static void dialog(final String command, final String text) {
		try {
			IJ.error(command, text);
		} catch (final RuntimeException e) {
			if (!Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
		}
	}

	/**
	 * Ends the macro running now, if any, after the statement that called the command: the run("...") returns, the
	 * macro goes no further. The interpreter ends quietly, since the message was given; this works from the macro's
	 * thread (ImageJ 1's plugins.config route) and from the module thread imagej-legacy runs a SciJava command in.
	 */
	private static void stopMacro(final String text) {
		final Interpreter macro = Interpreter.getInstance();
		if (macro == null) return;
		macro.setIgnoreErrors(true);
		macro.abort(text);
	}

	/**
	 * Whether this JVM was started to run a macro from the command line with no ImageJ window, where ImageJ 1 and
	 * Fiji exit with 0 whatever the macro did: the launcher's arguments (sun.java.command) hold -batch or -macro, or
	 * ImageJ 1 says it ran a command-line macro, and there is no ImageJ window. Never true in a Fiji with a window
	 * or in a JVM that embeds ImageJ (such as PyImageJ), which must not be ended.
	 */
	static boolean commandLineBatch() {
		if (IJ.getInstance() != null) return false;
		final String command = System.getProperty("sun.java.command");
		final List<String> words = command == null ? Arrays.<String>asList() : Arrays.asList(command.split(" "));
		if (words.contains("-batch-no-exit")) return false;
		return words.contains("-batch") || words.contains("-macro") || imageJRanACommandLineMacro();
	}

	/** ImageJ 1's own record of a -macro/-batch argument (Prefs.commandLineMacro(), not in every ImageJ 1). */
	private static boolean imageJRanACommandLineMacro() {
		try {
			return Boolean.TRUE.equals(Prefs.class.getMethod("commandLineMacro").invoke(null));
		} catch (final ReflectiveOperationException | RuntimeException e) {
			return false;
		}
	}

	/**
	 * A line of a run's record (the engine's lines, a headless report or table). IJ.log, not LogService: Fiji shows
	 * IJ.log in its Log window, where users and macros (getInfo("log")) read a run, and LogService in the Console.
	 */
	static void log(final String text) {
		IJ.log(text);
	}

	/** A line in the status bar: SciJava's where the command has a context, ImageJ 1's in plain ImageJ 1 (no context). */
	static void status(final StatusService status, final String text) {
		if (status != null) status.showStatus(text);
		else IJ.showStatus(text);
	}

	static void progress(final StatusService status, final int done, final int total) {
		if (status != null) status.showProgress(done, total);
		else IJ.showProgress(done, total);
	}

	/** No screen: no dialogs, plots or stop buttons, only log lines. */
	static boolean headless() {
		return noScreen.getAsBoolean();
	}
}

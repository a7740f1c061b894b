package sauron.imagej;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.scijava.Cancelable;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/**
 * A Sauron command as the code that runs it sees it, whichever SciJava base the command has: {@link SauronCommand}
 * (a plain Command, every command but one) or DynamicCommand ({@link FeatureMapsCommand}, whose layer list follows
 * the model chosen: SciJava changes a parameter's choices only on a DynamicCommand, and CommandService.run returns
 * null for one, so the other commands stay plain). Here too is the run they share: the Java check, the hand-off to
 * the Java 17 side by name ({@code CommandAction}), and a failure reported once, in one line. Compiled for Java 8,
 * as the commands (see {@link SauronCommand}).
 */
interface ActionHost extends Command, Cancelable {

	/** The command's name in messages: its menu label. */
	String title();

	/** The message of the last run's failure, or null when it succeeded. */
	String error();

	void setError(String message);

	/** Tells the user of a failure in one line: SciJava's way where the command has a context, ImageJ 1's where not (see {@link UserMessages#error}). */
	void report(String message);

	/** A line in the status bar. */
	void status(String text);

	void progress(int done, int total);

	/** The menu label of a command class ("Feature Maps"), or its simple name. */
	static String title(final Class<?> type) {
		final Plugin p = type.getAnnotation(Plugin.class);
		final String path = p == null ? "" : p.menuPath();
		return path.isEmpty() ? type.getSimpleName() : path.substring(path.lastIndexOf('>') + 1).replace("...", "");
	}

	/** Before the dialog (SciJava's initialize): on too old a Java, the sentence, and the command cancelled with it; true then. */
	static boolean refusedJava(final ActionHost command) {
		final String refusal = JavaVersionGate.refusal();
		if (refusal == null) return false;
		command.report(refusal);
		command.cancel(refusal);
		return true;
	}

	/** The command's run(): its action once the Java check let it through; a failure is reported and cancels the command with its line. */
	static void run(final ActionHost command) {
		command.setError(null);
		final String refusal = JavaVersionGate.refusal();
		if (refusal != null) fail(command, refusal);
		else callJava17("sauron.imagej.CommandAction", "run", command);
		if (command.error() != null) command.cancel(command.error());
	}

	/** Calls a static method(ActionHost) of a Java 17 class by name, so that a Java 8 JVM never loads that class before the check. */
	static void callJava17(final String type, final String method, final ActionHost command) {
		try {
			final Method m = Class.forName(type, true, ActionHost.class.getClassLoader()).getDeclaredMethod(method, ActionHost.class);
			m.setAccessible(true);
			m.invoke(null, command);
		} catch (final InvocationTargetException e) {
			fail(command, e.getCause());
		} catch (final ReflectiveOperationException | LinkageError e) {
			fail(command, e);
		}
	}

	static void fail(final ActionHost command, final Throwable e) {
		UserMessages.debug(e);
		fail(command, UserMessages.of(e));
	}

	/** Records the run's failure and tells the user. */
	static void fail(final ActionHost command, final String message) {
		command.setError(message);
		command.report(message);
	}
}

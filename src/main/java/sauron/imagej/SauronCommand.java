package sauron.imagej;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.scijava.Cancelable;
import org.scijava.Initializable;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;

import ij.IJ;

/**
 * What every Sauron command shares, and the door a Fiji goes through first. A command class (TrainUNetCommand, ...)
 * holds only its {@code @Parameter} fields, which SciJava and {@link LegacyCommand} read to build the dialog and the
 * macro keys; what it does is in its action (TrainUNetAction, ...; {@code CommandAction}). The command classes, this
 * one, LegacyCommand and the few they use are compiled for Java 8 (pom.xml, execution java8-entry) and name no Java
 * 17 class of ours: Fiji loads, verifies and instantiates a command before it runs it, so on a Fiji with Java 8 these
 * must load for {@link JavaVersionGate}'s sentence to be shown instead of an UnsupportedClassVersionError. The action
 * is reached by name, only once the gate let the run through.
 * <p>
 * SciJava calls {@link #initialize} before it shows the dialog: on too old a Java the user gets the sentence and the
 * run is cancelled there. run() catches every failure and reports it as a message (dialog or log line), and progress
 * goes to SciJava's status bar when there is a SciJava context and to ImageJ 1's otherwise (the plain ImageJ 1
 * entries of {@link LegacyCommand} run commands without one).
 */
public abstract class SauronCommand implements Command, Initializable, Cancelable {

	/** The Java 17 side: CommandAction.run(SauronCommand), which runs the command's action and reports failures. */
	private static final String ACTIONS = "sauron.imagej.CommandAction";

	/** Injected by SciJava; null when the command runs in plain ImageJ 1. */
	@Parameter(required = false)
	private StatusService statusService;

	/** The last run's failure; set by CommandAction. */
	String error;

	private String cancelReason;

	@Override
	public void initialize() {
		final String refusal = JavaVersionGate.check(title());
		if (refusal != null) cancel(refusal);
	}

	/** Runs the command; a failure is reported in one line, stops the calling macro and cancels the command with that line. */
	@Override
	public final void run() {
		error = JavaVersionGate.check(title());
		if (error == null) runAction();
		if (error != null) cancel(error);
	}

	private void runAction() {
		try {
			final Method run = Class.forName(ACTIONS, true, SauronCommand.class.getClassLoader()).getDeclaredMethod("run", SauronCommand.class);
			run.setAccessible(true);
			run.invoke(null, this);
		} catch (final InvocationTargetException e) {
			fail(e.getCause());
		} catch (final ReflectiveOperationException | LinkageError e) {
			fail(e);
		}
	}

	private void fail(final Throwable e) {
		error = UserMessages.of(e);
		UserMessages.error(title(), e);
	}

	/** The command's name in messages: its menu label. */
	final String title() {
		final org.scijava.plugin.Plugin p = getClass().getAnnotation(org.scijava.plugin.Plugin.class);
		final String path = p == null ? "" : p.menuPath();
		return path.isEmpty() ? getClass().getSimpleName() : path.substring(path.lastIndexOf('>') + 1).replace("...", "");
	}

	/** The message of the last run's failure, or null when it succeeded. */
	public final String error() {
		return error;
	}

	final void status(final String text) {
		if (statusService != null) statusService.showStatus(text);
		else IJ.showStatus(text);
	}

	final void progress(final int done, final int total) {
		if (statusService != null) statusService.showProgress(done, total);
		else IJ.showProgress(done, total);
	}

	@Override
	public boolean isCanceled() {
		return cancelReason != null;
	}

	@Override
	public void cancel(final String reason) {
		cancelReason = reason == null ? "" : reason;
	}

	@Override
	public String getCancelReason() {
		return cancelReason;
	}
}

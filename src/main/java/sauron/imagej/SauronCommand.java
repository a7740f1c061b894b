package sauron.imagej;

import org.scijava.Cancelable;
import org.scijava.Initializable;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * What every Sauron command but Feature Maps shares (that one is a DynamicCommand, see {@link ActionHost}), and the
 * door a Fiji goes through first. A command class (TrainUNetCommand, ...) holds only its {@code @Parameter} fields,
 * which SciJava and {@link LegacyCommand} read to build the dialog and the macro keys; what it does is in its action
 * (TrainUNetAction, ...; {@code CommandAction}). The command classes, this one, LegacyCommand and the few they use
 * are compiled for Java 8 (pom.xml, execution java8-entry) and name no Java 17 class of ours: Fiji loads, verifies
 * and instantiates a command before it runs it, so on a Fiji with Java 8 these must load for {@link JavaVersionGate}'s
 * sentence to be shown instead of an UnsupportedClassVersionError. The action is reached by name, only once the gate
 * let the run through.
 * <p>
 * SciJava calls {@link #initialize} before it shows the dialog: on too old a Java the user gets the sentence and the
 * run is cancelled there. run() catches every failure, reports it in one line and cancels the command with it;
 * progress goes to SciJava's StatusService and a failure to SciJava (the cancel reason, which its UIService shows,
 * and the LogService headless: see {@link UserMessages#error}) when there is a SciJava context, and to ImageJ 1
 * otherwise (the plain ImageJ 1 entries of {@link LegacyCommand} run commands without one).
 */
public abstract class SauronCommand implements Command, Initializable, Cancelable, ActionHost {

	/** Injected by SciJava; null when the command runs in plain ImageJ 1. */
	@Parameter(required = false)
	private StatusService statusService;

	@Parameter(required = false)
	private LogService logService;

	private String error, cancelReason;

	@Override
	public void initialize() {
		ActionHost.refusedJava(this);
	}

	/** Runs the command; a failure is reported in one line, stops the calling macro and cancels the command with that line. */
	@Override
	public final void run() {
		ActionHost.run(this);
	}

	@Override
	public final String title() {
		return ActionHost.title(getClass());
	}

	@Override
	public final String error() {
		return error;
	}

	@Override
	public final void setError(final String message) {
		error = message;
	}

	@Override
	public final void report(final String message) {
		UserMessages.error(title(), message, logService);
	}

	@Override
	public final void status(final String text) {
		UserMessages.status(statusService, text);
	}

	@Override
	public final void progress(final int done, final int total) {
		UserMessages.progress(statusService, done, total);
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

package sauron.imagej;

import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;

import java.util.concurrent.CancellationException;

import com.google.gson.JsonObject;

import ij.IJ;
import sauron.worker.EngineProcess;

/**
 * What every Sauron command shares: run() catches every failure and reports it as a message (dialog or log
 * line), and progress goes to SciJava's status bar when there is a SciJava context and to ImageJ 1's
 * otherwise (the plain ImageJ 1 entries of {@link LegacyCommand} run commands without one).
 */
public abstract class SauronCommand implements Command {

	/** Injected by SciJava; null when the command runs in plain ImageJ 1. */
	@Parameter(required = false)
	private StatusService statusService;

	private String error;

	@Override
	public final void run() {
		error = null;
		try {
			execute();
		} catch (final CancellationException e) {
			status(title() + " cancelled");
		} catch (final Exception | LinkageError | OutOfMemoryError e) {
			error = UserMessages.of(e);
			UserMessages.error(title(), e);
		} finally {
			progress(1, 1);
		}
	}

	protected abstract void execute() throws Exception;

	/** The command's name in messages: its menu label. */
	protected final String title() {
		final org.scijava.plugin.Plugin p = getClass().getAnnotation(org.scijava.plugin.Plugin.class);
		final String path = p == null ? "" : p.menuPath();
		return path.isEmpty() ? getClass().getSimpleName() : path.substring(path.lastIndexOf('>') + 1).replace("...", "");
	}

	/** The message of the last run's failure, or null when it succeeded. */
	public final String error() {
		return error;
	}

	protected final void status(final String text) {
		if (statusService != null) statusService.showStatus(text);
		else IJ.showStatus(text);
	}

	/** The engine's lines to ImageJ's log and its progress events to the progress bar. */
	protected final EngineProcess.Listener progressListener() {
		return new EngineProcess.Listener() {
			@Override
			public void log(final String line) { UserMessages.log(line); }

			@Override
			public void event(final JsonObject e) {
				if (e.get("type").getAsString().equals("progress")) progress(e.get("done").getAsInt(), e.get("total").getAsInt());
			}
		};
	}

	protected final void progress(final int done, final int total) {
		if (statusService != null) statusService.showProgress(done, total);
		else IJ.showProgress(done, total);
	}
}

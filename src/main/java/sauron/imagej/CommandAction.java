package sauron.imagej;

import java.util.concurrent.CancellationException;

import ij.IJ;
import sauron.engine.EngineEvent;
import sauron.worker.EngineProcess;

/**
 * What a command does, given its filled-in command object: TrainUNetCommand's work is in TrainUNetAction, and so on.
 * The command classes are compiled for Java 8 and name no class of this Java 17 side (see {@link SauronCommand});
 * {@link ActionHost#run} reaches {@link #run} by name once the Java version check let the run through.
 */
abstract class CommandAction<C extends ActionHost> {

	protected final C command;

	CommandAction(final C command) {
		this.command = command;
	}

	protected abstract void execute() throws Exception;

	/** Runs the command's action; every failure becomes the command's error and a message (dialog or log line). */
	static void run(final ActionHost command) {
		try {
			of(command).execute();
		} catch (final CancellationException e) {
			command.status(command.title() + " cancelled");
		} catch (final Exception | LinkageError | OutOfMemoryError e) {
			ActionHost.fail(command, e);
		} finally {
			command.progress(1, 1);
		}
	}

	private static CommandAction<?> of(final ActionHost c) {
		if (c instanceof TrainUNetCommand t) return new TrainUNetAction(t);
		if (c instanceof SegmentImageCommand s) return new SegmentImageAction(s);
		if (c instanceof SegmentFolderCommand s) return new SegmentFolderAction(s);
		if (c instanceof EvaluateSegmentationCommand e) return new EvaluateSegmentationAction(e);
		if (c instanceof PruneModelCommand p) return new PruneModelAction(p);
		if (c instanceof FeatureMapsCommand f) return new FeatureMapsAction(f);
		if (c instanceof ModelInfoCommand m) return new ModelInfoAction(m);
		if (c instanceof ExportBioimageioCommand e) return new ExportBioimageioAction(e);
		if (c instanceof ImportNiftiCommand i) return new ImportNiftiAction(i);
		if (c instanceof EngineOptionsCommand o) return new EngineOptionsAction(o);
		throw new IllegalStateException(c.getClass().getName() + " has no action");
	}

	protected final String title() {
		return command.title();
	}

	protected final void status(final String text) {
		command.status(text);
	}

	protected final void progress(final int done, final int total) {
		command.progress(done, total);
	}

	/** Whether the run was asked to end: Esc in ImageJ, or SciJava's cancel (Cancelable: a script's module.cancel, ...). */
	protected final boolean stopRequested() {
		// IJ.escapePressed: Esc is ImageJ 1's key listener's; SciJava has no service that sees it.
		return IJ.escapePressed() || command.isCanceled();
	}

	/** The engine's lines to ImageJ's log and its progress events to the progress bar. */
	protected final EngineProcess.Listener progressListener() {
		return new EngineProcess.Listener() {
			@Override
			public void log(final String line) { UserMessages.log(line); }

			@Override
			public void event(final EngineEvent e) {
				if (e instanceof EngineEvent.Progress p) progress(p.done(), p.total());
			}
		};
	}
}

package sauron.imagej;

import java.nio.file.Path;

import ij.text.TextWindow;
import sauron.engine.InfoRequest;

/** {@link ModelInfoCommand}: the engine's "info" report in a text window, or the log headless. */
final class ModelInfoAction extends CommandAction<ModelInfoCommand> {

	ModelInfoAction(final ModelInfoCommand command) {
		super(command);
	}

	@Override
	protected void execute() throws Exception {
		command.report = null;
		final String report;
		try (EngineCall call = new EngineCall()) {
			report = call.run(new InfoRequest(Path.of(EngineCall.modelDir(command.model_dir))), new sauron.worker.EngineProcess.Listener() {}, () -> false);
		}
		command.report = report;
		if (UserMessages.headless()) UserMessages.log(report);
		else new TextWindow("Model Info: " + command.model_dir.getName(), "", report, 680, windowHeight(report));
	}

	/** Tall enough for the whole report (layers and history) where the screen allows, so it reads without scrolling. */
	private static int windowHeight(final String text) {
		final int lines = (int) text.lines().count();
		// ImageJ 1's screen size (the screen ImageJ is on), for ImageJ 1's TextWindow; SciJava's UIService gives none.
		return Math.max(300, Math.min(ij.IJ.getScreenSize().height - 120, 120 + 22 * lines));
	}
}

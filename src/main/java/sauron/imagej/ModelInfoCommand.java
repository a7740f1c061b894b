package sauron.imagej;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.text.TextWindow;

/** Describes a model folder (network, filters per layer, parameters, FLOPs, history) in a text window, or the log headless. */
@Plugin(type = Command.class, menuPath = "Plugins>Sauron U-Net>Model Info")
public final class ModelInfoCommand extends SauronCommand {

	@Parameter(style = "directory")
	File model_dir;

	private String report;

	@Override
	protected void execute() throws Exception {
		report = null;
		try (EngineCall call = new EngineCall("info")) {
			report = call.with("-m", EngineCall.modelDir(model_dir)).run(new sauron.worker.EngineProcess.Listener() {}, () -> false);
		}
		if (UserMessages.headless()) UserMessages.log(report);
		else new TextWindow("Model Info: " + model_dir.getName(), "", report, 680, windowHeight(report));
	}

	/** Tall enough for the whole report (layers and history) where the screen allows, so it reads without scrolling. */
	private static int windowHeight(final String text) {
		final int lines = (int) text.lines().count();
		return Math.max(300, Math.min(ij.IJ.getScreenSize().height - 120, 120 + 22 * lines));
	}

	/** The text of the last run, or null when it failed. */
	public String report() {
		return report;
	}
}

package sauron.imagej;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Describes a model folder (network, filters per layer, parameters, FLOPs, history) in a text window, or the log headless. */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>Sauron U-Net>Model Info")
public final class ModelInfoCommand extends SauronCommand {

	@Parameter(label = "Model folder", style = "directory", description = "a model folder written by Train U-Net")
	File model_dir;

	/** Set by {@link ModelInfoAction}. */
	String report;

	/** The text of the last run, or null when it failed. */
	public String report() {
		return report;
	}
}

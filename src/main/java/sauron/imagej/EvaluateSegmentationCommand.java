package sauron.imagej;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/**
 * Scores a predicted label image against the ground truth: one row per foreground class with Dice, HD95 and
 * volumes, in the "Results" table so that macros read it with getResult("Dice", row).
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>Sauron U-Net>Evaluate Segmentation")
public final class EvaluateSegmentationCommand extends SauronCommand {

	public static final String TABLE = "Results";

	@Parameter(label = "Prediction", description = "the predicted label image")
	ImagePlus prediction;

	@Parameter(label = "Ground truth", description = "the ground-truth label image")
	ImagePlus truth;

	@Parameter(label = "Classes", min = "0", description = "classes incl. background; 0: automatic (the largest label in either + 1)")
	int classes = 0;

	/** Set by {@link EvaluateSegmentationAction}. */
	ResultsTable table;

	/** The table of the last run, or null when it failed. */
	public ResultsTable table() {
		return table;
	}
}

package sauron.imagej;

import java.util.List;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;
import sauron.data.LabelVolume;
import sauron.metrics.ClassScores;
import sauron.metrics.SegmentationMetrics;

/**
 * Scores a predicted label image against the ground truth: one row per foreground class with Dice, HD95 and
 * volumes, in the "Results" table so that macros read it with getResult("Dice", row).
 */
@Plugin(type = Command.class, menuPath = "Plugins>Sauron U-Net>Evaluate Segmentation")
public final class EvaluateSegmentationCommand extends SauronCommand {

	public static final String TABLE = "Results";

	@Parameter(description = "the predicted label image")
	ImagePlus prediction;

	@Parameter(description = "the ground-truth label image")
	ImagePlus truth;

	@Parameter(min = "0", description = "classes incl. background; 0: largest label in either + 1")
	int classes = 0;

	private ResultsTable table;

	@Override
	protected void execute() {
		table = null;
		if (prediction == null || truth == null) throw new IllegalArgumentException("give a prediction and a truth label image");
		final LabelVolume p = ImagePlusVolumes.toLabels(prediction), t = ImagePlusVolumes.toLabels(truth);
		final int n = classes > 0 ? classes : Math.max(2, Math.max(p.maxLabel(), t.maxLabel()) + 1);
		final List<ClassScores> scores = SegmentationMetrics.evaluate(p, t, n);
		final String unit = truth.getCalibration().scaled() ? "mm" : "pixel";
		final ResultsTable rt = new ResultsTable();
		for (final ClassScores s : scores) {
			rt.addRow();
			rt.addValue("class", s.label());
			rt.addValue("Dice", s.dice());
			rt.addValue("HD95", s.hd95());
			rt.addValue("truth volume", s.truthVolume());
			rt.addValue("predicted volume", s.predictedVolume());
			rt.addValue("unit", unit + (p.dims() == 3 ? " (volumes " + unit + "^3)" : " (areas " + unit + "^2)"));
			rt.addValue("prediction", prediction.getTitle());
			rt.addValue("truth", truth.getTitle());
		}
		table = rt;
		if (UserMessages.headless()) {
			// No window to show: make it the table macros read, and log it.
			Analyzer.setResultsTable(rt);
			UserMessages.log(rt.getColumnHeadings());
			for (int r = 0; r < rt.size(); r++) UserMessages.log(rt.getRowAsString(r));
		} else rt.show(TABLE);
	}

	/** The table of the last run, or null when it failed. */
	public ResultsTable table() {
		return table;
	}
}

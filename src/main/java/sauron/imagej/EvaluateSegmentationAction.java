package sauron.imagej;

import java.util.List;

import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;
import sauron.data.LabelVolume;
import sauron.metrics.ClassScores;
import sauron.metrics.SegmentationMetrics;

/** {@link EvaluateSegmentationCommand}: Dice, HD95 and volumes per class, in this JVM (no TensorFlow involved). */
final class EvaluateSegmentationAction extends CommandAction<EvaluateSegmentationCommand> {

	EvaluateSegmentationAction(final EvaluateSegmentationCommand command) {
		super(command);
	}

	@Override
	protected void execute() {
		final EvaluateSegmentationCommand c = command;
		c.table = null;
		if (c.prediction == null || c.truth == null) throw new IllegalArgumentException("give a prediction and a truth label image");
		final LabelVolume p = ImagePlusVolumes.toLabels(c.prediction), t = ImagePlusVolumes.toLabels(c.truth);
		final int n = c.classes > 0 ? c.classes : Math.max(2, Math.max(p.maxLabel(), t.maxLabel()) + 1);
		final List<ClassScores> scores = SegmentationMetrics.evaluate(p, t, n);
		final String unit = c.truth.getCalibration().scaled() ? "mm" : "pixel";
		final ResultsTable rt = new ResultsTable();
		for (final ClassScores s : scores) {
			rt.addRow();
			rt.addValue("class", s.label());
			rt.addValue("Dice", s.dice());
			rt.addValue("HD95", s.hd95());
			rt.addValue("truth volume", s.truthVolume());
			rt.addValue("predicted volume", s.predictedVolume());
			rt.addValue("unit", unit + (p.dims() == 3 ? " (volumes " + unit + "^3)" : " (areas " + unit + "^2)"));
			rt.addValue("prediction", c.prediction.getTitle());
			rt.addValue("truth", c.truth.getTitle());
		}
		c.table = rt;
		if (UserMessages.headless()) {
			// No window to show: make it the table macros read, and log it.
			Analyzer.setResultsTable(rt);
			UserMessages.log(rt.getColumnHeadings());
			for (int r = 0; r < rt.size(); r++) UserMessages.log(rt.getRowAsString(r));
		} else rt.show(EvaluateSegmentationCommand.TABLE);
	}
}

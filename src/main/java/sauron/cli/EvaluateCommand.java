package sauron.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sauron.data.LabelVolume;
import sauron.io.ImageFiles;
import sauron.metrics.ClassScores;
import sauron.metrics.SegmentationMetrics;

@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Score a label image against the ground truth: Dice, HD95 (physical units) and volumes per class.")
final class EvaluateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-p", "--prediction" }, required = true, paramLabel = "FILE")
	Path prediction;

	@Option(names = { "-t", "--truth" }, required = true, paramLabel = "FILE")
	Path truth;

	@Option(names = "--classes", description = "classes incl. background (at least 1); default: largest label in either + 1")
	Integer classes;

	@Override
	public Integer call() throws Exception {
		if (classes != null && classes < 1)
			throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--classes " + classes + ": give at least 1 (background included), or leave it out to count the labels found");
		final LabelVolume p = ImageFiles.readLabels(prediction), t = ImageFiles.readLabels(truth);
		final int n = classes != null ? classes : Math.max(2, Math.max(p.maxLabel(), t.maxLabel()) + 1);
		final List<ClassScores> scores;
		try {
			scores = SegmentationMetrics.evaluate(p, t, n);
		} catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("cannot compare prediction " + prediction + " with truth " + truth + ": " + e.getMessage(), e);
		}
		final var out = spec.commandLine().getOut();
		out.printf("%-6s %8s %10s %14s %14s%n", "class", "Dice", "HD95", "truth volume", "pred. volume");
		for (final ClassScores s : scores)
			out.printf("%-6d %8.4f %10.3f %14.1f %14.1f%n", s.label(), s.dice(), s.hd95(), s.truthVolume(), s.predictedVolume());
		out.println("(HD95 and volumes in the images' voxel units, mm for NIfTI)");
		return 0;
	}
}

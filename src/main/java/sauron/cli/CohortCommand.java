package sauron.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sauron.cohort.CohortJob;
import sauron.engine.EngineEvent;
import sauron.engine.EngineEvents;

/**
 * {@code sauron cohort}: segment and score whole cohorts as Apache Spark jobs. Spark is not part of the plugin's
 * runtime (the update site and the Fiji engine do not carry it): these classes name no Spark type, so the command
 * line starts without Spark, and running a cohort command without it says so in one line.
 */
@Command(name = "cohort", mixinStandardHelpOptions = true, description = "Segment and score whole cohorts on Apache Spark: locally on all cores by default, or on a cluster.",
		subcommands = { CohortCommand.Segment.class, CohortCommand.Evaluate.class })
final class CohortCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	/** Where the job runs; shared by both subcommands. */
	static final class SparkOptions {

		@Option(names = "--master", description = "Spark master URL: local[N], spark://host:7077, yarn, k8s://...; default: spark-submit's, else local[*]", paramLabel = "URL")
		String master;

		@Option(names = "--conf", description = "a Spark setting, repeatable (spark.hadoop.fs.s3a.endpoint=..., spark.executor.memory=8g)", paramLabel = "KEY=VALUE")
		Map<String, String> conf = new LinkedHashMap<>();

		CohortJob.SparkSettings settings() {
			requireSpark();
			return new CohortJob.SparkSettings(master, conf);
		}
	}

	@Command(name = "segment", mixinStandardHelpOptions = true, description = { "Segment every image of a cohort with a model, one Spark task per image, as `sauron segment` would.",
			"Labels go into --output under the images' names; an image whose labels exist there is skipped (a rerun resumes).",
			"A bad image fails only its own row. Writes the results table (cohort-results.csv/ and .parquet/) into --output and ends with a summary line." })
	static final class Segment implements java.util.concurrent.Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = { "-m", "--model" }, required = true, description = "model folder (any Hadoop file system)", paramLabel = "DIR")
		String model;

		@Option(names = "--input", required = true, description = "the images: a folder, a glob in quotes ('data/*/t1.nii.gz') or a list file (one path per line)", paramLabel = "PATH")
		String input;

		@Option(names = "--output", required = true, description = "folder for the label images and the results table", paramLabel = "DIR")
		String output;

		@Option(names = "--truth", description = "folder of truth label images named like the images: adds Dice and HD95 per class to the table", paramLabel = "DIR")
		String truth;

		@CommandLine.Mixin
		SparkOptions spark;

		@Override
		public Integer call() throws Exception {
			final CohortJob.SparkSettings settings = spark.settings();
			final PrintWriter out = spec.commandLine().getOut();
			return finish(CohortJob.segment(model, input, output, truth, settings, out::println), spec);
		}
	}

	@Command(name = "evaluate", mixinStandardHelpOptions = true, description = { "Score every prediction of a folder against the truth of the same name, one Spark task per image,",
			"as `sauron evaluate` would. Writes the results table (cohort-results.csv/ and .parquet/) into --output and ends with a summary line." })
	static final class Evaluate implements java.util.concurrent.Callable<Integer> {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = { "-p", "--predictions" }, required = true, description = "the label images to score: a folder, a glob in quotes or a list file", paramLabel = "PATH")
		String predictions;

		@Option(names = { "-t", "--truth" }, required = true, description = "folder of truth label images named like the predictions", paramLabel = "DIR")
		String truth;

		@Option(names = "--output", required = true, description = "folder for the results table", paramLabel = "DIR")
		String output;

		@Option(names = "--classes", description = "classes incl. background (at least 1); default: per image, the largest label in either + 1")
		Integer classes;

		@CommandLine.Mixin
		SparkOptions spark;

		@Override
		public Integer call() throws Exception {
			if (classes != null && classes < 1)
				throw new CommandLine.ParameterException(spec.commandLine(), "--classes " + classes + ": give at least 1 (background included), or leave it out to count the labels found");
			final CohortJob.SparkSettings settings = spark.settings();
			final PrintWriter out = spec.commandLine().getOut();
			return finish(CohortJob.evaluate(predictions, truth, output, classes == null ? 0 : classes, settings, out::println), spec);
		}
	}

	/** The failures one line each on the error stream, as `segment --input-dir` prints them, the summary, and exit 1 if any failed. */
	private static int finish(final CohortJob.Report report, final CommandLine.Model.CommandSpec spec) {
		final List<String> failures = report.failures();
		for (final String f : failures) spec.commandLine().getErr().println("failed: " + f);
		spec.commandLine().getOut().println(report.summary());
		if (failures.isEmpty()) return 0;
		spec.commandLine().getErr().println(EngineEvents.line(new EngineEvent.Failure(failures.size() + " of " + report.records() + " failed; the results table says why")));
		return 1;
	}

	/** A one-line error instead of a NoClassDefFoundError when Spark is not on the class path (the Fiji engine, the update site). */
	static void requireSpark() {
		try {
			Class.forName("org.apache.spark.sql.SparkSession", false, CohortCommand.class.getClassLoader());
		} catch (final ClassNotFoundException e) {
			throw new IllegalStateException("sauron cohort needs Apache Spark 4 on the class path, which the Fiji update site does not carry;"
					+ " run it with bin/sauron from a checkout, or submit the cohort jar with spark-submit (README: Cohorts on Spark)");
		}
	}
}

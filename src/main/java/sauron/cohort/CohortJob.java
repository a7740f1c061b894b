package sauron.cohort;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import scala.Option;

/**
 * Segments or scores a cohort as one Spark job: one task per image, the model broadcast to the executors, one
 * result row per image collected on the driver and written as a table. Everything that can be checked (options,
 * listing, truths, the model) is checked before Spark starts. The job runs in this JVM's Spark session when there
 * is one (spark-submit, spark-shell, a test) and leaves it running; otherwise it starts one (master {@code local[*]}
 * unless given, or as spark-submit configured it) and stops it at the end.
 */
public final class CohortJob {

	/**
	 * @param master a Spark master URL, or null for spark-submit's or else {@code local[*]}
	 * @param conf further Spark settings ({@code spark.hadoop.*} for the file systems)
	 */
	public record SparkSettings(String master, Map<String, String> conf) {}

	/**
	 * @param summary the line to end with
	 * @param failures "image: why" per failed image, in image order
	 * @param records "5 images", "4 predictions": what the job went through
	 */
	public record Report(String summary, List<String> failures, String records) {}

	private CohortJob() {}

	/** {@code sauron cohort segment}: labels for every image into {@code output}, scored when {@code truth} (a folder) is given. */
	public static Report segment(final String model, final String input, final String output, final String truth, final SparkSettings settings,
			final Consumer<String> log) throws IOException {
		final long start = System.nanoTime();
		final SparkConf conf = sparkConf(settings, "sauron cohort segment");
		final HadoopSettings hadoop = HadoopSettings.of(conf);
		final List<CohortImage> images = CohortPlan.segment(input, output, truth, model, hadoop.configuration());
		final ModelArchive archive = ModelArchive.read("--model", model, hadoop.configuration());
		final Path out = CohortPlan.qualified(output, hadoop.configuration());
		HadoopFiles.of(out, hadoop.configuration()).mkdirs(out);
		final int leftovers = AtomicUpload.removeLeftovers(out, hadoop.configuration());
		if (leftovers > 0) log.accept("removed " + leftovers + " partial file(s) that an interrupted run left in " + output);
		// Loaded here once to fail on a broken model before Spark starts; in local mode the tasks reuse this load.
		final int classes;
		try {
			classes = ExecutorModels.segmenter(archive.hash(), () -> archive).model().spec().classes();
		} catch (final RuntimeException e) {
			ExecutorModels.closeAll();
			throw e;
		}
		return run(conf, log, CohortSummary.count(images.size(), "image"), spark -> {
			final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
			final Broadcast<ModelArchive> broadcast = jsc.broadcast(archive);
			try {
				final List<CohortResult> results = runTasks(jsc, images, new SegmentTask(archive.hash(), broadcast, hadoop, classes));
				return report("cohort segment", "image", results, new ResultTable(ResultTable.Kind.SEGMENT, truth != null, results), spark, out, start);
			} finally {
				broadcast.destroy();
			}
		});
	}

	/** {@code sauron cohort evaluate}: every prediction scored against the truth of the same name; the table goes into {@code output}. */
	public static Report evaluate(final String predictions, final String truth, final String output, final int classes, final SparkSettings settings,
			final Consumer<String> log) throws IOException {
		final long start = System.nanoTime();
		final SparkConf conf = sparkConf(settings, "sauron cohort evaluate");
		final HadoopSettings hadoop = HadoopSettings.of(conf);
		final List<CohortImage> images = CohortPlan.evaluate(predictions, truth, hadoop.configuration());
		final Path out = CohortPlan.qualified(output, hadoop.configuration());
		return run(conf, log, CohortSummary.count(images.size(), "prediction"), spark -> {
			final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
			final List<CohortResult> results = runTasks(jsc, images, new ScoreTask(hadoop, classes));
			return report("cohort evaluate", "prediction", results, new ResultTable(ResultTable.Kind.EVALUATE, true, results), spark, out, start);
		});
	}

	/** One task per image, so that a slow or retried image holds up no other and the executors share the work evenly. */
	private static List<CohortResult> runTasks(final JavaSparkContext jsc, final List<CohortImage> images, final Function<CohortImage, CohortResult> task) {
		final List<CohortResult> results = new ArrayList<>(jsc.parallelize(images, Math.max(1, images.size())).map(task).collect());
		results.sort(Comparator.comparing(CohortResult::input));
		return results;
	}

	private static Report report(final String job, final String noun, final List<CohortResult> results, final ResultTable table, final SparkSession spark,
			final Path out, final long start) {
		final List<String> tables = table.write(spark, results, out.toString());
		final List<String> failures = new ArrayList<>();
		for (final CohortResult r : results)
			if (r.status() == CohortResult.Status.FAILED) failures.add(r.input() + ": " + r.error());
		return new Report(CohortSummary.line(job, noun, results, (System.nanoTime() - start) / 1e9, tables), failures, CohortSummary.count(results.size(), noun));
	}

	@FunctionalInterface
	private interface SparkWork {
		Report run(SparkSession spark) throws IOException;
	}

	private static Report run(final SparkConf conf, final Consumer<String> log, final String what, final SparkWork work) throws IOException {
		final SparkSession running = running();
		final SparkSession spark = running != null ? running : SparkSession.builder().config(conf).getOrCreate();
		log.accept(what + " on Spark " + spark.version() + ", master " + spark.sparkContext().master());
		try {
			return work.run(spark);
		} finally {
			if (running == null) spark.stop();
			// Every task of this job has ended: a local run's executor models (this JVM's) can go.
			ExecutorModels.closeAll();
		}
	}

	/** This thread's or this JVM's Spark session if one is running, else null. */
	private static SparkSession running() {
		for (final Option<SparkSession> s : List.of(SparkSession.getActiveSession(), SparkSession.getDefaultSession()))
			if (s.isDefined() && !s.get().sparkContext().isStopped()) return s.get();
		return null;
	}

	/** The job's Spark settings: spark-submit's (system properties), then ours; local[*] when nobody named a master. */
	private static SparkConf sparkConf(final SparkSettings settings, final String app) {
		SparkLogging.quietUnlessConfigured();
		final SparkConf conf = new SparkConf();
		settings.conf().forEach(conf::set);
		if (settings.master() != null) conf.setMaster(settings.master());
		else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
		conf.setIfMissing("spark.app.name", app);
		// A local run has no cluster to watch: no web UI (a port, and a second of start-up).
		if (conf.get("spark.master").startsWith("local")) conf.setIfMissing("spark.ui.enabled", "false");
		return conf;
	}
}

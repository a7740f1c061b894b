package sauron.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sauron.cohort.CohortTestData.names;
import static sauron.cli.Cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.cli.Cli.Result;
import sauron.io.ImageFiles;
import sauron.metrics.ClassScores;
import sauron.metrics.SegmentationMetrics;

/**
 * Issue 12: `sauron cohort segment` and `evaluate` as Spark jobs, run here in local mode with 2 worker threads on a
 * cohort of five small images (NIfTI, plain NIfTI, TIFF), one of them corrupt, each with a truth.
 */
class CohortCommandsTest {

	static final String[] GOOD = { "a.nii.gz", "b.tif", "c.nii", "e.nii.gz" };
	static final String CORRUPT = "d.nii.gz";

	@TempDir
	static Path shared;
	static SparkSession spark;
	static Path model, in, truth, out, reference;
	/** The first cohort run, which every test below looks at (none of them changes its folder). */
	static Result first;
	/** How many times this JVM (driver and both worker threads) loaded a model in the first run. */
	static int firstRunLoads;

	@BeforeAll
	static void aSparkWithTwoWorkerThreadsAndAFirstRunOverTheCohort() throws IOException {
		SparkLogging.quietUnlessConfigured();
		spark = SparkSession.builder().master("local[2]").appName("CohortCommandsTest").config("spark.ui.enabled", "false").getOrCreate();
		model = CohortTestData.tinyModel(shared.resolve("model"));
		in = Files.createDirectories(shared.resolve("in"));
		truth = Files.createDirectories(shared.resolve("truth"));
		CohortTestData.cohort(in, truth, "a.nii.gz", "b.tif", "c.nii", CORRUPT, "e.nii.gz");
		CohortTestData.corrupt(in.resolve(CORRUPT));
		out = shared.resolve("out");
		final int loads = ExecutorModels.loads();
		first = segment(in, out, "--truth", truth.toString());
		firstRunLoads = ExecutorModels.loads() - loads;
		// What `sauron segment` writes for the same images, one JVM-wide model load as in any CLI run.
		reference = shared.resolve("reference");
		final List<String> args = new ArrayList<>(List.of("segment", "-m", model.toString()));
		for (final String name : GOOD) args.addAll(List.of("-i", in.resolve(name).toString(), "-o", reference.resolve(name).toString()));
		final Result r = run(args.toArray(new String[0]));
		assertEquals(0, r.exit(), r::toString);
	}

	@AfterAll
	static void stopSpark() {
		if (spark != null) spark.stop();
	}

	static Result segment(final Path images, final Path output, final String... extra) {
		final List<String> args = new ArrayList<>(List.of("cohort", "segment", "-m", model.toString(), "--input", images.toString(), "--output", output.toString()));
		args.addAll(List.of(extra));
		return run(args.toArray(new String[0]));
	}

	static String uri(final Path p) {
		return "file:" + p.toAbsolutePath();
	}

	@Test
	void theCorruptImageFailsItsOwnRowOnlyAndTheRunEndsWithASummary() throws IOException {
		assertEquals(1, first.exit(), first::toString);
		final List<String> err = first.err().lines().toList();
		assertEquals(2, err.size(), first::toString);
		assertTrue(err.get(0).startsWith("failed: " + uri(in.resolve(CORRUPT)) + ": "), first::toString);
		assertEquals("error: 1 of 5 images failed; the results table says why", err.get(1));
		final List<String> lines = first.out().lines().toList();
		assertTrue(lines.get(0).startsWith("5 images on Spark "), first::toString);
		assertTrue(lines.get(0).endsWith("master local[2]"), first::toString);
		assertTrue(lines.get(lines.size() - 1).startsWith("cohort segment: 5 images: 4 done, 1 failed; mean Dice "), first::toString);
		// Labels of the good images, the table, nothing for the corrupt one and no temporary file left behind.
		assertEquals(List.of("a.nii.gz", "b.tif", "c.nii", ResultTable.NAME + ".csv", ResultTable.NAME + ".parquet", "e.nii.gz"), names(out));
	}

	@Test
	void theJvmLoadsTheModelOnceForAllItsImages() {
		assertEquals(1, firstRunLoads);
	}

	@Test
	void theLabelsAreThoseOfSauronSegmentVoxelForVoxel() throws IOException {
		for (final String name : GOOD) {
			assertArrayEquals(ImageFiles.readLabels(reference.resolve(name)).labels(), ImageFiles.readLabels(out.resolve(name)).labels(), name);
			assertEquals(-1L, Files.mismatch(reference.resolve(name), out.resolve(name)), name + ": the files are equal byte for byte, header included");
		}
	}

	@Test
	void theTableHasOneRowPerImageWithTheScoresOfSauronEvaluateInCsvAndParquet() throws IOException {
		final List<Row> rows = parquet(out);
		assertEquals(5, rows.size());
		for (final Row row : rows) {
			final String name = Path.of(row.<String>getAs("image").substring("file:".length())).getFileName().toString();
			assertEquals(uri(in.resolve(name)), row.getAs("image"));
			assertEquals(uri(out.resolve(name)), row.getAs("labels"));
			assertEquals(uri(truth.resolve(name)), row.getAs("truth"));
			assertTrue(row.<Double>getAs("seconds") > 0, row::toString);
			if (name.equals(CORRUPT)) {
				assertEquals("failed", row.getAs("status"));
				assertFalse(row.<String>getAs("error").isBlank());
				assertNull(row.getAs("voxels"));
				assertNull(row.getAs("dice_1"));
				continue;
			}
			assertEquals("done", row.getAs("status"), row::toString);
			assertNull(row.getAs("error"));
			assertEquals(24L * 20, row.<Long>getAs("voxels"));
			final ClassScores expected = SegmentationMetrics.evaluate(ImageFiles.readLabels(reference.resolve(name)), ImageFiles.readLabels(truth.resolve(name)), 2).get(0);
			assertEquals(expected.dice(), row.<Double>getAs("dice_1"), name);
			assertEquals(expected.hd95(), row.<Double>getAs("hd95_1"), name);
		}
		assertEquals(rows, csv(out, parquetSchema(out)), "the CSV holds the same table");
	}

	@Test
	void aSecondRunWritesNothingAndSkipsEveryImageWhoseLabelsExist(@TempDir final Path tmp) throws IOException {
		final Path again = Files.createDirectories(tmp.resolve("out"));
		for (final String name : GOOD) Files.copy(out.resolve(name), again.resolve(name), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
		final List<FileTime> times = new ArrayList<>();
		for (final String name : GOOD) times.add(Files.getLastModifiedTime(again.resolve(name)));
		final AtomicInteger uploads = new AtomicInteger();
		AtomicUpload.hook = (temporary, target) -> uploads.incrementAndGet();
		final Result second;
		try {
			second = segment(in, again, "--truth", truth.toString());
		} finally {
			AtomicUpload.hook = (temporary, target) -> {};
		}
		assertEquals(1, second.exit(), "the corrupt image is tried again and fails again: " + second);
		assertEquals(0, uploads.get(), "nothing written");
		for (int i = 0; i < GOOD.length; i++) assertEquals(times.get(i), Files.getLastModifiedTime(again.resolve(GOOD[i])), GOOD[i]);
		final String summary = second.out().lines().reduce((a, b) -> b).orElseThrow();
		assertTrue(summary.startsWith("cohort segment: 5 images: 0 done, 4 skipped (output existed), 1 failed; mean Dice "), second::toString);
		assertEquals(meanDice(first), meanDice(second), "the skipped images are scored again, so the table stays complete");
		for (final Row row : parquet(again))
			assertEquals(row.<String>getAs("image").endsWith(CORRUPT) ? "failed" : "skipped", row.getAs("status"));
	}

	@Test
	void aFailureBetweenTheWriteAndTheRenameLeavesNoFileAndTheRerunCompletesIt(@TempDir final Path tmp) throws IOException {
		final Path images = Files.createDirectories(tmp.resolve("in")), truths = Files.createDirectories(tmp.resolve("truth"));
		CohortTestData.cohort(images, truths, "a.nii.gz", "b.tif"); // the same images as the shared a and b
		final Path output = tmp.resolve("out");
		AtomicUpload.hook = (temporary, target) -> {
			assertTrue(Files.exists(Path.of(temporary.toUri())), "the bytes are written under the temporary name");
			if (target.getName().equals("a.nii.gz")) throw new IOException("No space left on device");
		};
		final Result failed;
		try {
			failed = segment(images, output);
		} finally {
			AtomicUpload.hook = (temporary, target) -> {};
		}
		assertEquals(1, failed.exit(), failed::toString);
		assertTrue(failed.err().startsWith("failed: " + uri(images.resolve("a.nii.gz")) + ": No space left on device\n"), failed::toString);
		assertEquals(List.of("b.tif", ResultTable.NAME + ".csv", ResultTable.NAME + ".parquet"), names(output), "no labels and no temporary file for a");
		final Result rerun = segment(images, output);
		assertEquals(0, rerun.exit(), rerun::toString);
		assertTrue(rerun.out().contains("cohort segment: 2 images: 1 done, 1 skipped (output existed), 0 failed;"), rerun::toString);
		assertEquals(-1L, Files.mismatch(reference.resolve("a.nii.gz"), output.resolve("a.nii.gz")));
	}

	@Test
	void evaluateScoresEveryPredictionAgainstTheTruthOfTheSameName(@TempDir final Path tmp) throws IOException {
		final Result r = run("cohort", "evaluate", "--predictions", reference.toString(), "--truth", truth.toString(), "--output", tmp.toString());
		assertEquals(0, r.exit(), r::toString);
		assertTrue(r.out().contains("cohort evaluate: 4 predictions: 4 done, 0 failed; mean Dice "), r::toString);
		assertEquals(meanDice(first), meanDice(r), "the predictions are the first run's labels");
		final List<Row> rows = parquet(tmp);
		assertEquals(4, rows.size());
		for (final Row row : rows) {
			final Path prediction = Path.of(row.<String>getAs("prediction").substring("file:".length()));
			final String name = prediction.getFileName().toString();
			assertEquals(uri(truth.resolve(name)), row.getAs("truth"));
			final ClassScores expected = SegmentationMetrics.evaluate(ImageFiles.readLabels(prediction), ImageFiles.readLabels(truth.resolve(name)), 2).get(0);
			assertEquals(expected.dice(), row.<Double>getAs("dice_1"), name);
			assertEquals(expected.hd95(), row.<Double>getAs("hd95_1"), name);
		}
		assertEquals(rows, csv(tmp, parquetSchema(tmp)));
	}

	@Test
	void badOptionsFailInOneLineNamingTheInputBeforeAnyJob(@TempDir final Path tmp) throws IOException {
		assertRefused(segment(tmp.resolve("missing"), tmp.resolve("o")), "--input " + tmp.resolve("missing") + ": no such file or folder");
		assertRefused(segment(in, in), "--output " + in + " is the folder of the input image " + uri(in.resolve("a.nii.gz")));
		final Path someTruths = Files.createDirectories(tmp.resolve("truth"));
		Files.copy(truth.resolve("a.nii.gz"), someTruths.resolve("a.nii.gz"));
		assertRefused(segment(in, tmp.resolve("o"), "--truth", someTruths.toString()), "--truth " + someTruths + " has no b.tif for " + uri(in.resolve("b.tif")),
				"(4 images have none)");
		assertRefused(run("cohort", "segment", "-m", in.toString(), "--input", in.toString(), "--output", tmp.resolve("o").toString()),
				"--model " + in + " is not a Sauron model: it has no sauron.json");
		assertRefused(run("cohort", "evaluate", "-p", reference.toString(), "-t", tmp.resolve("none").toString(), "--output", tmp.toString()),
				"--truth " + tmp.resolve("none") + ": no such folder");
		assertFalse(Files.exists(tmp.resolve("o")), "nothing was written");
	}

	private static void assertRefused(final Result r, final String... fragments) {
		assertEquals(1, r.exit(), r::toString);
		assertEquals("", r.out(), "refused before any job: " + r);
		assertEquals(1, r.err().lines().count(), r::toString);
		assertTrue(r.err().startsWith("error: "), r::toString);
		for (final String f : fragments) assertTrue(r.err().contains(f), () -> "'" + f + "' in " + r);
	}

	private static String meanDice(final Result r) {
		final String summary = r.out().lines().reduce((a, b) -> b).orElseThrow();
		return summary.substring(summary.indexOf("mean Dice "), summary.indexOf(" (class 1"));
	}

	private static List<Row> parquet(final Path folder) {
		final var table = spark.read().parquet(folder.resolve(ResultTable.NAME + ".parquet").toString());
		return table.orderBy(table.columns()[0]).collectAsList();
	}

	private static StructType parquetSchema(final Path folder) {
		return spark.read().parquet(folder.resolve(ResultTable.NAME + ".parquet").toString()).schema();
	}

	private static List<Row> csv(final Path folder, final StructType schema) {
		final var table = spark.read().schema(schema).option("header", "true").csv(folder.resolve(ResultTable.NAME + ".csv").toString());
		return table.orderBy(table.columns()[0]).collectAsList();
	}
}

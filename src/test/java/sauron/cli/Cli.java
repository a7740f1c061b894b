package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sauron.data.LabelVolume;
import sauron.io.ImageFiles;
import sauron.model.ModelStore;

/**
 * Runs the command line in this JVM as a user would, checks what a failure looks like, and computes in this JVM what
 * a command's output must equal.
 */
public final class Cli {

	/** Tiny networks (2 levels, 4 filters, 1 epoch of 2 steps) so a training takes seconds. */
	static final String[] TINY_2D = { "--levels", "2", "--base", "4", "--patch", "16x16", "--batch", "2", "--epochs", "1", "--steps", "2" };
	static final String[] TINY_3D = { "--levels", "2", "--base", "4", "--patch", "8x8x8", "--batch", "1", "--epochs", "1", "--steps", "2" };

	private Cli() {}

	/** What a command line run printed and returned. */
	public record Result(int exit, String out, String err) {
		public Result assertOk() {
			assertEquals(0, exit, this::toString);
			return this;
		}

		@Override
		public String toString() {
			return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
		}
	}

	/** Runs the command line in this JVM with captured streams (also used by the cohort tests). */
	public static Result run(final String... args) {
		final StringWriter out = new StringWriter(), err = new StringWriter();
		final int exit = SauronCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
		return new Result(exit, out.toString(), err.toString());
	}

	/** Trains with {@link #TINY_2D} settings, of which {@code extra} may replace some ("--patch", "32x32"). */
	static Result train(final Path image, final Path labels, final Path model, final String... extra) {
		final List<String> args = new ArrayList<>(List.of("train", "-i", image.toString(), "-l", labels.toString(), "-m", model.toString()));
		final List<String> replaced = Arrays.asList(extra);
		for (int i = 0; i < TINY_2D.length; i += 2)
			if (!replaced.contains(TINY_2D[i])) args.addAll(List.of(TINY_2D[i], TINY_2D[i + 1]));
		args.addAll(replaced);
		return run(args.toArray(new String[0]));
	}

	static Result segment(final Path model, final Path image, final Path output) {
		return run("segment", "-m", model.toString(), "-i", image.toString(), "-o", output.toString());
	}

	/** Exit 1 with one "error: ..." line that contains every fragment, and no stack trace. */
	static void assertFailsClearly(final Result r, final String... fragments) {
		assertEquals(1, r.exit(), r::toString);
		assertTrue(r.err().startsWith("error: "), r::toString);
		assertFalse(r.err().contains("\tat "), r::toString);
		assertFalse(r.err().contains("Exception"), r::toString);
		for (final String f : fragments) assertTrue(r.err().contains(f), () -> "'" + f + "' in " + r);
	}

	static String[] concat(final String[] a, final String... b) {
		final String[] all = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

	/** What the model gives for the image in this JVM, with the command's defaults (patch-sized tiles, overlap 0.5). */
	static sauron.segment.Segmentation segmentHere(final Path model, final Path image) throws IOException {
		try (sauron.segment.ModelSegmenter segmenter = new sauron.segment.ModelSegmenter(ModelStore.load(model))) {
			return segmenter.segment(ImageFiles.readImage(image), image.getFileName().toString());
		}
	}

	/** The row evaluate must print for class 1 (background is not scored), from the metrics computed here. */
	static List<String> scoreRows(final LabelVolume prediction, final LabelVolume truth) {
		return sauron.metrics.SegmentationMetrics.evaluate(prediction, truth, 2).stream()
				.map(s -> String.format("%-6d %8.4f %10.3f %14.1f %14.1f", s.label(), s.dice(), s.hd95(), s.truthVolume(), s.predictedVolume())).toList();
	}
}

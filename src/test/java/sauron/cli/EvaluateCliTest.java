package sauron.cli;

import static sauron.cli.TrainedModels.labels2d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sauron.cli.Cli.assertFailsClearly;
import static sauron.cli.Cli.run;
import static sauron.cli.Cli.scoreRows;
import static sauron.cli.CliFiles.VOXEL_2D;
import static sauron.cli.CliFiles.disc;
import static sauron.cli.CliFiles.discLabels;
import static sauron.cli.CliFiles.writeImage;
import static sauron.cli.CliFiles.writeLabels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.cli.Cli.Result;
import sauron.data.LabelVolume;

/**
 * sauron evaluate: Dice, HD95 and volumes of the files given, as the metrics compute them, and the label files it
 * refuses.
 */
class EvaluateCliTest {

	@TempDir
	Path dir;

	@Test
	void evaluatePrintsDiceAndVolumesOfTheFilesGiven() throws IOException {
		// 10x10 voxels of 2 x 1 mm. Truth: x = 2..3, y = 2..5 (8 voxels, 16 mm2); prediction: the same columns two
		// rows lower, y = 4..7: 4 voxels shared, Dice 2 * 4 / (8 + 8) = 0.5.
		final LabelVolume truth = LabelVolume.zeros(new int[] { 10, 10 }, new double[] { 2, 1 }), predicted = LabelVolume.zeros(new int[] { 10, 10 }, new double[] { 2, 1 });
		for (int x = 2; x <= 3; x++)
			for (int y = 0; y < 4; y++) {
				truth.set((2 + y) * 10 + x, 1);
				predicted.set((4 + y) * 10 + x, 1);
			}
		final Path t = writeLabels(dir.resolve("truth.nii"), truth), p = writeLabels(dir.resolve("prediction.nii"), predicted);
		final List<String> rows = run("evaluate", "-p", p.toString(), "-t", t.toString()).assertOk().out().lines().toList();
		assertTrue(rows.get(1).matches("1 +0\\.5000 +\\d+\\.\\d{3} +16\\.0 +16\\.0"), rows.get(1));
		assertEquals(scoreRows(predicted, truth), rows.subList(1, 2), "HD95 as the metrics compute it");
	}

	@Test
	void evaluateRefusesPredictionAndTruthOfDifferentShapes() throws IOException {
		final Path other = writeLabels(dir.resolve("other.nii.gz"), discLabels(new int[] { 32, 30 }, VOXEL_2D));
		assertFailsClearly(run("evaluate", "-p", other.toString(), "-t", labels2d().toString()), other.toString(), labels2d().toString(), "[32, 30]", "[32, 32]");
	}

	@Test
	void evaluateRefusesALabelFileWithNonIntegerValues() throws IOException {
		final Path probabilities = writeImage(dir.resolve("probabilities.nii.gz"), disc(new int[] { 32, 32 }, VOXEL_2D, 5));
		assertFailsClearly(run("evaluate", "-p", probabilities.toString(), "-t", labels2d().toString()), probabilities.toString(), "expected an integer 0..255");
	}

	@Test
	void evaluateRefusesALabelAtOrAboveTheClassesGiven() throws IOException {
		final LabelVolume seven = LabelVolume.zeros(new int[] { 32, 32 }, VOXEL_2D);
		seven.set(5, 7);
		final Path p = writeLabels(dir.resolve("seven.nii.gz"), seven);
		assertFailsClearly(run("evaluate", "-p", p.toString(), "-t", labels2d().toString(), "--classes", "2"), p.toString(), "label 7", "0..1");
		assertFailsClearly(run("evaluate", "-p", labels2d().toString(), "-t", p.toString(), "--classes", "2"), p.toString(), "label 7", "0..1");
	}

	@Test
	void evaluateRefusesClassesBelowOne() {
		for (final String classes : new String[] { "-5", "0" }) {
			final Result r = run("evaluate", "-p", labels2d().toString(), "-t", labels2d().toString(), "--classes", classes);
			assertEquals(2, r.exit(), r::toString);
			assertTrue(r.err().startsWith("error: --classes") && r.err().contains(classes) && r.err().contains("at least 1"), r::toString);
		}
	}
}

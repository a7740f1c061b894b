package sauron.cli;

import static sauron.cli.TrainedModels.image2d;
import static sauron.cli.TrainedModels.image3d;
import static sauron.cli.TrainedModels.labels2d;
import static sauron.cli.TrainedModels.labels3d;
import static sauron.cli.TrainedModels.model2d;
import static sauron.cli.TrainedModels.model3d;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sauron.cli.Cli.run;
import static sauron.cli.Cli.segment;
import static sauron.cli.Cli.segmentHere;
import static sauron.cli.Cli.scoreRows;
import static sauron.cli.CliFiles.VOXEL_2D;
import static sauron.cli.CliFiles.VOXEL_3D;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.cli.Cli.Result;
import sauron.data.LabelVolume;
import sauron.io.ImageFiles;

/**
 * train, info, segment and evaluate one after the other, in 2D and 3D, each output checked against what the core
 * computes in this JVM.
 */
class EndToEndCliTest {

	@TempDir
	Path dir;

	@Test
	void trainInfoSegmentEvaluateEndToEndIn2D() throws IOException {
		endToEnd(image2d(), labels2d(), model2d(), VOXEL_2D, "2D U-Net");
	}

	@Test
	void trainInfoSegmentEvaluateEndToEndIn3D() throws IOException {
		assertTrue(Files.isRegularFile(model3d().resolve("saved_model.pb")));
		endToEnd(image3d(), labels3d(), model3d(), VOXEL_3D, "3D U-Net");
	}

	private void endToEnd(final Path image, final Path labels, final Path model, final double[] voxel, final String network) throws IOException {
		final Result info = run("info", "-m", model.toString()).assertOk();
		for (final String expected : new String[] { network, "parameters", "FLOPs", "per voxel", "history:", "layers (filters):" })
			assertTrue(info.out().contains(expected), expected + " in\n" + info.out());

		final Path segmented = dir.resolve("segmented.nii.gz");
		run("segment", "-m", model.toString(), "-i", image.toString(), "-o", segmented.toString()).assertOk();
		final LabelVolume result = ImageFiles.readLabels(segmented);
		assertArrayEquals(ImageFiles.readImage(image).shape(), result.shape());
		assertArrayEquals(voxel, result.voxelSize(), 1e-6);
		// Voxel by voxel what the model gives in this JVM, with the same defaults (patch-sized tiles, overlap 0.5).
		final sauron.segment.Segmentation expected = segmentHere(model, image);
		assertArrayEquals(expected.labels().labels(), result.labels());

		final Result scores = run("evaluate", "-p", segmented.toString(), "-t", labels.toString()).assertOk();
		assertEquals(scoreRows(result, ImageFiles.readLabels(labels)), scores.out().lines().skip(1).limit(1).toList(), scores.out());
	}
}

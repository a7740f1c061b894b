package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.model.ModelStore;

/** `sauron prune`: a smaller model from a saved one, the original untouched. */
class PruneCommandTest {

	@TempDir
	static Path shared;
	static Path model, image, labels;

	@BeforeAll
	static void trainAModelWithoutPruning() throws IOException {
		image = SauronCliTest.writeImage(shared.resolve("disc.nii.gz"), SauronCliTest.disc(new int[] { 32, 32 }, new double[] { 1, 1 }, 1));
		labels = SauronCliTest.writeLabels(shared.resolve("disc-labels.nii.gz"), SauronCliTest.discLabels(new int[] { 32, 32 }, new double[] { 1, 1 }));
		model = shared.resolve("model");
		final SauronCliTest.Result r = SauronCliTest.train(image, labels, model, "--base", "8", "--no-prune");
		assertEquals(0, r.exit(), r.toString());
	}

	@Test
	void pruneWithOneThresholdWritesASmallerModelThatSegmentsAndLeavesTheOriginalAlone(@TempDir final Path tmp) throws IOException {
		final byte[] json = Files.readAllBytes(model.resolve("sauron.json"));
		final Path pruned = tmp.resolve("pruned");
		final SauronCliTest.Result r = SauronCliTest.run("prune", "-m", model.toString(), "-i", image.toString(), "-o", pruned.toString(), "--tau", "0.6");
		assertEquals(0, r.exit(), r.toString());
		assertTrue(r.out().contains("parameters") && r.out().contains("FLOPs per voxel") && r.out().contains("size on disk"), r.out());
		final long before = ModelStore.load(model).topology().parameterCount(), after = ModelStore.load(pruned).topology().parameterCount();
		assertTrue(after < before, before + " -> " + after);
		assertArrayEquals(json, Files.readAllBytes(model.resolve("sauron.json")), "the original model is untouched");
		final SauronCliTest.Result s = SauronCliTest.segment(pruned, image, tmp.resolve("seg.nii.gz"));
		assertEquals(0, s.exit(), s.toString());
	}

	@Test
	void aModelTrainedWithoutPruningHasNoLearnedThresholdsSoATauIsAskedFor(@TempDir final Path tmp) {
		SauronCliTest.assertFailsClearly(SauronCliTest.run("prune", "-m", model.toString(), "-i", image.toString(), "-o", tmp.resolve("p").toString()),
				"no learned threshold", "tau");
	}

	@Test
	void pruneRefusesToWriteOverTheModelItReads() {
		SauronCliTest.assertFailsClearly(SauronCliTest.run("prune", "-m", model.toString(), "-i", image.toString(), "-o", model.toString(), "--tau", "0.1"),
				"--output must differ");
	}

	@Test
	void aThresholdOutsideZeroToOneIsRefused(@TempDir final Path tmp) {
		SauronCliTest.assertFailsClearly(SauronCliTest.run("prune", "-m", model.toString(), "-i", image.toString(), "-o", tmp.resolve("p").toString(), "--tau", "2"),
				"tau", "[0, 1]");
	}
}

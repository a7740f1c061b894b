package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/** `sauron prune`: a smaller model from a saved one, the original untouched. */
class PruneCommandTest {

	@TempDir
	static Path shared;
	static Path model, image, labels;

	@BeforeAll
	static void trainAModelWithoutPruning() throws IOException {
		image = CliFiles.writeImage(shared.resolve("disc.nii.gz"), CliFiles.disc(new int[] { 32, 32 }, new double[] { 1, 1 }, 1));
		labels = CliFiles.writeLabels(shared.resolve("disc-labels.nii.gz"), CliFiles.discLabels(new int[] { 32, 32 }, new double[] { 1, 1 }));
		model = shared.resolve("model");
		final Cli.Result r = Cli.train(image, labels, model, "--base", "8", "--no-prune");
		assertEquals(0, r.exit(), r.toString());
	}

	@Test
	void pruneWithOneThresholdWritesASmallerModelThatSegmentsAndLeavesTheOriginalAlone(@TempDir final Path tmp) throws IOException {
		final byte[] json = Files.readAllBytes(model.resolve("sauron.json"));
		final Path pruned = tmp.resolve("pruned");
		final Cli.Result r = Cli.run("prune", "-m", model.toString(), "-i", image.toString(), "-o", pruned.toString(), "--tau", "0.6");
		assertEquals(0, r.exit(), r.toString());
		assertTrue(r.out().contains("parameters") && r.out().contains("FLOPs per voxel") && r.out().contains("size on disk"), r.out());
		final long before = ModelStore.load(model).topology().parameterCount(), after = ModelStore.load(pruned).topology().parameterCount();
		assertTrue(after < before, before + " -> " + after);
		assertArrayEquals(json, Files.readAllBytes(model.resolve("sauron.json")), "the original model is untouched");
		final Cli.Result s = Cli.segment(pruned, image, tmp.resolve("seg.nii.gz"));
		assertEquals(0, s.exit(), s.toString());
	}

	@Test
	void aModelTrainedWithoutPruningHasNoLearnedThresholdsSoATauIsAskedFor(@TempDir final Path tmp) {
		Cli.assertFailsClearly(Cli.run("prune", "-m", model.toString(), "-i", image.toString(), "-o", tmp.resolve("p").toString()),
				"no learned threshold", "tau");
	}

	@Test
	void pruneRefusesToWriteOverTheModelItReads() {
		Cli.assertFailsClearly(Cli.run("prune", "-m", model.toString(), "-i", image.toString(), "-o", model.toString(), "--tau", "0.1"),
				"--output " + model, "is the input --model " + model);
	}

	@Test
	void aThresholdOutsideZeroToOneIsRefused(@TempDir final Path tmp) {
		Cli.assertFailsClearly(Cli.run("prune", "-m", model.toString(), "-i", image.toString(), "-o", tmp.resolve("p").toString(), "--tau", "2"),
				"tau", "[0, 1]");
	}

	// ---------------------------------------------------------------- --l1-widths-from: the classical baseline

	@Test
	void l1PruningTakesTheWidthsOfASauronPrunedModelAndNeedsNoImage(@TempDir final Path tmp) throws IOException {
		final Path sauron = tmp.resolve("sauron");
		Cli.run("prune", "-m", model.toString(), "-i", image.toString(), "-o", sauron.toString(), "--tau", "0.6").assertOk();
		final byte[] json = Files.readAllBytes(model.resolve("sauron.json"));
		final Path l1 = tmp.resolve("l1");
		final Cli.Result r = Cli.run("prune", "--model", model.toString(), "--output", l1.toString(), "--l1-widths-from", sauron.toString());
		assertEquals(0, r.exit(), r.toString());
		assertTrue(r.out().contains("parameters") && r.out().contains("filters per layer"), r.out());
		final SauronModel target = ModelStore.load(sauron), pruned = ModelStore.load(l1);
		assertEquals(target.spec(), pruned.spec(), "same widths in every layer");
		assertTrue(pruned.metadata().training().getAsJsonObject("pruned_after_training").get("criterion").getAsString().contains("L1"));
		assertArrayEquals(json, Files.readAllBytes(model.resolve("sauron.json")), "the original model is untouched");
		Cli.segment(l1, image, tmp.resolve("seg.nii.gz")).assertOk();
	}

	@Test
	void l1PruningRefusesTheOptionsOfSauronsCriterion(@TempDir final Path tmp) {
		final String out = tmp.resolve("p").toString(), widths = model.toString();
		Cli.assertFailsClearly(Cli.run("prune", "-m", model.toString(), "-o", out, "--l1-widths-from", widths, "-i", image.toString()),
				"--image belongs to Sauron's criterion", "--l1-widths-from");
		Cli.assertFailsClearly(Cli.run("prune", "-m", model.toString(), "-o", out, "--l1-widths-from", widths, "--tau", "0.1"), "--tau");
		Cli.assertFailsClearly(Cli.run("prune", "-m", model.toString(), "-o", out, "--l1-widths-from", widths, "--patches", "4"), "--patches");
	}

	@Test
	void helpNamesBothModes() {
		final Cli.Result r = Cli.run("prune", "--help").assertOk();
		for (final String option : new String[] { "--image", "--tau", "--l1-widths-from", "L1 norm" }) assertTrue(r.out().contains(option), option + " in " + r.out());
	}

	@Test
	void withoutAnImageOrL1WidthsPruneSaysWhatToGive(@TempDir final Path tmp) {
		Cli.assertFailsClearly(Cli.run("prune", "-m", model.toString(), "-o", tmp.resolve("p").toString()), "no image", "-i IMAGE",
				"--l1-widths-from");
	}

	@Test
	void l1WidthsFromAModelOfAnotherArchitectureOrWiderAreRefused(@TempDir final Path tmp) throws IOException {
		final UNetSpec base = ModelStore.load(model).spec(); // 2 levels, widths 8 and 16
		final Path deeper = saved(UNetSpec.create(2, 3, 4, 480, 1, 2), tmp.resolve("deeper"));
		Cli.assertFailsClearly(Cli.run("prune", "-m", model.toString(), "-o", tmp.resolve("p").toString(), "--l1-widths-from", deeper.toString()),
				deeper.toString(), "does not fit", "levels: target 3, baseline 2");
		final Path wider = saved(base.withWidths(Map.of("enc1_1", 17)), tmp.resolve("wider"));
		Cli.assertFailsClearly(Cli.run("prune", "-m", model.toString(), "-o", tmp.resolve("p").toString(), "--l1-widths-from", wider.toString()),
				wider.toString(), "enc1_1", "17", "expected 1..16");
	}

	@Test
	void l1PruningRefusesToWriteOverTheModelThatGivesTheWidths(@TempDir final Path tmp) throws IOException {
		final Path other = CliFiles.copyModel(model, tmp.resolve("other"));
		Cli.assertFailsClearly(Cli.run("prune", "-m", model.toString(), "-o", other.toString(), "--l1-widths-from", other.toString()),
				"--output " + other, "is the input --l1-widths-from " + other);
	}

	private static Path saved(final UNetSpec spec, final Path dir) throws IOException {
		final SauronModel m = new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, new JsonObject(), List.of()));
		ModelStore.save(m, dir);
		return dir;
	}
}

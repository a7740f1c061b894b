package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/**
 * `sauron train --init MODEL`, the fine-tuning step of the benchmark pipeline: train a baseline, L1-prune it to
 * other widths, fine-tune the result. The network comes from the model; options that would describe another
 * network, and data that does not fit it, are refused before training.
 */
class TrainInitCommandTest {

	@TempDir
	static Path shared;
	static Path image, labels, baseline, l1;

	@BeforeAll
	static void trainABaselineAndPruneItByL1Norm() throws IOException {
		image = CliFiles.writeImage(shared.resolve("disc.nii.gz"), CliFiles.disc(new int[] { 32, 32 }, new double[] { 1, 1 }, 1));
		labels = CliFiles.writeLabels(shared.resolve("disc-labels.nii.gz"), CliFiles.discLabels(new int[] { 32, 32 }, new double[] { 1, 1 }));
		baseline = shared.resolve("baseline");
		Cli.train(image, labels, baseline, "--base", "8", "--lambda", "0", "--no-prune").assertOk();
		// The widths to prune to: half of every layer, as a Sauron run might leave.
		final UNetSpec spec = ModelStore.load(baseline).spec();
		final Map<String, Integer> half = new LinkedHashMap<>();
		spec.widths().forEach((layer, w) -> half.put(layer, w / 2));
		final UNetSpec target = spec.withWidths(half);
		final Path widths = shared.resolve("widths");
		ModelStore.save(new SauronModel(target, Weights.heNormal(new Topology(target), 1),
				new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, new JsonObject(), List.of())), widths);
		l1 = shared.resolve("l1");
		Cli.run("prune", "-m", baseline.toString(), "-o", l1.toString(), "--l1-widths-from", widths.toString()).assertOk();
	}

	private static Cli.Result fineTune(final Path out, final String... extra) {
		final List<String> args = new ArrayList<>(List.of("train", "-i", image.toString(), "-l", labels.toString(), "-m", out.toString(), "--init", l1.toString(),
				"--batch", "2", "--epochs", "1", "--steps", "2"));
		args.addAll(List.of(extra));
		return Cli.run(args.toArray(new String[0]));
	}

	@Test
	void plainFineTuningKeepsTheL1PrunedWidthsAndTheModelsPatchSize(@TempDir final Path tmp) throws IOException {
		final Cli.Result r = fineTune(tmp.resolve("tuned"), "--lambda", "0", "--no-prune").assertOk();
		assertTrue(r.out().contains("epoch   1/1") && r.out().contains("saved"), r.out());
		final SauronModel start = ModelStore.load(l1), tuned = ModelStore.load(tmp.resolve("tuned"));
		assertEquals(start.spec(), tuned.spec());
		assertArrayEquals(start.metadata().patchShape(), tuned.metadata().patchShape());
		assertEquals(1, tuned.metadata().history().size(), "the history counts the fine-tuning epochs only");
		assertEquals(ModelStore.load(baseline).metadata().history().size(),
				tuned.metadata().training().getAsJsonObject("initialised_from").get("epochs_before").getAsInt());
	}

	@Test
	void fineTuningWithSauronOnNeverWidensALayer(@TempDir final Path tmp) throws IOException {
		fineTune(tmp.resolve("tuned"), "--lambda", "0.5", "--tau0", "0.3").assertOk();
		final SauronModel start = ModelStore.load(l1), tuned = ModelStore.load(tmp.resolve("tuned"));
		for (final String layer : start.spec().widths().keySet()) assertTrue(tuned.spec().width(layer) <= start.spec().width(layer), layer);
	}

	@Test
	void optionsThatDescribeAnotherNetworkAreRefused(@TempDir final Path tmp) {
		final Path out = tmp.resolve("tuned");
		Cli.assertFailsClearly(fineTune(out, "--base", "8"), "--base cannot be given with --init", l1.toString());
		Cli.assertFailsClearly(fineTune(out, "--max-width", "64"), "--max-width cannot be given with --init");
		Cli.assertFailsClearly(fineTune(out, "--levels", "3"), "--levels 3 differs from --init " + l1, "2 levels");
		Cli.assertFailsClearly(fineTune(out, "--dims", "3"), "--dims 3 differs from --init " + l1, "2D network");
		Cli.assertFailsClearly(fineTune(out, "--classes", "3"), "--classes 3 differs from --init " + l1, "2 classes");
		fineTune(out, "--levels", "2", "--dims", "2", "--classes", "2", "--validation", "0").assertOk();
	}

	@Test
	void dataThatDoesNotFitTheStartingModelIsRefused(@TempDir final Path tmp) throws IOException {
		final LabelVolume three = CliFiles.discLabels(new int[] { 32, 32 }, new double[] { 1, 1 });
		three.set(0, 2);
		final Path threeClasses = CliFiles.writeLabels(tmp.resolve("three.nii.gz"), three);
		Cli.assertFailsClearly(Cli.run("train", "-i", image.toString(), "-l", threeClasses.toString(), "-m", tmp.resolve("t").toString(),
				"--init", l1.toString()), "the labels have 3 classes", l1.toString(), "has 2 classes");

		final Volume one = CliFiles.disc(new int[] { 32, 32 }, new double[] { 1, 1 }, 2);
		final float[] both = new float[2 * one.data().length];
		for (int i = 0; i < one.data().length; i++) both[2 * i] = both[2 * i + 1] = one.data()[i];
		final Path twoChannels = CliFiles.writeImage(tmp.resolve("two.tif"), new Volume(one.shape(), 2, both, one.voxelSize()));
		Cli.assertFailsClearly(Cli.run("train", "-i", twoChannels.toString(), "-l", labels.toString(), "-m", tmp.resolve("t").toString(),
				"--init", l1.toString()), "2 channel(s)", l1.toString(), "takes 1");
	}

	@Test
	void fineTuningNeverWritesOverTheModelItStartsFromNorStartsFromNothing(@TempDir final Path tmp) {
		Cli.assertFailsClearly(Cli.run("train", "-i", image.toString(), "-l", labels.toString(), "-m", l1.toString(), "--init", l1.toString()),
				"--model " + l1, "is the input --init " + l1);
		Cli.assertFailsClearly(fineTuneFrom(tmp.resolve("missing"), tmp.resolve("t")), tmp.resolve("missing").toString());
	}

	private static Cli.Result fineTuneFrom(final Path init, final Path out) {
		return Cli.run("train", "-i", image.toString(), "-l", labels.toString(), "-m", out.toString(), "--init", init.toString());
	}

	@Test
	void widthsFromTrainsThatNetworkFromScratch(@TempDir final Path tmp) throws IOException {
		final Path out = tmp.resolve("scratch");
		Cli.run("train", "-i", image.toString(), "-l", labels.toString(), "-m", out.toString(), "--widths-from", l1.toString(), "--batch", "2",
				"--epochs", "1", "--steps", "1", "--lambda", "0", "--no-prune", "--lr", "1e-9").assertOk();
		final SauronModel start = ModelStore.load(l1), scratch = ModelStore.load(out);
		assertEquals(start.spec(), scratch.spec());
		assertFalse(scratch.metadata().training().has("initialised_from"), "nothing was taken from " + l1 + " but its widths");
		// One step at a vanishing learning rate leaves the He initialisation, not the L1-pruned weights.
		final float[] kernel = scratch.weights().get("enc0_0/kernel").values(), pruned = start.weights().get("enc0_0/kernel").values();
		double diff = 0;
		for (int i = 0; i < kernel.length; i++) diff = Math.max(diff, Math.abs(kernel[i] - pruned[i]));
		assertTrue(diff > 1e-3, "weights equal to the starting model's: max difference " + diff);
		Cli.assertFailsClearly(Cli.run("train", "-i", image.toString(), "-l", labels.toString(), "-m", out.toString(), "--widths-from",
				l1.toString(), "--init", l1.toString()), "not both");
	}

	@Test
	void helpListsInit() {
		final Cli.Result r = Cli.run("train", "--help").assertOk();
		assertTrue(r.out().contains("--init") && r.out().contains("fine-tune"), r.out());
	}
}

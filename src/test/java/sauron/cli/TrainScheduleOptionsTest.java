package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import sauron.model.ModelStore;
import sauron.prune.FilterCompensation.Compensation;
import sauron.prune.SauronSettings;

/** `sauron train --schedule ...` and the options for single elements: what a run records is what was asked for. */
class TrainScheduleOptionsTest {

	@TempDir
	static Path shared;
	static Path image, labels;

	@TempDir
	Path dir;

	@BeforeAll
	static void writeData() throws IOException {
		image = CliFiles.writeImage(shared.resolve("disc.nii.gz"), CliFiles.disc(new int[] { 32, 32 }, new double[] { 1, 1 }, 1));
		labels = CliFiles.writeLabels(shared.resolve("disc-labels.nii.gz"), CliFiles.discLabels(new int[] { 32, 32 }, new double[] { 1, 1 }));
	}

	private SauronSettings trainedWith(final String... options) throws IOException {
		final Path model = dir.resolve("model");
		Cli.train(image, labels, model, options).assertOk();
		final JsonObject sauron = ModelStore.load(model).metadata().training().getAsJsonObject("sauron");
		return new Gson().fromJson(sauron, SauronSettings.class);
	}

	@Test
	void theDefaultIsTheBudgetSchedule() throws IOException {
		assertEquals(SauronSettings.DEFAULTS, trainedWith());
	}

	@Test
	void thePaperScheduleIsThePapersMethod() throws IOException {
		assertEquals(SauronSettings.PAPER, trainedWith("--schedule", "PAPER"));
	}

	@Test
	void eachOptionChangesOneElementOfTheChosenSchedule() throws IOException {
		final SauronSettings s = trainedWith("--schedule", "PAPER", "--prune-every", "7", "--min-filters", "3", "--compensation", "REFERENCE");
		assertEquals(new SauronSettings.Rounds(7, 0, 0, 0, true, true, true, SauronSettings.Budget.STEPS), s.rounds());
		assertEquals(new SauronSettings.Criterion(1, 3, 1, Compensation.REFERENCE), s.criterion());
		final SauronSettings b = trainedWith("--warmup", "0.1", "--recovery", "0.3", "--tau-rise", "PLATEAU", "--criterion-batches", "2", "--max-prune-share", "0.25",
				"--compensation", "NONE", "--regularise-recovery");
		assertEquals(new SauronSettings.Rounds(SauronSettings.DEFAULTS.rounds().every(), SauronSettings.DEFAULTS.rounds().count(), 0.1, 0.3, true, SauronSettings.DEFAULTS.rounds().regulariseWarmup(), true,
				SauronSettings.DEFAULTS.rounds().budget()), b.rounds());
		assertEquals(new SauronSettings.Criterion(2, SauronSettings.DEFAULTS.criterion().minFilters(), 0.25, Compensation.NONE), b.criterion());
	}

	@Test
	void sharesThatLeaveNoPruningPhaseAreRefusedBeforeTraining() {
		final Cli.Result r = Cli.train(image, labels, dir.resolve("m"), "--warmup", "0.6", "--recovery", "0.5");
		assertEquals(1, r.exit());
		assertTrue(r.err().contains("warm-up and recovery shares"), r.err());
	}
}

package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import sauron.engine.TrainRequest;

/** What the Fiji commands ask the engine for: each dialog field reaches its field of the request, and "automatic" leaves the engine's default. */
class EngineRequestsTest {

	private static final Path IMAGE = Path.of("/tmp/sauron-1/0.nii"), LABELS = Path.of("/tmp/sauron-1/2.nii"), STOP = Path.of("/tmp/sauron-1/stop");

	@Test
	void everyTrainingParameterReachesItsFieldOfTheRequest() {
		final TrainUNetCommand c = new TrainUNetCommand();
		c.model_dir = new File("/models/m");
		c.epochs = 7;
		c.steps = 11;
		c.patch_size = "32 x 48";
		c.validation = 0.35;
		c.classes = 4;
		c.levels = 3;
		c.base_filters = 12;
		c.sauron = false;
		c.lambda = 0.25;
		c.schedule = "paper";
		c.prune_every = 3;
		c.min_filters = 5;
		c.tau_max = 0.45;
		c.training_length = "epochs";
		assertEquals(new TrainRequest(List.of(IMAGE), List.of(LABELS), null, Path.of("/models/m"), 2, 7, 11, List.of(32, 48), 0.35, 4, 3, 12, 0.25, false,
				TrainRequest.Schedule.PAPER, 3, 5, 0.45, TrainRequest.Budget.STEPS, STOP), TrainUNetAction.request(c, new TrainUNetAction.Pairs(List.of(IMAGE), List.of(LABELS), 2), STOP));
	}

	@Test
	void theDialogsDefaultsAreTheEnginesAutomaticChoices() {
		final TrainUNetCommand c = new TrainUNetCommand();
		c.model_dir = new File("/models/m");
		c.data_dir = new File("/data/set");
		final TrainRequest r = TrainUNetAction.request(c, new TrainUNetAction.Pairs(List.of(), List.of(), TrainUNetAction.dims(c.dims)), STOP);
		assertEquals(Path.of("/data/set"), r.data());
		assertNull(r.dims(), "auto");
		assertNull(r.patch(), "empty patch size");
		assertEquals(0, r.classes());
		for (final Object automatic : new Object[] { r.levels(), r.base(), r.pruneEvery(), r.minFilters(), r.tauMax() }) assertNull(automatic, r::toString);
		assertEquals(TrainRequest.Schedule.BUDGET, r.schedule());
		assertEquals(TrainRequest.Budget.TIME, r.budget(), "the unpruned network's time, the engine's default");
		assertTrue(r.prune());
	}

	@Test
	void badDimsPatchOrScheduleAreRefusedNamingTheParameter() {
		assertEquals(3, TrainUNetAction.dims("3D"));
		assertEquals(List.of(64, 64, 32), TrainUNetAction.patch("64,64, 32"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainUNetAction.dims("4D")).getMessage().startsWith("dims '4D'"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainUNetAction.patch("64xa")).getMessage().startsWith("patch_size '64xa'"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainUNetAction.patch("99999999999x64")).getMessage().startsWith("patch_size"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainUNetAction.schedule("weekly")).getMessage().startsWith("schedule 'weekly'"));
		assertEquals("training_length 'forever': expected time or epochs",
				assertThrows(IllegalArgumentException.class, () -> TrainUNetAction.budget("forever")).getMessage());
	}

	@Test
	void exportAuthorsAreTheNamesBetweenSemicolons() {
		assertEquals(List.of("Ada Lovelace", "Alan Turing"), ExportBioimageioAction.authors(" Ada Lovelace;Alan Turing; "));
		assertEquals(List.of(), ExportBioimageioAction.authors(""));
	}
}

package sauron.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import sauron.model.EpochRecord;

/** The engine's event lines: what each event looks like on the wire, and that reading a line gives the event back. */
class EngineEventsTest {

	private static final EpochRecord EPOCH = new EpochRecord(3, 0.41, Double.NaN, 0.5, 0.75, 12.5, 12_345, 678.0, Map.of("enc0_0", 4), Map.of("enc0_0", 0.01), 2, 5);

	@Test
	void stepsAndProgressAreTheJsonTheArchitecturePageDescribes() {
		assertEquals("@sauron {\"type\":\"step\",\"epoch\":0,\"step\":3,\"loss\":0.41}", EngineEvents.line(new EngineEvent.Step(0, 3, 0.41f)));
		assertEquals("@sauron {\"type\":\"progress\",\"done\":3,\"total\":7}", EngineEvents.line(new EngineEvent.Progress(3, 7)));
	}

	@Test
	void anEpochCarriesItsRecordUnderSauronJsonsKeys() {
		final String line = EngineEvents.line(new EngineEvent.Epoch(EPOCH));
		for (final String key : List.of("\"type\":\"epoch\"", "\"epoch\":3", "\"trainingLoss\":0.41", "\"regularizer\":NaN", "\"validationDice\":0.75", "\"widths\":{\"enc0_0\":4}",
				"\"thresholds\":{\"enc0_0\":0.01}", "\"rounds\":2"))
			assertTrue(line.contains(key), key + " in " + line);
	}

	@Test
	void everyOutputEventComesBackAsItWasWritten() {
		for (final EngineEvent e : List.of(new EngineEvent.Step(2, 7, 0.125f), new EngineEvent.Epoch(EPOCH), new EngineEvent.Progress(1, 9)))
			assertEquals(Optional.of(e), EngineEvents.fromOutput(EngineEvents.line(e)));
	}

	@Test
	void aFailureIsTheErrorLineAPersonReadsAndComesBackAsTheMessage() {
		final EngineEvent.Failure f = new EngineEvent.Failure("--image x.tif: no such file");
		assertEquals("error: --image x.tif: no such file", EngineEvents.line(f));
		assertEquals(Optional.of(f), EngineEvents.fromErrors(EngineEvents.line(f)));
		assertEquals(Optional.empty(), EngineEvents.fromOutput(EngineEvents.line(f)), "a failure is not an output event");
	}

	@Test
	void plainDamagedAndUnknownLinesAreNotEvents() {
		assertEquals(Optional.empty(), EngineEvents.fromOutput("epoch 1/2 loss 0.3"));
		assertEquals(Optional.empty(), EngineEvents.fromOutput(EngineEvents.PREFIX + "{not json"));
		assertEquals(Optional.empty(), EngineEvents.fromOutput(EngineEvents.PREFIX));
		assertEquals(Optional.empty(), EngineEvents.fromOutput(EngineEvents.PREFIX + "[1, 2]"));
		assertEquals(Optional.empty(), EngineEvents.fromOutput(EngineEvents.PREFIX + "{\"type\":\"step\",\"epoch\":0}"), "a step without its step and loss");
		assertEquals(Optional.empty(), EngineEvents.fromOutput(EngineEvents.PREFIX + "{\"type\":\"progress\",\"done\":\"many\",\"total\":2}"));
		assertEquals(Optional.empty(), EngineEvents.fromOutput(EngineEvents.PREFIX + "{\"type\":\"weather\"}"));
		assertEquals(Optional.empty(), EngineEvents.fromErrors("warning: labels are all 0"));
		assertEquals(Optional.empty(), EngineEvents.fromErrors("failed: a.tif: not an image"), "one image of a batch failing is not the run's failure");
	}
}

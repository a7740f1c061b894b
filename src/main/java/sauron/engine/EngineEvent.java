package sauron.engine;

import sauron.model.EpochRecord;

/**
 * What the engine reports while it runs, beside its plain output: training steps and epochs, progress, and a
 * failure. {@link EngineEvents} writes each as one line and reads it back.
 */
public sealed interface EngineEvent {

	/** A training step ended. Epoch and step count from 0. */
	record Step(int epoch, int step, float loss) implements EngineEvent {}

	/** An epoch ended: its record as sauron.json keeps it. */
	record Epoch(EpochRecord record) implements EngineEvent {}

	/** Work done out of total (tiles of one image, or images of a batch), for a progress bar. */
	record Progress(int done, int total) implements EngineEvent {}

	/** The run failed on its input: the one line the user is shown. The engine then exits with code 1 (2 for a usage error). */
	record Failure(String message) implements EngineEvent {}
}

package sauron.model;

import java.nio.file.Path;

/**
 * A child JVM for {@link ModelSaveKillTest}: saves a test model (of the given seed) and, at the named stage of the
 * save, says so on standard output and waits to be killed.
 */
public final class SaveUntilStage {

	public static void main(final String[] args) throws Exception {
		final Path dir = Path.of(args[0]);
		final long seed = Long.parseLong(args[1]);
		final ModelReplacement.Stage pauseAt = ModelReplacement.Stage.valueOf(args[2]);
		ModelReplacement.hook = stage -> {
			if (stage != pauseAt) return;
			System.out.println("AT " + stage);
			System.out.flush();
			try {
				Thread.sleep(Long.MAX_VALUE);
			} catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		};
		ModelStore.save(ModelStoreTest.model(2, seed), dir);
		System.out.println("SAVED");
	}
}

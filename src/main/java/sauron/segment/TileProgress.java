package sauron.segment;

/** Told after each batch of tiles, so a UI can show a progress bar. */
@FunctionalInterface
public interface TileProgress {

	TileProgress NONE = (done, total) -> {};

	void tilesDone(int done, int total);
}

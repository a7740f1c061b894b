package sauron.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Option;
import sauron.segment.TileProgress;
import sauron.engine.EngineEvent;
import sauron.engine.EngineEvents;

/** --events: machine-readable progress lines (see {@link EngineEvents}) for the Fiji plugin's engine process. */
final class EventOptions {

	@Option(names = "--events", hidden = true, description = "also print progress as @sauron JSON lines")
	boolean enabled;

	TileProgress tileProgress(final PrintWriter out) {
		return enabled ? (done, total) -> out.println(EngineEvents.line(new EngineEvent.Progress(done, total))) : TileProgress.NONE;
	}
}

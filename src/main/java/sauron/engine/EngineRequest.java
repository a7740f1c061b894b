package sauron.engine;

import java.util.List;

/** One run of the engine: a command of the command line with its options, as the Fiji side asks for it. */
public sealed interface EngineRequest permits TrainRequest, SegmentRequest, PruneRequest, FeaturesRequest, ExportRequest, InfoRequest, DevicesRequest {

	/** The command line's arguments, the command first; an option whose value is null or blank is left out, so the engine's default applies. */
	List<String> arguments();
}

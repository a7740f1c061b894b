/**
 * The engine's interface, as both ends of the pipe see it (docs/ARCHITECTURE.md, "Control flow"). What a Fiji
 * command asks for: one request record per command line command the Fiji side runs ({@code TrainRequest},
 * {@code SegmentRequest}, {@code PruneRequest}, {@code FeaturesRequest}, {@code ExportRequest}, {@code InfoRequest},
 * {@code DevicesRequest}), each turned into the command line's arguments by its one {@code arguments()} method,
 * the only place the Fiji side spells an option; the command line parses them back with its picocli commands, and
 * {@code sauron.cli.EngineRequestRoundTripTest} holds the two to each other. What the engine says back:
 * {@code EngineEvent} (a training step, an epoch, progress, a failure), written as lines by the command line and
 * decoded by {@code EngineEvents} once, in {@code sauron.worker.EngineProcess}.
 * <p>
 * May use: {@code com.google.gson}, {@code sauron.model.EpochRecord} (what an epoch event carries).
 * <p>
 * Plain data that Fiji's JVM loads: never TensorFlow nor a class that reaches it, never ImageJ, SciJava or picocli,
 * and nothing of the packages on either side ({@code sauron.cli}, {@code sauron.worker}, {@code sauron.imagej});
 * {@code sauron.ArchitectureTest} checks the class files against this page.
 */
package sauron.engine;

/**
 * The command line ({@code sauron train|segment|prune|evaluate|info|features|export|devices|cohort}, picocli) over the core:
 * each command checks its inputs, calls the core and prints; bad input is one {@code error:} line and exit code 1,
 * a usage error exit code 2. It is also the engine the Fiji commands run in a child JVM: their {@code sauron.engine}
 * requests are its arguments, and with {@code --events} it prints {@code sauron.engine.EngineEvents} lines beside its
 * plain output and exits when its standard input closes.
 * <p>
 * May use: {@code picocli}, every core package ({@code sauron.data}, {@code sauron.metrics}, {@code sauron.net},
 * {@code sauron.model}, {@code sauron.segment}, {@code sauron.prune}, {@code sauron.train}, {@code sauron.export}), {@code sauron.io}, {@code sauron.cohort} (whose Spark types
 * stay behind {@code CohortJob}: the commands name none, so the engine starts without Spark), and
 * {@code sauron.engine} (the event lines and the requests' values, defined once for both ends of the pipe).
 * <p>
 * Never {@code sauron.imagej}, ImageJ or SciJava; {@code sauron.ArchitectureTest} checks the class files against
 * this page.
 */
package sauron.cli;

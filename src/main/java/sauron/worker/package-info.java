/**
 * The engine process, as the Fiji side starts it: {@code EngineProcess} runs a {@code sauron.engine} request on the
 * command line ({@code sauron.cli.SauronCli}, named, never loaded) in a child JVM, started as {@code EngineSettings}
 * say, on a class path of our own ({@code WorkerClasspath}); it decodes the engine's output once, into plain lines
 * for a log, typed events for a listener and a failure for the exception it throws. {@code UpdateSiteLayout} says
 * where the update site puts the engine's jars. This package runs inside Fiji's JVM.
 * <p>
 * May use: {@code sauron.engine} (requests, events and their lines).
 * <p>
 * Never TensorFlow, nor any class that reaches it: TensorFlow Java must not load in Fiji's JVM, where CSBDeep's
 * TensorFlow 1.15 may be; {@code sauron.ArchitectureTest} checks the class files against this page, transitively.
 */
package sauron.worker;

/**
 * The engine process, as the Fiji side starts it: {@code EngineProcess} runs the command line
 * ({@code sauron.cli.SauronCli}, named, never loaded) in a child JVM on a class path of our own
 * ({@code WorkerClasspath}), relays its plain lines to a log and its {@code EngineEvents} lines to a listener;
 * {@code UpdateSiteLayout} says where the update site puts the engine's jars. This package runs inside Fiji's JVM.
 * <p>
 * May use: {@code com.google.gson}, {@code sauron.model.EpochRecord} (what an epoch event carries).
 * <p>
 * Never TensorFlow, nor any class that reaches it: TensorFlow Java must not load in Fiji's JVM, where CSBDeep's
 * TensorFlow 1.15 may be; {@code sauron.ArchitectureTest} checks the class files against this page, transitively.
 */
package sauron.worker;

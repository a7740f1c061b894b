/**
 * The Fiji plugin: SciJava commands (Train U-Net, Segment Image, Segment Folder, Prune Model, Evaluate
 * Segmentation, Feature Maps, Model Info, the NIfTI importer and the engine options), thin: each checks its
 * inputs, writes its images for the engine, runs its {@code sauron.engine} request on the command line in a child
 * JVM through {@code EngineCall} and {@code sauron.worker}, and shows what comes back; the ImageJ 1 bridge that {@code plugins.config} names
 * ({@code LegacyCommand}); how both read a macro line's yes/no inputs ({@code MacroOptions}, and
 * {@code MacroFlagsPreprocessor} in Fiji); ImagePlus to and from {@code sauron.data} volumes; training plots and the
 * stop button.
 * <p>
 * May use: {@code ij}, {@code org.scijava}, {@code net.imglib2}, {@code com.google.gson}, {@code sauron.engine}, {@code sauron.worker},
 * {@code sauron.io}, {@code sauron.data}, {@code sauron.metrics}, {@code sauron.model.EpochRecord},
 * {@code com.sun.management} (the RAM, for the engine's default heap).
 * <p>
 * Never TensorFlow, nor any class that reaches it (it would meet CSBDeep's TensorFlow 1.15 on Fiji's class path),
 * and never {@code sauron.cli}: the engine is a process, not a library call; {@code sauron.ArchitectureTest} checks
 * the class files against this page, transitively.
 */
package sauron.imagej;

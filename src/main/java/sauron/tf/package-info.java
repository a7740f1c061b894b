/**
 * Copies between Java arrays and TensorFlow tensors: the one place that knows how a float[] becomes a
 * TFloat32 and back. Callers own, and close, the tensors they get.
 * <p>
 * May use: {@code org.tensorflow} (TensorFlow Java and its ndarray library), nothing else of the project.
 * <p>
 * A core package: never ImageJ, SciJava, picocli or the Fiji side ({@code sauron.worker}, {@code sauron.imagej},
 * {@code sauron.cli}); {@code sauron.ArchitectureTest} checks the class files against this page.
 */
package sauron.tf;

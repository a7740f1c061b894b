/**
 * Scoring a segmentation against the truth, per class: Dice, HD95 and surface distances in mm from an exact
 * Euclidean distance transform, and the volumes of both. What {@code sauron evaluate}, Fiji's Evaluate
 * Segmentation and the validation of the benchmarks report.
 * <p>
 * May use: {@code sauron.data}.
 * <p>
 * A core package: never ImageJ, SciJava, picocli, TensorFlow or the Fiji side ({@code sauron.worker},
 * {@code sauron.imagej}, {@code sauron.cli}); {@code sauron.ArchitectureTest} checks the class files against this page.
 */
package sauron.metrics;

/**
 * Sauron (docs/SAURON.md): the regulariser delta_opt in the loss, the criterion delta_prune, the per-layer
 * thresholds and when rounds happen (the paper's schedule and the budget schedule), the removal of filters from
 * the spec, the weights and the Adam moments with compensation of what they fed, and pruning a saved model after
 * the fact, by Sauron's criterion or by kernel L1 norm (the L1 baseline).
 * <p>
 * May use: {@code sauron.net}, {@code sauron.data}, {@code sauron.model}, {@code org.tensorflow} (the regulariser is
 * a graph), {@code org.apache.commons.math3} (least squares for compensation), {@code com.google.gson} (settings
 * as sauron.json records them).
 * <p>
 * A core package: never ImageJ, SciJava, picocli or the Fiji side ({@code sauron.worker}, {@code sauron.imagej},
 * {@code sauron.cli}); {@code sauron.ArchitectureTest} checks the class files against this page.
 */
package sauron.prune;

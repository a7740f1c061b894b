/**
 * Training: the training graph (deep-supervised CE + soft Dice, Sauron's regulariser, in 3D the backward pass
 * through the convolutions built by the graph itself ({@code SegmentedBackprop}), our own Adam with weight decay), the loop that feeds it patches, validates every epoch by sliding-window segmentation, runs Sauron's
 * pruning rounds and rebuilds the smaller graph, the run's length ({@code RunLength}: epochs and learning rate,
 * lengthened once by Sauron's time budget, {@code TimeBudget}), and the settings that decide all of it: how a run's options
 * resolve into them ({@code TrainingOptions}, {@code SauronOptions}) and when a saved model may be the start
 * ({@code StartingModel}, for {@code --init} and {@code --widths-from}). Progress leaves through
 * {@code TrainingListener}, so the loop knows nothing of who prints or plots it.
 * <p>
 * May use: {@code sauron.net}, {@code sauron.prune}, {@code sauron.data}, {@code sauron.segment},
 * {@code sauron.model}, {@code sauron.tf}, {@code org.tensorflow}, {@code com.google.gson}.
 * <p>
 * A core package: never ImageJ, SciJava, picocli or the Fiji side ({@code sauron.worker}, {@code sauron.imagej},
 * {@code sauron.cli}); {@code sauron.ArchitectureTest} checks the class files against this page.
 */
package sauron.train;

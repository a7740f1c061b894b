/**
 * The network: {@code UNetSpec} (the one description of a U-Net: dimensionality, levels, classes and the width of
 * every named layer), {@code Topology} (who feeds whom, derived from the spec alone; parameters and FLOPs),
 * {@code Weights} and {@code AdamState} (named float arrays), and the TensorFlow graphs built from them: the
 * forward pass ({@code UNetGraph}), inference with SavedModel export and feature maps ({@code InferenceGraph}),
 * sessions and devices (docs/SAURON.md section 1, docs/TENSORFLOW.md); the forward pass's convolutions are plain
 * (inference, 2D training) or cut out for 3D training's own backward pass ({@code UNetGraph.Convolutions});
 * {@code PatchPredictor}, a network that maps a batch of tiles to probabilities, which {@code InferenceGraph}
 * implements and the sliding-window segmenter drives.
 * <p>
 * May use: {@code sauron.data.NetworkInput} (the rule for what a network takes), {@code sauron.tf},
 * {@code org.tensorflow}, {@code org.bytedeco} (JavaCPP, under TensorFlow's C API, which {@code Devices} calls).
 * <p>
 * A core package: never ImageJ, SciJava, picocli or the Fiji side ({@code sauron.worker}, {@code sauron.imagej},
 * {@code sauron.cli}); {@code sauron.ArchitectureTest} checks the class files against this page.
 */
package sauron.net;

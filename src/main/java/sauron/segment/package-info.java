/**
 * Segmenting a whole image with a network trained on patches: the tile plan, Gaussian-blended sliding-window
 * inference ({@code SlidingWindowSegmenter}, driving any {@code PatchPredictor}), the model-plus-image entry point
 * ({@code ModelSegmenter}: normalise, tile, label) and one layer's feature maps over a whole image
 * ({@code FeatureMapTiling}).
 * <p>
 * May use: {@code sauron.data}, {@code sauron.net}, {@code sauron.model}.
 * <p>
 * A core package: never ImageJ, SciJava, picocli, TensorFlow itself (the network is behind {@code PatchPredictor}
 * and {@code InferenceGraph}) or the Fiji side ({@code sauron.worker}, {@code sauron.imagej}, {@code sauron.cli});
 * {@code sauron.ArchitectureTest} checks the class files against this page.
 */
package sauron.segment;

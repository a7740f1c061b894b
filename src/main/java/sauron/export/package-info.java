/**
 * Export of a trained model for the bioimage.io model zoo and DeepImageJ: the rdf.yaml (format 0.5) written from
 * sauron.json ({@code ModelRdf}, {@code YamlWriter}), the .npy test tensors from a patch of a real image
 * ({@code TestTensors}, {@code NpyWriter}), a cover from the feature maps ({@code CoverImage}), the SavedModel run
 * through TensorFlow's own loader before anything is written ({@code StoredGraphCheck}), and the zip, written
 * atomically ({@code BioimageioExport}).
 * <p>
 * May use: {@code sauron.data}, {@code sauron.io}, {@code sauron.model}, {@code sauron.net}, {@code sauron.tf},
 * {@code org.tensorflow} (SavedModelBundle: the stored graph is run the way another runtime runs it), {@code javax.imageio}
 * (the cover PNG).
 * <p>
 * A core package: never ImageJ, SciJava, picocli or the Fiji side ({@code sauron.worker}, {@code sauron.imagej},
 * {@code sauron.cli}); {@code sauron.ArchitectureTest} checks the class files against this page.
 */
package sauron.export;

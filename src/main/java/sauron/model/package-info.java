/**
 * Models on disk (docs/ARCHITECTURE.md, "The model folder"): a folder holding an inference-only TensorFlow
 * SavedModel and {@code sauron.json} (spec, metadata, training history). Saving goes through a hidden sibling
 * folder and a rename, under a lock, so a crash leaves the old model or the new one; loading reads the spec from
 * sauron.json and the weights straight from the variables, never running the stored graph. Also the report
 * {@code sauron info} prints.
 * <p>
 * May use: {@code sauron.net}, {@code sauron.tf}, {@code org.tensorflow}, {@code com.google.gson}, and of
 * {@code sauron.data} only {@code sauron.data.FileTrees} (the one recursive delete).
 * <p>
 * A core package: never ImageJ, SciJava, picocli or the Fiji side ({@code sauron.worker}, {@code sauron.imagej},
 * {@code sauron.cli}); {@code sauron.ArchitectureTest} checks the class files against this page.
 */
package sauron.model;

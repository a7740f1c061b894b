/**
 * Images as the network sees them and training data as it is fed: {@code Volume} (dense float voxels,
 * channels-last, with their {@code Geometry} in space) and {@code LabelVolume}, z-score normalisation, training
 * pairs and their validation split, random patches with foreground oversampling, augmentation and the thread
 * that prefetches batches. Plain Java over arrays; the ImgLib2 views of them are zero-copy. Also
 * {@code FileTrees}, the one recursive delete, here because every package that deletes folders may use this one.
 * <p>
 * May use: {@code net.imglib2}, nothing else of the project (every other package builds on this one).
 * <p>
 * A core package: never ImageJ, SciJava, picocli, TensorFlow or the Fiji side ({@code sauron.worker},
 * {@code sauron.imagej}, {@code sauron.cli}); {@code sauron.ArchitectureTest} checks the class files against this page.
 */
package sauron.data;

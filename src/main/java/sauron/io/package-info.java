/**
 * Image files: NIfTI-1 ({@code .nii}, {@code .nii.gz}; our own reader and writer, header geometry kept field for
 * field), TIFF through ImageJ 1's codec (calibration kept), bounded reads of hostile files, atomic writes, where
 * outputs go, and the image/label pairs of a training folder.
 * <p>
 * May use: {@code sauron.data} and, as the TIFF codec only, ImageJ 1's {@code ij.io}, {@code ij.process},
 * {@code ij.measure.Calibration}, and {@code ij.ImagePlus} and {@code ij.ImageStack} as its containers.
 * <p>
 * Not a core package, but below every front end: never SciJava, {@code net.imagej}, picocli, TensorFlow or the
 * Fiji side ({@code sauron.worker}, {@code sauron.imagej}, {@code sauron.cli}); {@code sauron.ArchitectureTest}
 * checks the class files against this page.
 */
package sauron.io;

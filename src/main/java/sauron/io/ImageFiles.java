package sauron.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import sauron.data.Geometry;
import sauron.data.LabelVolume;
import sauron.data.Volume;

/**
 * Reads and writes images and label images by file name: ".nii"/".nii.gz" is NIfTI-1
 * ({@link NiftiReader}, {@link NiftiWriter}), ".tif"/".tiff" is TIFF through ImageJ 1
 * ({@link TiffReader}, {@link TiffWriter}). Voxel sizes are in mm. A volume's geometry goes into the
 * file: an input's header geometry (NIfTI qform/sform, TIFF calibration) comes out unchanged in every
 * output on its grid of the same format (see {@link sauron.data.Geometry}). Writes are atomic: a crash
 * leaves the old file or the new one, never half a file.
 */
public final class ImageFiles {

	private enum Format { NIFTI, TIFF }

	private ImageFiles() {}

	/**
	 * An image of any supported datatype as float; NaN and infinite values are passed through
	 * unchanged at this layer (the layer that normalises images rejects them).
	 */
	public static Volume readImage(final Path file) throws IOException {
		return format(file) == Format.NIFTI ? NiftiReader.readVolume(file) : TiffReader.readVolume(file);
	}

	/** A label image: one channel of integer values 0..255 in any datatype, else an IOException naming file, value and voxel. */
	public static LabelVolume readLabels(final Path file) throws IOException {
		return format(file) == Format.NIFTI ? NiftiReader.readLabels(file) : TiffReader.readLabels(file);
	}

	/** uint8 NIfTI or 8-bit TIFF. */
	public static void writeLabels(final LabelVolume labels, final Path file) throws IOException {
		if (format(file) == Format.NIFTI) NiftiWriter.writeLabels(labels, file);
		else TiffWriter.writeLabels(labels, file);
	}

	/** float32 NIfTI (channels on the fourth axis) or 32-bit TIFF (channels as hyperstack channels). */
	public static void writeImage(final Volume image, final Path file) throws IOException {
		if (format(file) == Format.NIFTI) NiftiWriter.writeVolume(image, file);
		else TiffWriter.writeVolume(image, file);
	}

	/**
	 * What writing a volume of this geometry to {@code output} cannot keep, in words, or null when the file keeps all
	 * of it: a TIFF holds no rotated or flipped grid ({@link TiffWriter#holds}); a NIfTI file holds any grid (an ImageJ
	 * calibration's units become mm).
	 */
	public static String geometryNotKept(final Geometry geometry, final Path output) {
		if (format(output) == Format.NIFTI || TiffWriter.holds(geometry)) return null;
		return output + ": a TIFF cannot hold a rotated or flipped grid, so it keeps only the voxel size of its input; write .nii or .nii.gz to keep"
				+ " its position and orientation";
	}

	/** Where a label image's class probabilities go: labels.nii.gz -> labels-probabilities.nii.gz. */
	public static Path probabilityPath(final Path labels) {
		final String name = labels.getFileName().toString();
		final int dot = name.endsWith(".nii.gz") ? name.length() - 7 : name.lastIndexOf('.');
		return labels.resolveSibling(name.substring(0, dot) + "-probabilities" + name.substring(dot));
	}

	/** True for the names this class reads and writes: .nii, .nii.gz, .tif, .tiff. */
	public static boolean isSupported(final Path file) {
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".nii") || name.endsWith(".nii.gz") || name.endsWith(".tif") || name.endsWith(".tiff");
	}

	private static Format format(final Path file) {
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".nii") || name.endsWith(".nii.gz")) return Format.NIFTI;
		if (name.endsWith(".tif") || name.endsWith(".tiff")) return Format.TIFF;
		throw new IllegalArgumentException(file + ": unknown image format, expected a name ending in .nii, .nii.gz, .tif or .tiff");
	}
}

package sauron.imagej;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import sauron.io.ImageFiles;
import sauron.io.TrainingFiles;
import sauron.segment.ModelSegmenter;
import sauron.segment.Segmentation;

/**
 * Segments every image of a folder (.tif, .tiff, .nii, .nii.gz) into label images of the same names in another
 * folder, for batch and headless runs; nothing is opened on screen. Esc stops after the current image.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Sauron U-Net>Segment Folder")
public final class SegmentFolderCommand extends SauronCommand {

	@Parameter(style = "directory")
	File input_dir;

	@Parameter(style = "directory", description = "created if missing; files of the same name are replaced")
	File output_dir;

	@Parameter(style = "directory")
	File model_dir;

	@Parameter(description = "also write <name>-probabilities next to each label image")
	boolean probabilities = false;

	@Override
	protected void execute() throws Exception {
		if (input_dir == null || !input_dir.isDirectory()) throw new IllegalArgumentException("input_dir " + input_dir + " is not a folder");
		if (output_dir == null) throw new IllegalArgumentException("no output_dir given");
		final List<Path> images = TrainingFiles.imageFiles(input_dir.toPath());
		if (images.isEmpty()) throw new IllegalArgumentException(input_dir + " holds no .tif, .tiff, .nii or .nii.gz images");
		Files.createDirectories(output_dir.toPath());
		IJ.resetEscape();
		try (ModelSegmenter segmenter = new ModelSegmenter(ModelStores.load(model_dir), null, 0.5, 1, w -> UserMessages.log("warning: " + w))) {
			for (int i = 0; i < images.size() && !IJ.escapePressed(); i++) {
				final Path in = images.get(i), out = output_dir.toPath().resolve(in.getFileName());
				status("segmenting " + in.getFileName() + " (" + (i + 1) + "/" + images.size() + ")");
				progress(i, images.size());
				final long start = System.nanoTime();
				final Segmentation s = segmenter.segment(ImageFiles.readImage(in), in.getFileName().toString());
				ImageFiles.writeLabels(s.labels(), out);
				if (probabilities) ImageFiles.writeImage(s.probabilities(), probabilityPath(out));
				UserMessages.log(String.format("%s -> %s (%.1f s)", in, out, (System.nanoTime() - start) / 1e9));
			}
		}
	}

	/** labels.nii.gz -> labels-probabilities.nii.gz, as the command line names them. */
	static Path probabilityPath(final Path labels) {
		final String name = labels.getFileName().toString();
		final int dot = name.endsWith(".nii.gz") ? name.length() - 7 : name.lastIndexOf('.');
		return labels.resolveSibling(name.substring(0, dot) + "-probabilities" + name.substring(dot));
	}
}

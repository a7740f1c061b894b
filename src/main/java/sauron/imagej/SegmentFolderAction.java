package sauron.imagej;

import java.nio.file.Path;

import ij.IJ;
import sauron.engine.SegmentRequest;
import sauron.io.TrainingFiles;

/** {@link SegmentFolderCommand}: the engine's "segment" over the input folder; Esc or SciJava's cancel ends it. */
final class SegmentFolderAction extends CommandAction<SegmentFolderCommand> {

	SegmentFolderAction(final SegmentFolderCommand command) {
		super(command);
	}

	@Override
	protected void execute() throws Exception {
		final SegmentFolderCommand c = command;
		if (c.input_dir == null || !c.input_dir.isDirectory()) throw new IllegalArgumentException("input_dir " + c.input_dir + " is not a folder");
		if (c.output_dir == null) throw new IllegalArgumentException("no output_dir given");
		if (TrainingFiles.imageFiles(c.input_dir.toPath()).isEmpty()) throw new IllegalArgumentException(c.input_dir + " holds no .tif, .tiff, .nii or .nii.gz images");
		IJ.resetEscape(); // Esc is ImageJ 1's key (no SciJava service sees it): one pressed before this run must not stop it
		try (EngineCall call = new EngineCall()) {
			final SegmentRequest request = SegmentRequest.folder(Path.of(EngineCall.modelDir(c.model_dir)), c.input_dir.getAbsoluteFile().toPath(),
					c.output_dir.getAbsoluteFile().toPath(), c.probabilities);
			status("segmenting " + c.input_dir.getName());
			call.run(request, progressListener(), this::stopRequested); // Esc or a cancel ends the engine; images already written stay, each whole
		}
	}
}

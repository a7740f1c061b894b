package sauron.imagej;

import sauron.io.NiftiReader;

/** {@link ImportNiftiCommand}: reads the file with Sauron's NIfTI reader into an ImagePlus. */
final class ImportNiftiAction extends CommandAction<ImportNiftiCommand> {

	ImportNiftiAction(final ImportNiftiCommand command) {
		super(command);
	}

	@Override
	protected void execute() throws Exception {
		command.image = null;
		if (command.file == null) throw new IllegalArgumentException("no file given");
		command.image = ImagePlusVolumes.toImagePlus(NiftiReader.readVolume(command.file.toPath()), command.file.getName());
	}
}

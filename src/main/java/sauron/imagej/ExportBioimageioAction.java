package sauron.imagej;

/** {@link ExportBioimageioCommand}: the engine's "export" of the model with a patch of the image, into a .zip. */
final class ExportBioimageioAction extends CommandAction<ExportBioimageioCommand> {

	ExportBioimageioAction(final ExportBioimageioCommand command) {
		super(command);
	}

	@Override
	protected void execute() throws Exception {
		final ExportBioimageioCommand c = command;
		if (c.image == null) throw new IllegalArgumentException("no image given");
		if (c.output_file == null || c.output_file.getPath().isBlank()) throw new IllegalArgumentException("no output_file given: the .zip file to write");
		try (EngineCall call = new EngineCall("export")) {
			// The image goes to the engine as a temporary file; --image-name keeps its title in the package's README.
			call.with("-m", EngineCall.modelDir(c.model_dir)).with("-o", c.output_file.getAbsolutePath())
					.with("-i", call.write(ImagePlusVolumes.toVolume(c.image), c.image.getTitle())).with("--image-name", c.image.getTitle())
					.with("--name", c.name).with("--authors", c.authors).with("--cite", c.cite).with("--license", c.license);
			status("exporting " + c.model_dir.getName() + " to bioimage.io");
			call.run(EngineCall.logOnly(), () -> false);
		}
		status("exported " + c.output_file.getName());
	}
}

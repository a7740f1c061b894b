package sauron.imagej;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import sauron.engine.ExportRequest;

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
		try (EngineCall call = new EngineCall()) {
			final Path model = Path.of(EngineCall.modelDir(c.model_dir));
			// The image goes to the engine as a temporary file; its title goes as the name the package's README gives it.
			final Path image = call.write(ImagePlusVolumes.toVolume(c.image), c.image.getTitle());
			final ExportRequest request = new ExportRequest(model, c.output_file.getAbsoluteFile().toPath(), image, c.image.getTitle(), c.name, authors(c.authors),
					c.cite == null || c.cite.isBlank() ? List.of() : List.of(c.cite), c.license);
			status("exporting " + c.model_dir.getName() + " to bioimage.io");
			call.run(request, EngineCall.logOnly(), () -> false);
		}
		status("exported " + c.output_file.getName());
	}

	/** "Ada Lovelace; Alan Turing": the names, as the command line's --authors splits them. */
	static List<String> authors(final String text) {
		if (text == null) return List.of();
		return Arrays.stream(text.split(";")).map(String::trim).filter(a -> !a.isEmpty()).toList();
	}
}

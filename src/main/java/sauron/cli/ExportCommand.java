package sauron.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sauron.data.Volume;
import sauron.export.BioimageioExport;
import sauron.export.ExportSettings;
import sauron.io.ImageFiles;
import sauron.io.OutputPaths;
import sauron.model.ModelStore;
import sauron.model.SauronModel;

@Command(name = "export", mixinStandardHelpOptions = true,
		description = { "Package a model for bioimage.io and DeepImageJ: a zip with rdf.yaml (model format 0.5), the TensorFlow SavedModel, "
				+ "test input and output (.npy) from a patch of the image, a cover and a README. The model is untouched.",
				"Fill in --authors, --cite and --license, or edit rdf.yaml in the zip before uploading." })
final class ExportCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-m", "--model" }, required = true, description = "model directory to export (read only)", paramLabel = "DIR")
	Path model;

	@Option(names = { "-i", "--image" }, required = true, description = "an image like the training images: a patch from its centre becomes the test input and the cover",
			paramLabel = "FILE")
	Path image;

	@Option(names = { "-o", "--output" }, required = true, description = "the zip to write (.zip)", paramLabel = "FILE")
	Path output;

	@Option(names = "--image-name", hidden = true, description = "how the README names the image (Fiji gives its title; default: the file name)")
	String imageName;

	@Option(names = "--name", description = "5-128 letters, digits, spaces, _ + - ( ); default: \"Sauron U-Net <dims>D <model folder>\"")
	String name;

	@Option(names = "--authors", split = ";", description = "full names, separated by ';' (or repeat the option); default: a placeholder to fill in", paramLabel = "NAMES")
	List<String> authors = new ArrayList<>();

	@Option(names = "--cite", description = "'TEXT|DOI' or 'TEXT|URL', repeat for several; always cited as well: the Sauron paper", paramLabel = "CITATION")
	List<String> cites = new ArrayList<>();

	@Option(names = "--license", description = "SPDX licence identifier of the weights; default: ${DEFAULT-VALUE}", defaultValue = ExportSettings.DEFAULT_LICENSE)
	String license;

	@Override
	public Integer call() throws Exception {
		if (Files.isDirectory(output)) throw new IllegalArgumentException("--output " + output + " is a folder; expected the name of a .zip file to write");
		if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
			throw new IllegalArgumentException("--output " + output + ": expected a name ending in .zip (bioimage.io packages are zip files)");
		OutputPaths.requireApart(List.of(OutputPaths.Output.of("--output", output)),
				List.of(OutputPaths.Input.sealedFolder("--model", model), OutputPaths.Input.of("--image", image)));
		final List<ExportSettings.Citation> citations = new ArrayList<>();
		for (final String c : cites) citations.add(ExportSettings.Citation.parse(c, "--cite"));
		final List<String> names = authors.stream().map(String::trim).filter(a -> !a.isEmpty()).toList();
		final Path folder = model.toAbsolutePath().normalize().getFileName();
		// Checked before the image and the model are read (the dimensionality only changes the default name).
		ExportSettings.of(name, folder == null ? "" : folder.toString(), 2, names, citations, license);
		// The image before TensorFlow starts: a bad file's error is the first line, not TensorFlow's start-up log.
		final Volume volume = ImageFiles.readImage(image);
		final String shownName = imageName != null && !imageName.isBlank() ? imageName : image.getFileName().toString();
		final SauronModel loaded = ModelStore.load(model);
		final ExportSettings settings = ExportSettings.of(name, folder == null ? "" : folder.toString(), loaded.spec().dims(), names, citations, license);
		final BioimageioExport.Summary s = BioimageioExport.write(loaded, model, volume, shownName, settings, output);
		final var out = spec.commandLine().getOut();
		out.printf("%s: bioimage.io model '%s' (format 0.5), TensorFlow %s%n", output, settings.name(), s.tensorflowVersion());
		s.entries().forEach((entry, bytes) -> out.printf("  %-28s %,12d bytes%n", entry, bytes));
		out.printf(Locale.ROOT, "test input: %s patch of %s at %s (x first); the stored graph reproduces the test output within %.1e%n",
				join(s.tests().patch()), shownName, join(s.tests().origin()), s.storedGraphDifference());
		if (!settings.placeholders().isEmpty())
			out.println("note: fill in " + String.join(", ", settings.placeholders()) + " in rdf.yaml before uploading (or export again with --authors)");
		return 0;
	}

	private static String join(final int[] a) {
		final StringBuilder s = new StringBuilder();
		for (final int v : a) s.append(s.length() > 0 ? "x" : "").append(v);
		return s.toString();
	}
}

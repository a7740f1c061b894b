package sauron.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code sauron export}, as Fiji's Export to bioimage.io asks for it: a model, an example image and the zip to
 * write, with what rdf.yaml says about the model. Null or blank values leave the engine's defaults.
 *
 * @param imageName how the package's README names the image (its title in Fiji, not the temporary file's name)
 * @param authors full names, one per entry
 * @param cites 'TEXT|DOI' or 'TEXT|URL' each
 * @param license SPDX licence identifier of the weights
 */
public record ExportRequest(Path model, Path output, Path image, String imageName, String name, List<String> authors, List<String> cites, String license)
		implements EngineRequest {

	public ExportRequest {
		authors = List.copyOf(authors);
		cites = List.copyOf(cites);
	}

	@Override
	public List<String> arguments() {
		return new Arguments("export").option("-m", model).option("-o", output).option("-i", image).option("--image-name", imageName).option("--name", name)
				.each("--authors", authors).each("--cite", cites).option("--license", license).list();
	}
}

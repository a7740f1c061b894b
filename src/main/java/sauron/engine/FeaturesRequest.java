package sauron.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code sauron features}, as Fiji's Feature Maps asks for it: one layer's maps of an image, written to a file.
 *
 * @param layer the layer's name (enc&lt;l&gt;_&lt;b&gt;, up&lt;l&gt;, dec&lt;l&gt;_&lt;b&gt;); null or blank: the engine's default, the last decoder layer
 */
public record FeaturesRequest(Path model, Path image, String layer, Path output) implements EngineRequest {

	@Override
	public List<String> arguments() {
		return new Arguments("features").option("-m", model).option("-i", image).option("--layer", layer).option("-o", output).list();
	}
}

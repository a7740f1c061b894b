package sauron.imagej;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What Fiji must know of a model before it lays an image out for the engine: the network's dimensionality, input
 * channels and layer names (in forward order, enc0_0 ... dec0_1: the keys of spec.widths), read from the model's
 * sauron.json as plain JSON (no TensorFlow in Fiji's JVM, see {@link EngineCall}).
 */
record ModelFacts(int dims, int inputChannels, List<String> layers) {

	ModelFacts(final int dims, final int inputChannels) {
		this(dims, inputChannels, List.of());
	}

	/** sauron.model.ModelStore's METADATA_FILE, spelt out: naming ModelStore would bring TensorFlow within Fiji's reach. */
	static final String FILE = "sauron.json";

	/** The model's facts, or null where its sauron.json cannot be read: the engine then says what is wrong with the folder. */
	static ModelFacts read(final String modelDir) {
		try (Reader r = Files.newBufferedReader(Path.of(modelDir, FILE), StandardCharsets.UTF_8)) {
			final JsonObject spec = JsonParser.parseReader(r).getAsJsonObject().getAsJsonObject("spec");
			return new ModelFacts(spec.get("dims").getAsInt(), spec.get("inputChannels").getAsInt(), List.copyOf(spec.getAsJsonObject("widths").keySet()));
		} catch (final IOException | RuntimeException e) {
			return null;
		}
	}
}

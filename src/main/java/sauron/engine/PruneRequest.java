package sauron.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code sauron prune} by Sauron's criterion, as Fiji's Prune Model asks for it: a saved model, images to compute
 * the criterion on, and the folder for the smaller model.
 *
 * @param tau one threshold for every layer; null: the model's learned per-layer thresholds
 * @param patches random patches of the images the criterion is averaged over
 */
public record PruneRequest(Path model, List<Path> images, Path output, Double tau, int patches) implements EngineRequest {

	public PruneRequest {
		images = List.copyOf(images);
	}

	@Override
	public List<String> arguments() {
		return new Arguments("prune").option("-m", model).option("-o", output).each("-i", images).option("--tau", tau).option("--patches", patches).list();
	}
}

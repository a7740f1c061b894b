package sauron.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code sauron train}, as Fiji's Train U-Net asks for it: the training data, the model folder, and the settings
 * the Fiji command offers. Null (0 for {@code classes}) leaves a setting to the engine's default, which may depend
 * on the images or the schedule; the command line's help says which. Always with events (steps, epochs).
 *
 * @param images training images, each with the label image of the same index in {@code labels}
 * @param data instead of images and labels: a folder with images/ and labels/
 * @param patch sides, x first
 * @param classes classes including background; 0: the largest label + 1
 * @param prune false trains without removing filters (with lambda 0: the plain baseline)
 * @param budget null: the schedule's
 * @param stopFile training stops after the epoch in which this file appears, and saves
 */
public record TrainRequest(List<Path> images, List<Path> labels, Path data, Path model, Integer dims, int epochs, int steps, List<Integer> patch,
		double validation, int classes, Integer levels, Integer base, Double lambda, boolean prune, Schedule schedule, Integer pruneEvery,
		Integer minFilters, Double tauMax, Budget budget, Path stopFile) implements EngineRequest {

	/** Sauron's schedule (the command line's --schedule; its help says what each means). */
	public enum Schedule { BUDGET, PAPER }

	/** How long a run that prunes trains (the command line's --budget): exactly its epochs, or its unpruned network's time. */
	public enum Budget { STEPS, TIME }

	public TrainRequest {
		images = List.copyOf(images);
		labels = List.copyOf(labels);
		patch = patch == null ? null : List.copyOf(patch);
	}

	@Override
	public List<String> arguments() {
		final Arguments a = new Arguments("train");
		for (int i = 0; i < Math.max(images.size(), labels.size()); i++)
			a.option("-i", i < images.size() ? images.get(i) : null).option("-l", i < labels.size() ? labels.get(i) : null);
		return a.option("--data", data).option("-m", model).option("--dims", dims).option("--epochs", epochs).option("--steps", steps)
				.option("--patch", patch == null ? null : patch.stream().map(String::valueOf).collect(Collectors.joining("x"))).option("--validation", validation)
				.option("--classes", classes > 0 ? classes : null).option("--levels", levels).option("--base", base).option("--lambda", lambda)
				.flag("--no-prune", !prune).option("--schedule", schedule).option("--prune-every", pruneEvery).option("--min-filters", minFilters)
				.option("--tau-max", tauMax).option("--budget", budget).option("--stop-file", stopFile).flag("--events", true).list();
	}
}

package sauron.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sauron.data.Volume;
import sauron.io.ImageFiles;
import sauron.io.OutputPaths;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.prune.L1NormPruning;
import sauron.prune.ModelPruner;

@Command(name = "prune", mixinStandardHelpOptions = true,
		description = { "Remove redundant filters from a saved model (Sauron's delta_prune on the given images) and write a smaller model; the original is untouched.",
				"With --l1-widths-from: keep in each layer the filters of largest kernel L1 norm (Li et al. 2017), as many as another model of the same architecture has; no image needed." })
final class PruneCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-m", "--model" }, required = true, description = "model directory to prune (read only)", paramLabel = "DIR")
	Path model;

	@Option(names = { "-i", "--image" }, description = "image to compute Sauron's criterion on; repeat for several", paramLabel = "FILE")
	List<Path> images = new ArrayList<>();

	@Option(names = { "-o", "--output" }, required = true, description = "directory for the pruned model", paramLabel = "DIR")
	Path output;

	@Option(names = "--tau", description = "one threshold in [0, 1] for every layer; default: the model's learned per-layer thresholds")
	Double tau;

	@Option(names = "--patches", description = "random patches to compute delta_prune over; default: ${DEFAULT-VALUE}", defaultValue = "8")
	int patches;

	@Option(names = "--seed", description = "default: ${DEFAULT-VALUE}", defaultValue = "42")
	long seed;

	@Option(names = "--l1-widths-from", description = "prune by kernel L1 norm to the per-layer widths of this model (e.g. a Sauron-pruned one) instead of Sauron's criterion", paramLabel = "DIR")
	Path l1WidthsFrom;

	/** Sauron's criterion's own options: meaningless for L1-norm pruning. */
	private static final String[] SAURON_ONLY = { "--image", "--tau", "--patches", "--seed" };

	@Override
	public Integer call() throws Exception {
		if (l1WidthsFrom != null) {
			for (final String option : SAURON_ONLY)
				if (spec.commandLine().getParseResult().hasMatchedOption(option))
					throw new IllegalArgumentException(option + " belongs to Sauron's criterion; --l1-widths-from prunes by kernel L1 norm and takes only --model, --output and the widths' model");
		} else if (images.isEmpty())
			throw new IllegalArgumentException("no image: give -i IMAGE for Sauron's criterion, or --l1-widths-from MODEL to prune by kernel L1 norm to that model's widths");
		// Prune never changes the models it reads (the original, the one giving the widths) nor the images.
		final List<OutputPaths.Input> reads = new ArrayList<>(List.of(OutputPaths.Input.sealedFolder("--model", model)));
		if (l1WidthsFrom != null) reads.add(OutputPaths.Input.sealedFolder("--l1-widths-from", l1WidthsFrom));
		for (final Path p : images) reads.add(OutputPaths.Input.of("--image", p));
		OutputPaths.requireApart(List.of(OutputPaths.Output.replacedFolder("--output", output)), reads);
		ModelStore.requireSavable(output);
		// The images before TensorFlow starts: a bad file's error is the first line, not TensorFlow's start-up log.
		final List<Volume> volumes = l1WidthsFrom != null ? List.of() : readImages();
		final SauronModel original = ModelStore.load(model);
		final SauronModel pruned = l1WidthsFrom != null ? l1Pruned(original) : ModelPruner.prune(original, volumes, tau, patches, seed);
		ModelStore.save(pruned, output);
		final var out = spec.commandLine().getOut();
		final double flopsBefore = original.topology().flopsPerVoxel(original.metadata().patchShape());
		final double flopsAfter = pruned.topology().flopsPerVoxel(pruned.metadata().patchShape());
		out.printf("%-16s %14s %14s%n", "", "before", "after");
		out.printf("%-16s %,14d %,14d%n", "parameters", original.topology().parameterCount(), pruned.topology().parameterCount());
		out.printf("%-16s %,14.0f %,14.0f%n", "FLOPs per voxel", flopsBefore, flopsAfter);
		out.printf("%-16s %14.2f %14.2f%n", "size on disk MB", ModelStore.sizeOnDisk(model) / 1e6, ModelStore.sizeOnDisk(output) / 1e6);
		out.println("filters per layer:");
		for (final String layer : original.spec().widths().keySet())
			out.printf("  %-8s %5d -> %5d%n", layer, original.spec().width(layer), pruned.spec().width(layer));
		out.printf("saved %s%n", output);
		return 0;
	}

	private List<Volume> readImages() throws IOException {
		final List<Volume> volumes = new ArrayList<>();
		for (final Path p : images) volumes.add(ImageFiles.readImage(p));
		return volumes;
	}

	private SauronModel l1Pruned(final SauronModel original) throws IOException {
		final SauronModel widths = ModelStore.load(l1WidthsFrom);
		try {
			return L1NormPruning.prune(original, widths.spec());
		} catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("--l1-widths-from " + l1WidthsFrom + " does not fit --model " + model + ": " + e.getMessage(), e);
		}
	}
}

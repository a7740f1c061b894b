package sauron.cli;

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
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.prune.ModelPruner;

@Command(name = "prune", mixinStandardHelpOptions = true,
		description = "Remove redundant filters from a saved model (Sauron's delta_prune on the given images) and write a smaller model; the original is untouched.")
final class PruneCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-m", "--model" }, required = true, description = "model directory to prune (read only)", paramLabel = "DIR")
	Path model;

	@Option(names = { "-i", "--image" }, required = true, description = "image to compute the criterion on; repeat for several", paramLabel = "FILE")
	List<Path> images = new ArrayList<>();

	@Option(names = { "-o", "--output" }, required = true, description = "directory for the pruned model", paramLabel = "DIR")
	Path output;

	@Option(names = "--tau", description = "one threshold in [0, 1] for every layer; default: the model's learned per-layer thresholds")
	Double tau;

	@Option(names = "--patches", description = "random patches to compute delta_prune over; default: ${DEFAULT-VALUE}", defaultValue = "8")
	int patches;

	@Option(names = "--seed", description = "default: ${DEFAULT-VALUE}", defaultValue = "42")
	long seed;

	@Override
	public Integer call() throws Exception {
		if (output.toAbsolutePath().normalize().equals(model.toAbsolutePath().normalize()))
			throw new IllegalArgumentException("--output must differ from --model: prune never changes the original model");
		ModelStore.requireSavable(output);
		final SauronModel original = ModelStore.load(model);
		final List<Volume> volumes = new ArrayList<>();
		for (final Path p : images) volumes.add(ImageFiles.readImage(p));
		final SauronModel pruned = ModelPruner.prune(original, volumes, tau, patches, seed);
		ModelStore.save(pruned, output);
		final var out = spec.commandLine().getOut();
		final double flopsBefore = ModelStore.flopsPerVoxel(original.topology(), original.metadata().patchShape());
		final double flopsAfter = ModelStore.flopsPerVoxel(pruned.topology(), pruned.metadata().patchShape());
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
}

package sauron.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sauron.model.EpochRecord;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Layer;
import sauron.net.Topology;

@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a model: network, widths per layer, parameters, FLOPs, training history.")
final class InfoCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-m", "--model" }, required = true, paramLabel = "DIR")
	Path model;

	@Override
	public Integer call() throws Exception {
		final SauronModel m = ModelStore.load(model);
		final Topology t = m.topology();
		final var out = spec.commandLine().getOut();
		final int[] patch = m.metadata().patchShape();
		long voxels = 1;
		final long[] shape = new long[patch.length];
		for (int d = 0; d < patch.length; d++) {
			voxels *= patch[d];
			shape[d] = patch[d];
		}
		final long flops = t.forwardFlops(shape);
		out.printf("model        %s%n", model);
		out.printf("network      %dD U-Net, %d levels, %d input channel(s), %d classes%n", m.spec().dims(), m.spec().levels(), m.spec().inputChannels(), m.spec().classes());
		out.printf("parameters   %,d%n", t.parameterCount());
		out.printf("FLOPs        %,d per patch %s, %,.0f per voxel%n", flops, java.util.Arrays.toString(patch), (double) flops / voxels);
		out.printf("size on disk %.2f MB%n", ModelStore.sizeOnDisk(model) / 1e6);
		out.printf("voxel size   %s, normalisation: %s%n", java.util.Arrays.toString(m.metadata().voxelSize()), m.metadata().normalisation());
		out.println("layers (filters):");
		for (final Layer l : t.layers())
			out.printf("  %-8s %-6s level %d  %4d -> %4d%n", l.name(), l.kind().toString().toLowerCase(), l.level(), l.inChannels(), l.outChannels());
		if (!m.metadata().history().isEmpty()) {
			out.printf("history:%n  %5s %9s %9s %9s %8s %12s%n", "epoch", "loss", "val loss", "val Dice", "seconds", "parameters");
			for (final EpochRecord r : m.metadata().history())
				out.printf("  %5d %9.4f %9.4f %9.4f %8.1f %,12d%s%n", r.epoch(), r.trainingLoss(), r.validationLoss(), r.validationDice(), r.seconds(), r.parameters(),
						thresholds(r.thresholds()));
		}
		return 0;
	}

	private static String thresholds(final Map<String, Double> tau) {
		return tau == null || tau.isEmpty() ? "" : "  tau " + tau.values().stream().mapToDouble(Double::doubleValue).max().orElse(0) + " (max)";
	}
}

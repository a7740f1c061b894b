package sauron.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Formatter;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import sauron.net.Layer;
import sauron.net.Topology;

/**
 * The text that describes a model: network, parameters, FLOPs, size on disk, widths per layer and training
 * history. One formatter for the command line's "info" and Fiji's Model Info, so both say the same.
 */
public final class ModelReport {

	private ModelReport() {}

	/** @param dir the model's directory (named in the text and measured on disk) */
	public static String describe(final SauronModel m, final Path dir) throws IOException {
		final Topology t = m.topology();
		final int[] patch = m.metadata().patchShape();
		final long flops = t.forwardFlops(Arrays.stream(patch).asLongStream().toArray());
		try (Formatter out = new Formatter(new StringBuilder(), java.util.Locale.ROOT)) {
			out.format("model        %s%n", dir);
			out.format("network      %dD U-Net, %d levels, %d input channel(s), %d classes%n", m.spec().dims(), m.spec().levels(), m.spec().inputChannels(), m.spec().classes());
			out.format("parameters   %,d%n", t.parameterCount());
			out.format("FLOPs        %,d per patch %s, %,.0f per voxel%n", flops, Arrays.toString(patch), t.flopsPerVoxel(patch));
			out.format("size on disk %.2f MB%n", ModelStore.sizeOnDisk(dir) / 1e6);
			out.format("voxel size   %s, normalisation: %s%n", Arrays.toString(m.metadata().voxelSize()), m.metadata().normalisation());
			final String sauron = sauronSettings(m.metadata().recordedTraining());
			if (sauron != null) out.format("Sauron       %s%n", sauron);
			final JsonObject budget = m.metadata().training() == null ? null : m.metadata().training().getAsJsonObject("time_budget");
			if (budget != null)
				out.format("time budget  %d epochs in the unpruned network's time (%.0f s, projected from the warm-up)%n", budget.get("epochs").getAsInt(),
						budget.get("unpruned_seconds_projected").getAsDouble());
			out.format("layers (filters):%n");
			for (final Layer l : t.layers())
				out.format("  %-8s %-6s level %d  %4d -> %4d%n", l.name(), l.kind().toString().toLowerCase(java.util.Locale.ROOT), l.level(), l.inChannels(), l.outChannels());
			if (!m.metadata().history().isEmpty()) {
				out.format("history:%n  %5s %9s %9s %9s %8s %12s%n", "epoch", "loss", "val loss", "val Dice", "seconds", "parameters");
				for (final EpochRecord r : m.metadata().history())
					out.format("  %5d %9.4f %9.4f %9.4f %8.1f %,12d%s%n", r.epoch(), r.trainingLoss(), r.validationLoss(), r.validationDice(), r.seconds(), r.parameters(),
							thresholds(r.thresholds()));
			}
			return out.toString();
		}
	}

	/**
	 * The Sauron settings the model was trained with, as key=value pairs ("rounds" and "criterion" nested);
	 * models trained before the step-based schedule had no such groups: they pruned at every epoch end.
	 */
	private static String sauronSettings(final RecordedTraining training) {
		if (training.sauron() == null) return null;
		final String text = keyValues(training.sauron());
		return training.sauronRounds() ? text : text + ", rounds at every epoch end (the paper's)";
	}

	private static String keyValues(final JsonObject o) {
		final StringBuilder b = new StringBuilder();
		for (final Map.Entry<String, JsonElement> e : o.entrySet()) {
			if (b.length() > 0) b.append(", ");
			b.append(e.getKey()).append('=').append(e.getValue().isJsonObject() ? "(" + keyValues(e.getValue().getAsJsonObject()) + ")" : e.getValue().getAsString());
		}
		return b.toString();
	}

	private static String thresholds(final Map<String, Double> tau) {
		return tau == null || tau.isEmpty() ? "" : "  tau " + tau.values().stream().mapToDouble(Double::doubleValue).max().orElse(0) + " (max)";
	}
}

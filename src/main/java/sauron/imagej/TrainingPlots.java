package sauron.imagej;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ij.gui.Plot;
import ij.gui.PlotWindow;
import sauron.model.EpochRecord;

/**
 * Two live plots while training: losses and validation Dice per epoch, and filters per layer per epoch (the
 * network shrinking as Sauron prunes). Redrawn in place after each epoch.
 */
final class TrainingPlots {

	private static final Color[] COLOURS = { Color.BLUE, Color.RED, new Color(0, 150, 0), Color.MAGENTA, Color.ORANGE, Color.CYAN.darker(), Color.GRAY,
			Color.PINK.darker(), Color.BLACK };

	private final List<EpochRecord> epochs = new ArrayList<>();
	private PlotWindow lossWindow, filterWindow;

	void add(final EpochRecord r) {
		epochs.add(r);
		lossWindow = show(lossWindow, lossPlot());
		filterWindow = show(filterWindow, filterPlot());
	}

	private Plot lossPlot() {
		final Plot plot = new Plot("Sauron training: loss and Dice", "epoch", "loss / Dice");
		add(plot, "training loss", COLOURS[0], EpochRecord::trainingLoss);
		add(plot, "validation loss", COLOURS[1], EpochRecord::validationLoss);
		add(plot, "validation Dice", COLOURS[2], EpochRecord::validationDice);
		plot.setLimitsToFit(false);
		plot.addLegend(null);
		return plot;
	}

	private Plot filterPlot() {
		final Plot plot = new Plot("Sauron training: filters per layer", "epoch", "filters");
		final Map<String, Integer> first = epochs.get(0).widths();
		int i = 0;
		for (final String layer : first.keySet())
			add(plot, layer, COLOURS[i++ % COLOURS.length], r -> r.widths().getOrDefault(layer, 0));
		plot.setLimitsToFit(false);
		plot.addLegend(null);
		return plot;
	}

	private void add(final Plot plot, final String label, final Color colour, final java.util.function.ToDoubleFunction<EpochRecord> value) {
		final double[] x = new double[epochs.size()], y = new double[epochs.size()];
		for (int e = 0; e < x.length; e++) {
			x[e] = epochs.get(e).epoch();
			y[e] = value.applyAsDouble(epochs.get(e));
		}
		plot.setColor(colour);
		plot.addPoints(x, y, x.length == 1 ? Plot.CIRCLE : Plot.LINE);
		plot.setLabel(-1, label);
	}

	private static PlotWindow show(final PlotWindow window, final Plot plot) {
		if (window == null || window.isClosed()) return plot.show();
		window.drawPlot(plot);
		return window;
	}
}

package sauron.imagej;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.gui.Plot;
import ij.gui.PlotWindow;
import sauron.model.EpochRecord;

/**
 * Two live plots while training: losses and validation Dice per epoch, and filters per layer per epoch (the
 * network shrinking as Sauron prunes). Redrawn in place after each epoch; the two windows are placed side by
 * side (or one below the other) so that neither hides the other.
 */
final class TrainingPlots {

	private static final Color[] COLOURS = { Color.BLUE, Color.RED, new Color(0, 150, 0), Color.MAGENTA, Color.ORANGE, Color.CYAN.darker(), Color.GRAY,
			Color.PINK.darker(), Color.BLACK };

	private final List<EpochRecord> epochs = new ArrayList<>();
	private PlotWindow lossWindow, filterWindow;

	void add(final EpochRecord r) {
		epochs.add(r);
		final boolean placed = filterWindow != null && !filterWindow.isClosed();
		lossWindow = show(lossWindow, lossPlot());
		filterWindow = show(filterWindow, filterPlot());
		if (!placed) placeBeside(lossWindow, filterWindow);
	}

	/** The second window to the right of the first if the screen is wide enough, else below it, else at the screen's two sides. */
	private static void placeBeside(final PlotWindow first, final PlotWindow second) {
		final Dimension screen = IJ.getScreenSize();
		final Rectangle a = first.getBounds(), b = second.getBounds();
		final int gap = 4;
		if (a.width + gap + b.width <= screen.width) {
			final int x = Math.max(0, Math.min(a.x, screen.width - a.width - gap - b.width));
			first.setLocation(x, a.y);
			second.setLocation(x + a.width + gap, a.y);
		} else if (a.y + a.height + gap + b.height <= screen.height) second.setLocation(a.x, a.y + a.height + gap);
		else {  // a small screen: at its two sides, overlapping as little as they must
			first.setLocation(0, a.y);
			second.setLocation(Math.max(0, screen.width - b.width), a.y);
		}
	}

	private Plot lossPlot() {
		final Plot plot = new Plot("Sauron training: loss and Dice", "epoch", "loss / Dice");
		add(plot, "training loss", COLOURS[0], EpochRecord::trainingLoss);
		add(plot, "validation loss", COLOURS[1], EpochRecord::validationLoss);
		add(plot, "validation Dice", COLOURS[2], EpochRecord::validationDice);
		double top = 1; // Dice's range at least; NaN (no validation split) is left out
		for (final EpochRecord r : epochs)
			for (final double v : new double[] { r.trainingLoss(), r.validationLoss(), r.validationDice() })
				if (Double.isFinite(v)) top = Math.max(top, v);
		plot.setLimits(firstEpoch() - 0.5, lastEpoch() + 0.5, 0, top * 1.05);
		plot.addLegend(null, "auto");
		return plot;
	}

	/** One line per layer, labelled with its filters now; from 0 with headroom, so that no line lies on the frame. */
	private Plot filterPlot() {
		final int rounds = epochs.get(epochs.size() - 1).rounds();
		final Plot plot = new Plot("Sauron training: filters per layer", "epoch (" + rounds + " pruning round" + (rounds == 1 ? "" : "s") + " so far)", "filters");
		final Map<String, Integer> first = epochs.get(0).widths();
		final Map<String, Integer> now = epochs.get(epochs.size() - 1).widths();
		int i = 0, most = 1;
		for (final String layer : first.keySet()) {
			add(plot, layer + ": " + now.getOrDefault(layer, 0), COLOURS[i++ % COLOURS.length], r -> r.widths().getOrDefault(layer, 0));
			most = Math.max(most, first.get(layer));
		}
		plot.setLimits(firstEpoch() - 0.5, lastEpoch() + 0.5, 0, Math.ceil(most * 1.1));
		plot.addLegend(null, "auto");
		return plot;
	}

	private double firstEpoch() {
		return epochs.get(0).epoch();
	}

	/** At least one epoch after the first, so that one point still has an x range (both get half an epoch's margin, off the frame). */
	private double lastEpoch() {
		return Math.max(epochs.get(epochs.size() - 1).epoch(), firstEpoch() + 1);
	}

	private void add(final Plot plot, final String label, final Color colour, final java.util.function.ToDoubleFunction<EpochRecord> value) {
		final double[] x = new double[epochs.size()], y = new double[epochs.size()];
		for (int e = 0; e < x.length; e++) {
			x[e] = epochs.get(e).epoch();
			y[e] = value.applyAsDouble(epochs.get(e));
		}
		plot.setColor(colour);
		plot.setLineWidth(2);
		plot.addPoints(x, y, x.length == 1 ? Plot.CIRCLE : Plot.LINE);
		plot.setLabel(-1, label);
	}

	private static PlotWindow show(final PlotWindow window, final Plot plot) {
		if (window == null || window.isClosed()) return plot.show();
		window.drawPlot(plot);
		return window;
	}
}

package sauron.bench;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.segment.FeatureMapTiling;
import sauron.io.ImageFiles;
import sauron.model.EpochRecord;
import sauron.model.ModelStore;
import sauron.model.RecordedTraining;
import sauron.model.SauronModel;
import sauron.net.UNetSpec;
import sauron.segment.ModelSegmenter;

/**
 * The figures of {@code bench/evidence.sh}, drawn headless with ImageJ 1 and saved as PNG:
 * <pre>
 *   filters MODEL OUT.png TITLE               filters per prunable layer over the epochs of MODEL's sauron.json history
 *   montage MODEL IMAGE TRUTH OUT.png TITLE   the middle axial slice of IMAGE, of TRUTH, and of every feature map
 *                                             left in MODEL's last decoder layer dec0_1, each on its own grey range
 * </pre>
 * A bench tool, not a product class: the feature maps come from {@link FeatureMapTiling}, as Fiji's Feature Maps
 * command computes them (whole image, z-scored as for segmentation; a 2D model slice by slice).
 */
public final class EvidenceFigures {

	static final String LAST_DECODER_LAYER = "dec0_1";

	private EvidenceFigures() {}

	public static void main(final String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		if (args.length == 4 && args[0].equals("filters")) {
			save(filtersPlot(ModelStore.load(Path.of(args[1])), args[3]), args[2]);
		} else if (args.length == 6 && args[0].equals("montage")) {
			final SauronModel model = ModelStore.load(Path.of(args[1]));
			final Path image = Path.of(args[2]);
			save(montage(model, ImageFiles.readImage(image), image.getFileName().toString(), ImageFiles.readLabels(Path.of(args[3])), args[5]), args[4]);
		} else {
			System.err.println("usage: EvidenceFigures filters MODEL OUT.png TITLE | montage MODEL IMAGE TRUTH OUT.png TITLE");
			System.exit(2);
		}
	}

	/** FileSaver, not IJ.saveAs: IJ.saveAs builds ImageJ's menus, which fails headless. */
	private static void save(final ImagePlus imp, final String path) {
		if (!new FileSaver(imp).saveAsPng(path)) throw new IllegalStateException("could not write " + path);
		System.out.println("wrote " + path);
	}

	/** Widths before the first epoch, from the training settings; empty if they do not say (e.g. a model trained from another). */
	static Map<String, Integer> initialWidths(final SauronModel model) {
		final RecordedTraining.InitialNetwork n = model.metadata().recordedTraining().initialNetwork();
		if (n == null) return Map.of();
		final UNetSpec s = model.spec();
		return UNetSpec.create(s.dims(), n.levels(), n.baseWidth(), n.maxWidth(), s.inputChannels(), s.classes()).widths();
	}

	/**
	 * One line per prunable layer, x the epoch (0: before training), y its filters on a log axis (widths double per
	 * level, so every level gets the same room). Colour by level; encoder layers as lines, upsampling and decoder
	 * layers with circles; darker for the first layer of a pair.
	 */
	static ImagePlus filtersPlot(final SauronModel model, final String title) {
		final List<EpochRecord> history = model.metadata().history();
		if (history == null || history.isEmpty()) throw new IllegalArgumentException("the model has no training history");
		final Map<String, Integer> start = initialWidths(model);
		final Map<String, Integer> last = history.get(history.size() - 1).widths();
		final int offset = start.isEmpty() ? 0 : 1, points = history.size() + offset;
		final Plot plot = new Plot(title, "epoch", "filters (log scale)");
		plot.setSize(900, 600);
		plot.setFont(Font.PLAIN, 13);
		final StringBuilder legend = new StringBuilder();
		int most = 1;
		for (final String layer : last.keySet()) {
			final double[] x = new double[points], y = new double[points];
			if (offset == 1) {
				y[0] = start.getOrDefault(layer, last.get(layer));
			}
			for (int e = 0; e < history.size(); e++) {
				x[e + offset] = history.get(e).epoch();
				y[e + offset] = history.get(e).widths().getOrDefault(layer, 0);
			}
			for (final double v : y) most = Math.max(most, (int) v);
			plot.setColor(colour(layer));
			plot.setLineWidth(layer.startsWith("enc") ? 2.5f : 1.5f);
			plot.add(layer.startsWith("enc") ? "line" : "connected circle", x, y);
			legend.append(layer).append(": ").append(offset == 1 ? (int) y[0] + " -> " : "").append(last.get(layer)).append('\n');
		}
		final double epochs = history.get(history.size() - 1).epoch();
		// Room on the right for the legend, so that it hides no line.
		plot.setLimits(0, epochs + Math.max(1, epochs * 0.45), 1, most * 1.6);
		plot.setAxisYLog(true);
		plot.setColor(Color.BLACK);
		plot.setFont(Font.PLAIN, 11);
		plot.addLegend(legend.toString().trim(), "top-right");
		plot.setFont(Font.BOLD, 13);
		plot.addLabel(0, 0, title);
		return plot.getImagePlus();
	}

	/** Level of a layer name such as enc3_1, up2 or dec0_0. */
	static int level(final String layer) {
		final int i = layer.startsWith("up") ? 2 : 3;
		int end = i;
		while (end < layer.length() && Character.isDigit(layer.charAt(end))) end++;
		return Integer.parseInt(layer.substring(i, end));
	}

	private static final float[] LEVEL_HUES = { 0.62f, 0.33f, 0.08f, 0.0f, 0.8f, 0.5f, 0.15f, 0.95f };

	static Color colour(final String layer) {
		final float hue = LEVEL_HUES[level(layer) % LEVEL_HUES.length];
		final boolean first = layer.endsWith("_0") || layer.startsWith("up");
		final float brightness = layer.startsWith("up") ? 0.45f : first ? 0.65f : 0.95f;
		return Color.getHSBColor(hue, layer.startsWith("up") ? 0.5f : 0.9f, brightness);
	}

	/**
	 * The middle axial slice (z) of the image, of the truth and of every feature map of {@link #LAST_DECODER_LAYER}
	 * that the model kept; anterior up; each tile on its own grey range, labelled with that range.
	 */
	static ImagePlus montage(final SauronModel model, final Volume image, final String name, final LabelVolume truth, final String title) {
		final Volume maps;
		try (ModelSegmenter segmenter = new ModelSegmenter(model)) {
			maps = FeatureMapTiling.compute(segmenter, image, name, LAST_DECODER_LAYER);
		}
		final int[] shape = image.shape();
		final int z = shape.length > 2 ? shape[2] / 2 : 0;
		final List<String> labels = new ArrayList<>();
		final List<FloatProcessor> tiles = new ArrayList<>();
		tiles.add(slice(image, z, 0));
		labels.add("image");
		final float[] mask = new float[shape[0] * shape[1]];
		for (int i = 0; i < mask.length; i++) mask[i] = truth.labels()[z * mask.length + i];
		tiles.add(new FloatProcessor(shape[0], shape[1], mask));
		labels.add("truth");
		for (int c = 0; c < maps.channels(); c++) {
			final FloatProcessor map = slice(maps, z, c);
			map.resetMinAndMax();
			tiles.add(map);
			labels.add(String.format(Locale.ROOT, "map %d|%.3g..%.3g", c + 1, map.getMin(), map.getMax()));
		}
		final Integer before = initialWidths(model).get(LAST_DECODER_LAYER);
		final String heading = String.format(Locale.ROOT, "%s: axial slice z = %d of %d; %s keeps %d%s filters", title, z, shape.length > 2 ? shape[2] : 1,
				LAST_DECODER_LAYER, maps.channels(), before == null ? "" : " of " + before);
		return tile(tiles, labels, heading);
	}

	/** Channel c of slice z as a float image, x to the right, y (anterior in RAS) up. */
	static FloatProcessor slice(final Volume v, final int z, final int c) {
		final int sx = v.size(0), sy = v.size(1), channels = v.channels();
		final float[] pixels = new float[sx * sy];
		final float[] data = v.data();
		for (int y = 0; y < sy; y++)
			for (int x = 0; x < sx; x++)
				pixels[(sy - 1 - y) * sx + x] = data[((z * sy + y) * sx + x) * channels + c];
		return new FloatProcessor(sx, sy, pixels);
	}

	/** Tiles in rows of at most 12, scaled by an integer factor (no interpolation), each label ('|' breaks a line) below it. */
	private static ImagePlus tile(final List<FloatProcessor> tiles, final List<String> labels, final String heading) {
		final int w = tiles.get(0).getWidth(), h = tiles.get(0).getHeight();
		final int scale = Math.max(1, Math.round(200f / h));
		final int columns = Math.min(tiles.size(), 12), rows = (tiles.size() + columns - 1) / columns;
		final int gap = 6, labelHeight = 30, top = 28, tw = w * scale, th = h * scale;
		final Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 13);
		final ByteProcessor ruler = new ByteProcessor(1, 1);
		ruler.setFont(bold);
		final int width = Math.max(columns * (tw + gap) + gap, ruler.getStringWidth(heading) + 2 * gap); // the heading is never cut off
		final ByteProcessor canvas = new ByteProcessor(width, top + rows * (th + labelHeight + gap));
		canvas.setColor(Color.WHITE);
		canvas.fill();
		canvas.setColor(Color.BLACK);
		canvas.setAntialiasedText(true);
		canvas.setFont(bold);
		canvas.drawString(heading, gap, top - 8);
		canvas.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		for (int i = 0; i < tiles.size(); i++) {
			final FloatProcessor t = tiles.get(i);
			t.resetMinAndMax();
			final ImageProcessor grey = t.convertToByte(true);
			grey.setInterpolationMethod(ImageProcessor.NONE);
			final int x = gap + i % columns * (tw + gap), y = top + i / columns * (th + labelHeight + gap);
			canvas.insert(grey.resize(tw, th), x, y);
			final String[] lines = labels.get(i).split("\\|");
			for (int l = 0; l < lines.length; l++) canvas.drawString(lines[l], x, y + th + 13 + 13 * l);
		}
		return new ImagePlus("montage", canvas);
	}
}

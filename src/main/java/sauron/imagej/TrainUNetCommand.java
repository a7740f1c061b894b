package sauron.imagej;

import java.io.File;
import java.util.Arrays;
import java.util.List;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sauron.data.LabelVolume;
import sauron.data.TrainingPair;
import sauron.data.Volume;
import sauron.io.TrainingFiles;
import sauron.model.EpochRecord;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.UNetSpec;
import sauron.prune.SauronSettings;
import sauron.train.Trainer;
import sauron.train.TrainingListener;
import sauron.train.TrainingSettings;

/**
 * Trains a U-Net on an open image and its label image, or on a folder with images/ and labels/, and saves the
 * model folder. Progress per epoch in the status bar and two live plots (log lines headless); "Stop after
 * this epoch" or Esc ends training early and still saves a usable model.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Sauron U-Net>Train U-Net")
public final class TrainUNetCommand extends SauronCommand {

	@Parameter(required = false, description = "image to train on (ignored when data_dir is given)")
	ImagePlus image;

	@Parameter(required = false, description = "its label image: 0 background, 1.. classes")
	ImagePlus labels;

	@Parameter(required = false, style = "directory", description = "instead of image and labels: a folder with images/ and labels/")
	File data_dir;

	@Parameter(style = "directory", description = "model folder to write")
	File model_dir;

	@Parameter(choices = { "auto", "2D", "3D" }, description = "auto: 3D for stacks, else 2D")
	String dims = "auto";

	@Parameter(min = "1")
	int epochs = 50;

	@Parameter(min = "1", description = "batches per epoch")
	int steps = 50;

	@Parameter(required = false, description = "patch size, x first, e.g. 64x64x64; empty: 2D 128x128, 3D 64x64x64")
	String patch_size = "";

	@Parameter(min = "0", max = "0.9", stepSize = "0.05", description = "share held out for validation")
	double validation = 0.2;

	@Parameter(min = "0", description = "classes incl. background; 0: largest label + 1")
	int classes = 0;

	@Parameter(min = "0", description = "resolution levels; 0: 2D 5, 3D 4")
	int levels = 0;

	@Parameter(min = "0", description = "filters at level 0; 0: 2D 32, 3D 24")
	int base_filters = 0;

	/** Prune filters with Sauron at every epoch end; off (with lambda 0) trains the plain nnU-Net baseline. */
	@Parameter(description = "remove redundant filters with Sauron while training")
	boolean sauron = true;

	/** Weight of Sauron's regulariser in the loss (0: none; with pruning on, the paper's "Sauron (lambda=0)"). */
	@Parameter(min = "0")
	double lambda = 0.5;

	@Override
	protected void execute() throws Exception {
		if (model_dir == null) throw new IllegalArgumentException("no model folder given (model_dir): choose the folder to save the model in");
		final List<TrainingPair> pairs = data_dir != null ? TrainingFiles.readFolder(data_dir.toPath(), classes) : List.of(pairFromImages());
		final int d = dims.equals("auto") ? pairs.get(0).image().dims() : dims.equals("3D") ? 3 : 2;
		final TrainingSettings s = settings(d);
		final SauronModel model;
		try (StopButton stop = new StopButton(title())) {
			model = new Trainer(s, SauronSettings.DEFAULTS.withLambda(lambda).withPrune(sauron), new Monitor(stop)).train(pairs);
		}
		status("saving " + model_dir);
		ModelStore.save(model, model_dir.toPath());
		UserMessages.log(String.format("saved %s (%,d parameters, %.1f MB)", model_dir, model.topology().parameterCount(), ModelStore.sizeOnDisk(model_dir.toPath()) / 1e6));
		status("trained " + model_dir.getName());
	}

	private TrainingPair pairFromImages() {
		if (image == null || labels == null) throw new IllegalArgumentException("give an image and its label image, or a data_dir with images/ and labels/");
		final Volume v = ImagePlusVolumes.toVolume(image);
		final LabelVolume l = ImagePlusVolumes.toLabels(labels);
		if (!Arrays.equals(v.shape(), l.shape()))
			throw new IllegalArgumentException(image.getTitle() + " is " + Arrays.toString(v.shape()) + " but its labels " + labels.getTitle() + " are " + Arrays.toString(l.shape()));
		final int n = classes > 0 ? classes : Math.max(2, l.maxLabel() + 1);
		return new TrainingPair(image.getTitle(), v, l, n);
	}

	private TrainingSettings settings(final int d) {
		final TrainingSettings x = TrainingSettings.forDims(d);
		final int[] patch = patch_size == null || patch_size.isBlank() ? x.patchShape() : parseSize(patch_size);
		return new TrainingSettings(d, levels > 0 ? levels : x.levels(), base_filters > 0 ? base_filters : x.baseWidth(), x.maxWidth(), patch, x.batchSize(),
				epochs, steps, x.learningRate(), x.weightDecay(), x.seed(), x.foregroundProbability(), x.augmentation(), validation, x.convForm());
	}

	/** "64x64x32" or "64,64,32", x first. */
	static int[] parseSize(final String text) {
		final String[] parts = text.trim().split("\\s*[x,]\\s*");
		final int[] sizes = new int[parts.length];
		try {
			for (int i = 0; i < parts.length; i++) sizes[i] = Integer.parseInt(parts[i]);
		} catch (final NumberFormatException e) {
			throw new IllegalArgumentException("patch_size '" + text + "' is not a size like 64x64x64");
		}
		return sizes;
	}

	/** Status, progress bar, plots and log lines per epoch; asks the stop button whether to stop. */
	private final class Monitor implements TrainingListener {
		private final StopButton stop;
		private final TrainingPlots plots = UserMessages.headless() ? null : new TrainingPlots();
		private int total;

		Monitor(final StopButton stop) { this.stop = stop; }

		@Override
		public void started(final UNetSpec spec, final TrainingSettings settings) {
			total = settings.epochs();
			UserMessages.log("training " + spec + " on patches " + Arrays.toString(settings.patchShape()) + ", " + total + " epochs x " + settings.stepsPerEpoch() + " steps");
			progress(0, total);
		}

		@Override
		public void stepEnded(final int epoch, final int step, final float loss) {
			status(String.format("epoch %d/%d, step %d: loss %.4f", epoch + 1, total, step + 1, loss));
		}

		@Override
		public void epochEnded(final EpochRecord r) {
			progress(r.epoch(), total);
			UserMessages.log(String.format("epoch %d/%d  loss %.4f  val loss %s  val Dice %s  %.1f s  %,d params", r.epoch(), total, r.trainingLoss(),
					orDash(r.validationLoss()), orDash(r.validationDice()), r.seconds(), r.parameters()));
			if (plots != null) plots.add(r);
		}

		@Override
		public void message(final String text) { UserMessages.log(text); }

		@Override
		public boolean stopRequested() { return stop.requested(); }
	}

	/** NaN (no validation split) as a dash, as the command line prints it. */
	private static String orDash(final double value) {
		return Double.isNaN(value) ? "-" : String.format("%.4f", value);
	}
}

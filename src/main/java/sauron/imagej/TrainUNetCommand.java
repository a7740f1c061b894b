package sauron.imagej;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import com.google.gson.JsonObject;

import ij.ImagePlus;
import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.model.EpochRecord;
import sauron.worker.EngineEvents;
import sauron.worker.EngineProcess;

/**
 * Trains a U-Net on an open image and its label image, or on a folder with images/ and labels/, and saves the
 * model folder, in the engine process (the command line's "train"). Progress per epoch in the status bar and two live plots (log lines headless); "Stop after
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

	/** Prune filters with Sauron while training; off (with lambda 0) trains the plain nnU-Net baseline. */
	@Parameter(description = "remove redundant filters with Sauron while training")
	boolean sauron = true;

	/** Weight of Sauron's regulariser in the loss (0: none; with pruning on, the paper's "Sauron (lambda=0)"). */
	@Parameter(min = "0")
	double lambda = 0.5;

	@Parameter(choices = { "budget", "paper" }, description = "budget: pruning rounds every few steps between a warm-up and a recovery phase, "
			+ "with compensation (this project's default); paper: a round at every epoch end, thresholds rise on loss plateaus (the paper exactly)")
	String schedule = "budget";

	@Parameter(min = "0", description = "optimiser steps between pruning rounds; 0: the schedule's (budget: 5, paper: every epoch end)")
	int prune_every = 0;

	@Parameter(min = "0", description = "no layer is pruned below this many filters; 0: the schedule's (budget: 2, paper: 1)")
	int min_filters = 0;

	@Parameter(min = "0", max = "1", description = "highest pruning threshold: higher removes more filters, lower keeps more accuracy; "
			+ "0: the schedule's (budget: 0.6, paper: 0.3)")
	double tau_max = 0;

	@Override
	protected void execute() throws Exception {
		if (model_dir == null) throw new IllegalArgumentException("no model folder given (model_dir): choose the folder to save the model in");
		try (EngineCall call = new EngineCall("train"); StopButton stop = new StopButton(title())) {
			if (data_dir != null) call.with("--data", data_dir.getAbsolutePath());
			else addImages(call);
			final Path stopFile = call.file("stop");
			call.with("-m", model_dir.getAbsolutePath()).with("--dims", dims.equals("auto") ? null : dims.substring(0, 1)).with("--epochs", epochs)
					.with("--steps", steps).with("--patch", patch_size == null || patch_size.isBlank() ? null : String.join("x", sides(patch_size)))
					.with("--validation", validation).with("--classes", classes > 0 ? classes : null).with("--levels", levels > 0 ? levels : null)
					.with("--base", base_filters > 0 ? base_filters : null).with("--lambda", lambda).flag("--no-prune", !sauron)
					.with("--schedule", schedule.toUpperCase(java.util.Locale.ROOT)).with("--prune-every", prune_every > 0 ? prune_every : null)
					.with("--min-filters", min_filters > 0 ? min_filters : null).with("--tau-max", tau_max > 0 ? tau_max : null)
					.with("--stop-file", stopFile).flag("--events", true);
			final Monitor monitor = new Monitor(stop, stopFile);
			call.run(monitor, monitor::pollStop); // polled every 0.1 s; never cancels: a stop ends training after the epoch, saved
		}
		status("trained " + model_dir.getName());
	}

	private void addImages(final EngineCall call) throws java.io.IOException {
		if (image == null || labels == null) throw new IllegalArgumentException("give an image and its label image, or a data_dir with images/ and labels/");
		final Volume v = ImagePlusVolumes.toVolume(image);
		final LabelVolume l = ImagePlusVolumes.toLabels(labels);
		if (!Arrays.equals(v.shape(), l.shape()))
			throw new IllegalArgumentException(image.getTitle() + " is " + Arrays.toString(v.shape()) + " but its labels " + labels.getTitle() + " are " + Arrays.toString(l.shape()));
		call.with("-i", call.write(v, image.getTitle())).with("-l", call.write(l, labels.getTitle()));
	}

	/** "64x64x32" or "64,64,32", x first. */
	static String[] sides(final String text) {
		final String[] parts = text.trim().split("\\s*[x,]\\s*");
		for (final String part : parts)
			if (!part.matches("[0-9]+")) throw new IllegalArgumentException("patch_size '" + text + "' is not a size like 64x64x64");
		return parts;
	}

	/** Status, progress bar and plots from the engine's events, its lines in the log; the stop button writes the stop file. */
	private final class Monitor implements EngineProcess.Listener {
		private final StopButton stop;
		private final Path stopFile;
		private final TrainingPlots plots = UserMessages.headless() ? null : new TrainingPlots();

		Monitor(final StopButton stop, final Path stopFile) {
			this.stop = stop;
			this.stopFile = stopFile;
		}

		@Override
		public void log(final String line) { UserMessages.log(line); }

		@Override
		public void event(final JsonObject e) {
			switch (e.get("type").getAsString()) {
			case "step" -> status(String.format("epoch %d/%d, step %d: loss %.4f", e.get("epoch").getAsInt() + 1, epochs, e.get("step").getAsInt() + 1,
					e.get("loss").getAsFloat()));
			case "epoch" -> {
				final EpochRecord r = EngineEvents.toEpochRecord(e);
				progress(r.epoch(), epochs);
				if (plots != null) plots.add(r);
			}
			default -> {}
			}
		}

		/** Writes the stop file once the user asked to stop; always false, as the run must not be killed. */
		boolean pollStop() {
			if (stop.requested() && !Files.exists(stopFile))
				try {
					Files.createFile(stopFile);
					status("stopping after this epoch");
				} catch (final java.io.IOException x) {
					UserMessages.log("cannot stop training: " + x.getMessage());
				}
			return false;
		}
	}
}

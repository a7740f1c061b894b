package sauron.imagej;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;

import ij.ImagePlus;
import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.model.EpochRecord;
import sauron.worker.EngineEvents;
import sauron.worker.EngineProcess;

/** {@link TrainUNetCommand}: the engine's "train", with its progress, plots and stop button. */
final class TrainUNetAction extends CommandAction<TrainUNetCommand> {

	TrainUNetAction(final TrainUNetCommand command) {
		super(command);
	}

	@Override
	protected void execute() throws Exception {
		final TrainUNetCommand c = command;
		if (c.model_dir == null) throw new IllegalArgumentException("no model folder given (model_dir): choose the folder to save the model in");
		try (EngineCall call = new EngineCall("train"); StopButton stop = new StopButton(title())) {
			if (c.data_dir != null) call.with("--data", c.data_dir.getAbsolutePath());
			else addImages(call);
			final Path stopFile = call.file("stop");
			call.with("-m", c.model_dir.getAbsolutePath()).with("--dims", c.dims.equals("auto") ? null : c.dims.substring(0, 1)).with("--epochs", c.epochs)
					.with("--steps", c.steps).with("--patch", c.patch_size == null || c.patch_size.isBlank() ? null : String.join("x", sides(c.patch_size)))
					.with("--validation", c.validation).with("--classes", c.classes > 0 ? c.classes : null).with("--levels", c.levels > 0 ? c.levels : null)
					.with("--base", c.base_filters > 0 ? c.base_filters : null).with("--lambda", c.lambda).flag("--no-prune", !c.sauron)
					.with("--schedule", c.schedule.toUpperCase(java.util.Locale.ROOT)).with("--prune-every", c.prune_every > 0 ? c.prune_every : null)
					.with("--min-filters", c.min_filters > 0 ? c.min_filters : null).with("--tau-max", c.tau_max > 0 ? c.tau_max : null)
					.with("--stop-file", stopFile).flag("--events", true);
			final Monitor monitor = new Monitor(stop, stopFile);
			call.run(monitor, monitor::pollStop); // polled every 0.1 s; never cancels: a stop ends training after the epoch, saved
		}
		status("trained " + c.model_dir.getName());
	}

	private void addImages(final EngineCall call) throws java.io.IOException {
		final ImagePlus image = command.image, labels = command.labels;
		if (image == null || labels == null) throw new IllegalArgumentException("give an image and its label image, or a data_dir with images/ and labels/");
		final int dims = command.dims.equals("auto") ? NetworkLayout.autoDims(image) : command.dims.charAt(0) - '0';
		final List<Volume> v = NetworkLayout.volumes(image, dims);
		final List<LabelVolume> l = NetworkLayout.labels(labels, dims);
		if (image.getNSlices() != labels.getNSlices() || image.getNFrames() != labels.getNFrames() || !Arrays.equals(v.get(0).shape(), l.get(0).shape()))
			throw new IllegalArgumentException(image.getTitle() + " is " + size(image) + " but its labels " + labels.getTitle() + " are " + size(labels));
		for (int t = 0; t < v.size(); t++) {
			final String frame = v.size() == 1 ? "" : " (frame " + (t + 1) + ")";
			call.with("-i", call.write(v.get(t), image.getTitle() + frame)).with("-l", call.write(l.get(t), labels.getTitle() + frame));
		}
		// "auto" in the engine would make a 3D network of a time series's planes; frames are time, so say 2D.
		if (command.dims.equals("auto") && dims == 2 && image.getNFrames() > 1) call.with("--dims", 2);
	}

	private static String size(final ImagePlus imp) {
		return imp.getWidth() + " x " + imp.getHeight() + " pixels, " + imp.getNSlices() + " slice(s), " + imp.getNFrames() + " frame(s)";
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
			case "step" -> status(String.format("epoch %d/%d, step %d: loss %.4f", e.get("epoch").getAsInt() + 1, command.epochs, e.get("step").getAsInt() + 1,
					e.get("loss").getAsFloat()));
			case "epoch" -> {
				final EpochRecord r = EngineEvents.toEpochRecord(e);
				progress(r.epoch(), command.epochs);
				if (plots != null) plots.add(r);
			}
			default -> {}
			}
		}

		/** Writes the stop file once the user asked to stop; always false, as the run must not be killed. */
		boolean pollStop() {
			if ((stop.requested() || command.isCanceled()) && !Files.exists(stopFile))
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

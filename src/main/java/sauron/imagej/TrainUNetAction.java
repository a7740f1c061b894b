package sauron.imagej;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;
import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.engine.EngineEvent;
import sauron.engine.TrainRequest;
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
		try (EngineCall call = new EngineCall(); StopButton stop = new StopButton(title())) {
			final Pairs pairs = c.data_dir != null ? new Pairs(List.of(), List.of(), dims(c.dims)) : writeImages(call);
			final Path stopFile = call.file("stop");
			final Monitor monitor = new Monitor(stop, stopFile);
			call.run(request(c, pairs, stopFile), monitor, monitor::pollStop); // polled every 0.1 s; never cancels: a stop ends training after the epoch, saved
		}
		status("trained " + c.model_dir.getName());
	}

	/** The image and label files written for the engine, pair by pair, and the dimensionality to ask for (null: the engine's choice). */
	record Pairs(List<Path> images, List<Path> labels, Integer dims) {}

	/** The engine's request for the command's parameters, with the training pairs written for it. */
	static TrainRequest request(final TrainUNetCommand c, final Pairs pairs, final Path stopFile) {
		return new TrainRequest(pairs.images(), pairs.labels(), c.data_dir == null ? null : c.data_dir.getAbsoluteFile().toPath(), c.model_dir.getAbsoluteFile().toPath(),
				pairs.dims(), c.epochs, c.steps, patch(c.patch_size), c.validation, c.classes, automaticIfZero(c.levels), automaticIfZero(c.base_filters), c.lambda,
				c.sauron, schedule(c.schedule), automaticIfZero(c.prune_every), automaticIfZero(c.min_filters), c.tau_max > 0 ? c.tau_max : null, budget(c.training_length), stopFile);
	}

	private Pairs writeImages(final EngineCall call) throws java.io.IOException {
		final ImagePlus image = command.image, labels = command.labels;
		if (image == null || labels == null) throw new IllegalArgumentException("give an image and its label image, or a data_dir with images/ and labels/");
		final Integer asked = dims(command.dims);
		final int dims = asked == null ? NetworkLayout.autoDims(image) : asked;
		final List<Volume> v = NetworkLayout.volumes(image, dims);
		final List<LabelVolume> l = NetworkLayout.labels(labels, dims);
		if (image.getNSlices() != labels.getNSlices() || image.getNFrames() != labels.getNFrames() || !Arrays.equals(v.get(0).shape(), l.get(0).shape()))
			throw new IllegalArgumentException(image.getTitle() + " is " + size(image) + " but its labels " + labels.getTitle() + " are " + size(labels));
		final List<Path> images = new ArrayList<>(), labelFiles = new ArrayList<>();
		for (int t = 0; t < v.size(); t++) {
			final String frame = v.size() == 1 ? "" : " (frame " + (t + 1) + ")";
			images.add(call.write(v.get(t), image.getTitle() + frame));
			labelFiles.add(call.write(l.get(t), labels.getTitle() + frame));
		}
		// "auto" in the engine would make a 3D network of a time series's planes; frames are time, so say 2D.
		return new Pairs(images, labelFiles, asked == null && dims == 2 && image.getNFrames() > 1 ? Integer.valueOf(2) : asked);
	}

	private static String size(final ImagePlus imp) {
		return imp.getWidth() + " x " + imp.getHeight() + " pixels, " + imp.getNSlices() + " slice(s), " + imp.getNFrames() + " frame(s)";
	}

	/** "auto" (null: the engine decides from the images), "2D" or "3D". */
	static Integer dims(final String choice) {
		if (choice == null || choice.equals("auto")) return null;
		if (choice.matches("[23]D?")) return choice.charAt(0) - '0';
		throw new IllegalArgumentException("dims '" + choice + "': expected auto, 2D or 3D");
	}

	/** "64x64x32" or "64,64,32", x first; empty: automatic (null). */
	static List<Integer> patch(final String text) {
		if (text == null || text.isBlank()) return null;
		final List<Integer> sides = new ArrayList<>();
		for (final String part : text.trim().split("\\s*[x,]\\s*")) {
			if (!part.matches("[0-9]{1,9}")) throw new IllegalArgumentException("patch_size '" + text + "' is not a size like 64x64x64");
			sides.add(Integer.valueOf(part));
		}
		return sides;
	}

	static TrainRequest.Budget budget(final String name) {
		final String n = name == null ? "" : name.trim();
		if (n.equalsIgnoreCase("time")) return TrainRequest.Budget.TIME;
		if (n.equalsIgnoreCase("epochs")) return TrainRequest.Budget.STEPS;
		throw new IllegalArgumentException("training_length '" + name + "': expected time or epochs");
	}

	static TrainRequest.Schedule schedule(final String name) {
		for (final TrainRequest.Schedule s : TrainRequest.Schedule.values())
			if (s.name().equalsIgnoreCase(name == null ? "" : name.trim())) return s;
		throw new IllegalArgumentException("schedule '" + name + "': expected budget or paper");
	}

	/** The Fiji dialog's 0 means automatic: the engine's default, as when the option is not given. */
	private static Integer automaticIfZero(final int value) {
		return value > 0 ? value : null;
	}

	/** Status, progress bar and plots from the engine's events, its lines in the log; the stop button writes the stop file. */
	private final class Monitor implements EngineProcess.Listener {
		private final StopButton stop;
		private final Path stopFile;
		private final TrainingPlots plots = UserMessages.headless() ? null : new TrainingPlots();
		private int epochs = command.epochs;

		Monitor(final StopButton stop, final Path stopFile) {
			this.stop = stop;
			this.stopFile = stopFile;
		}

		@Override
		public void log(final String line) { UserMessages.log(line); }

		@Override
		public void event(final EngineEvent e) {
			if (e instanceof EngineEvent.Step s)
				status(String.format("epoch %d/%d, step %d: loss %.4f", s.epoch() + 1, epochs, s.step() + 1, s.loss()));
			else if (e instanceof EngineEvent.Epoch epoch) {
				// A time budget may lengthen the run: its epochs as planned now.
				epochs = Math.max(epochs, epoch.record().runEpochs());
				progress(epoch.record().epoch(), epochs);
				if (plots != null) plots.add(epoch.record());
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

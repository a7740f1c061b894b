package sauron.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sauron.data.TrainingPair;
import sauron.engine.EngineEvent;
import sauron.engine.EngineEvents;
import sauron.engine.TrainRequest.Schedule;
import sauron.io.OutputPaths;
import sauron.io.TrainingFiles;
import sauron.model.EpochRecord;
import sauron.model.ModelDestination;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Devices;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.prune.FilterCompensation;
import sauron.prune.SauronSettings;
import sauron.train.SauronOptions;
import sauron.train.StartingModel;
import sauron.train.TrainingListener;
import sauron.train.TrainingOptions;
import sauron.train.TrainingPlan;
import sauron.train.TrainingSettings;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a U-Net on image/label pairs and save the model directory.")
final class TrainCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-i", "--image" }, description = "training image (.tif, .nii, .nii.gz); repeat for several", paramLabel = "FILE")
	List<Path> images = new ArrayList<>();

	@Option(names = { "-l", "--labels" }, description = "label image for each --image, in the same order (0 = background)", paramLabel = "FILE")
	List<Path> labels = new ArrayList<>();

	@Option(names = "--data", description = "folder with images/ and labels/ subfolders (files of the same names), instead of -i/-l", paramLabel = "DIR")
	Path data;

	@Option(names = { "-m", "--model" }, required = true, description = "model directory to write (replaced if it is a model)", paramLabel = "DIR")
	Path model;

	@Option(names = "--init", description = "fine-tune: start from this model's network (its widths, possibly pruned) and weights, with fresh Adam moments; "
			+ "--base and --max-width are then refused, --dims, --levels and --classes must agree with it; default patch: the model's", paramLabel = "DIR")
	Path init;

	@Option(names = "--widths-from", description = "train from scratch a network of this model's widths (e.g. a pruned model's: the baseline any pruning "
			+ "must beat); like --init, --base and --max-width are refused and --dims, --levels and --classes must agree", paramLabel = "DIR")
	Path widthsFrom;

	@Option(names = "--dims", description = "2 or 3; default: 3 for 3D images, else 2")
	Integer dims;

	@Option(names = "--epochs", description = "default: ${DEFAULT-VALUE}", defaultValue = "50")
	int epochs;

	@Option(names = "--steps", description = "batches per epoch; default: ${DEFAULT-VALUE}", defaultValue = "50")
	int steps;

	@Option(names = "--patch", converter = Sizes.class, description = "patch size, x first, e.g. 64x64x64; default: 2D 128x128, 3D 64x64x64 (each side a multiple of 2^(levels-1))")
	Sizes.Size patch;

	@Option(names = "--batch", description = "patches per step; default: 2D 8, 3D 2")
	Integer batch;

	@Option(names = "--levels", description = "resolution levels; default: 2D 5, 3D 4")
	Integer levels;

	@Option(names = "--base", description = "filters at level 0; default: 2D 32, 3D 24 (the paper's)")
	Integer base;

	@Option(names = "--max-width", description = "widest layer; default: 2D 480, 3D 320")
	Integer maxWidth;

	@Option(names = "--classes", description = "classes incl. background; default: largest label + 1")
	int classes;

	@Option(names = "--lr", description = "initial learning rate (Adam, poly decay); default: ${DEFAULT-VALUE}", defaultValue = "1e-3")
	double learningRate;

	@Option(names = "--weight-decay", description = "default: ${DEFAULT-VALUE}", defaultValue = "1e-5")
	double weightDecay;

	@Option(names = "--validation", description = "share held out for validation loss and Dice; default: ${DEFAULT-VALUE}", defaultValue = "0.2")
	double validation;

	@Option(names = "--foreground", description = "chance a patch is centred on foreground; default: ${DEFAULT-VALUE}", defaultValue = "0.33")
	double foreground;

	@Option(names = "--no-augment", description = "no flips, rotations, gamma or noise")
	boolean noAugment;

	@Option(names = "--seed", description = "makes a run reproducible; default: ${DEFAULT-VALUE}", defaultValue = "42")
	long seed;

	@Option(names = "--lambda", description = "weight of Sauron's regulariser in the loss (0: none); default: 0.5")
	Double lambda;

	@Option(names = "--no-prune", description = "do not remove filters (with --lambda 0: the plain nnU-Net baseline)")
	boolean noPrune;

	@Option(names = "--tau0", description = "first pruning threshold; default: 0.001")
	Double tau0;

	@Option(names = "--tau-max", description = "highest pruning threshold; default: BUDGET 0.6, PAPER 0.3")
	Double tauMax;

	@Option(names = "--tau-steps", description = "steps from tau0 to tau-max (kappa); default: 15")
	Integer kappa;

	@Option(names = "--patience", description = "with --tau-rise PLATEAU: rounds a layer's threshold stays frozen after it rose, and the loss plateau length (rho); default: 5")
	Integer rho;

	@Option(names = "--mu", description = "a layer whose last pruning removed at least ceil(mu * filters) waits; default: 0.02")
	Double mu;

	@Option(names = "--schedule", description = "Sauron's schedule: BUDGET (pruning rounds every few steps between a warm-up and a recovery phase, "
			+ "thresholds on a clock, averaged criterion with a floor and a cap, compensation) or PAPER (the paper exactly: a round at every epoch end, "
			+ "thresholds rise on loss plateaus); the options below change single elements; default: ${DEFAULT-VALUE}", defaultValue = "BUDGET")
	Schedule schedule;

	@Option(names = "--prune-every", description = "optimiser steps between pruning rounds (0: every epoch end), instead of --rounds; default: PAPER 0",
			paramLabel = "STEPS")
	Integer pruneEvery;

	@Option(names = "--rounds", description = "pruning rounds, evenly spread over the pruning phase whatever the run's length; default: BUDGET 20", paramLabel = "N")
	Integer rounds;

	@Option(names = "--warmup", description = "share of the run's steps before the first pruning round; default: BUDGET 0.2, PAPER 0", paramLabel = "SHARE")
	Double warmup;

	@Option(names = "--recovery", description = "share of the run's steps at the end without pruning; default: BUDGET 0.4, PAPER 0", paramLabel = "SHARE")
	Double recovery;

	@Option(names = "--regularise-warmup", arity = "0..1", paramLabel = "true|false",
			description = "keep the regulariser in the loss during the warm-up (before the first round's interval); default: true")
	Boolean regulariseWarmup;

	@Option(names = "--budget", description = "how long a run that prunes trains: STEPS (exactly --epochs; one seed gives identical weights) or TIME "
			+ "(the time the unpruned network would take for --epochs, timed on the warm-up: the recovery phase gets the time pruning saved, "
			+ "as more epochs); default: BUDGET STEPS, PAPER STEPS")
	SauronSettings.Budget budget;

	@Option(names = "--regularise-recovery", arity = "0..1", paramLabel = "true|false",
			description = "keep the regulariser in the loss during the recovery phase (after the last round); default: BUDGET false, PAPER true")
	Boolean regulariseRecovery;

	@Option(names = "--tau-rise", description = "CLOCK (thresholds reach --tau-max at the last round) or PLATEAU (a step when the loss plateaus); default: BUDGET CLOCK, PAPER PLATEAU")
	TauRise tauRise;

	enum TauRise { CLOCK, PLATEAU }

	@Option(names = "--criterion-batches", description = "training batches delta_prune is averaged over per round (the round's last ones); default: BUDGET 4, PAPER 1", paramLabel = "N")
	Integer criterionBatches;

	@Option(names = "--min-filters", description = "no layer is pruned below this many filters; default: BUDGET 2, PAPER 1", paramLabel = "N")
	Integer minFilters;

	@Option(names = "--max-prune-share", description = "at most this share of a layer's filters goes in one round; default: BUDGET 0.5, PAPER 1", paramLabel = "SHARE")
	Double maxPruneShare;

	@Option(names = "--compensation", description = "beyond the paper: before a filter goes, its consumers read its map from the filters that stay, "
			+ "as a least-squares fit on the reference map (REFERENCE) or on every kept map (KEPT); NONE drops it; default: BUDGET KEPT, PAPER NONE")
	FilterCompensation.Compensation compensation;

	@Option(names = "--stop-file", description = "training stops after the epoch in which this file appears, and saves the model", paramLabel = "FILE")
	Path stopFile;

	@Mixin
	EventOptions events;

	@Override
	public Integer call() throws Exception {
		// Everything that can be checked without the images is checked before reading them and hours of training.
		final SauronSettings sauron = sauronSettings();
		if (data != null && !(images.isEmpty() && labels.isEmpty()))
			throw new IllegalArgumentException("give either --data DIR or -i IMAGE -l LABELS, not both");
		if (data == null && images.isEmpty())
			throw new IllegalArgumentException("no training images: give -i IMAGE -l LABELS (repeat for several pairs) or --data DIR");
		if (images.size() != labels.size())
			throw new IllegalArgumentException(images.size() + " image" + (images.size() == 1 ? "" : "s") + " (-i) but " + labels.size() + " label image" + (labels.size() == 1 ? "" : "s")
					+ " (-l); give one -l per -i, in the same order");
		final TrainingFiles.FilePairs files = data != null ? TrainingFiles.filesIn(data) : new TrainingFiles.FilePairs(images, labels);
		requireInputsKept(files);
		// Locked, cleaned and proven writable before the images are read: a second training into this folder, a
		// read-only folder or a parent that is a file fails now, not after the run.
		try (ModelDestination destination = ModelDestination.reserve(model)) {
			return train(files, sauron, destination);
		}
	}

	private int train(final TrainingFiles.FilePairs files, final SauronSettings sauron, final ModelDestination destination) throws Exception {
		final TrainingOptions options = new TrainingOptions(dims, levels, base, maxWidth, classes, patch != null ? patch.sides() : null, batch, epochs, steps,
				learningRate, weightDecay, seed, foreground, !noAugment, validation);
		final StartingModel start = StartingModel.load(init, widthsFrom, options);
		final List<TrainingPair> pairs = TrainingFiles.read(files.images(), files.labels(), classes);
		for (final Path empty : TrainingFiles.allBackground(files.labels(), pairs))
			spec.commandLine().getErr().println("warning: labels " + empty + " are all 0 (background): this pair teaches only background");
		final TrainingPlan plan = options.resolve(start, pairs);
		final var out = spec.commandLine().getOut();
		for (final TrainingPair p : plan.pairs()) warnIfSmallerThanPatch(p, plan.settings(), out);
		destination.requireRoomFor(new Topology(plan.initialSpec()));
		out.println(Devices.describe());
		final SauronModel trained = plan.train(sauron, new ProgressPrinter(out, events.enabled, stopFile));
		destination.save(trained); // if it must go elsewhere, the error says where
		if (sauron.prune()) out.println(shrinkage(plan.initialSpec(), trained, plan.settings().patchShape()));
		out.printf("saved %s (%,d parameters, %.1f MB)%n", model, trained.topology().parameterCount(), ModelStore.sizeOnDisk(model) / 1e6);
		return 0;
	}

	/** What Sauron removed: parameters, FLOPs per voxel and filters per layer, before -> after. */
	static String shrinkage(final UNetSpec before, final SauronModel after, final int[] patch) {
		final Topology b = new Topology(before), a = after.topology();
		final double fb = b.flopsPerVoxel(patch), fa = a.flopsPerVoxel(patch);
		final StringBuilder layers = new StringBuilder();
		before.widths().forEach((layer, w) -> layers.append(layers.length() > 0 ? " " : "").append(layer).append(' ').append(w).append("->")
				.append(after.spec().widths().get(layer)));
		return String.format("Sauron: parameters %,d -> %,d (%.1f %% removed), FLOPs/voxel %,.0f -> %,.0f (%.1f %% removed)%n  filters: %s",
				b.parameterCount(), a.parameterCount(), 100.0 * (1 - (double) a.parameterCount() / b.parameterCount()), fb, fa, 100 * (1 - fa / fb), layers);
	}

	/** The chosen schedule with every element the options name changed. */
	private SauronSettings sauronSettings() {
		return new SauronOptions(tau0, tauMax, kappa, rho, mu, lambda, !noPrune, pruneEvery, rounds, warmup, recovery, tauRise != null ? tauRise == TauRise.PLATEAU : null,
				regulariseWarmup, regulariseRecovery, budget, criterionBatches, minFilters, maxPruneShare, compensation)
				.appliedTo(schedule == Schedule.PAPER ? SauronSettings.PAPER : SauronSettings.DEFAULTS);
	}

	/** Saving replaces the model folder whole: it must not be, hold or lie inside anything training reads (--init is kept as it is). */
	private void requireInputsKept(final TrainingFiles.FilePairs files) throws java.io.IOException {
		final List<OutputPaths.Input> reads = new ArrayList<>();
		if (data != null) reads.add(OutputPaths.Input.of("--data", data));
		if (init != null) reads.add(OutputPaths.Input.sealedFolder("--init", init));
		if (widthsFrom != null) reads.add(OutputPaths.Input.sealedFolder("--widths-from", widthsFrom));
		final String image = data != null ? "--data" : "--image", label = data != null ? "--data" : "--labels";
		for (final Path p : files.images()) reads.add(OutputPaths.Input.of(image, p));
		for (final Path p : files.labels()) reads.add(OutputPaths.Input.of(label, p));
		OutputPaths.requireApart(List.of(OutputPaths.Output.replacedFolder("--model", model)), reads);
	}

	private static void warnIfSmallerThanPatch(final TrainingPair p, final TrainingSettings s, final java.io.PrintWriter out) {
		final int[] shape = p.shape();
		for (int a = 0; a < s.dims(); a++)
			if (shape[a] < s.patchShape()[a]) {
				out.printf("note: %s (%s) is smaller than the patch %s; patches are zero-padded%n", p.name(), Arrays.toString(shape), Arrays.toString(s.patchShape()));
				return;
			}
	}

	/** One line per epoch: loss, validation loss and Dice, seconds; with events also per step; stops when the stop file appears. */
	static final class ProgressPrinter implements TrainingListener {
		private final java.io.PrintWriter out;
		private final boolean events;
		private final Path stopFile;
		private int epochs;

		ProgressPrinter(final java.io.PrintWriter out, final boolean events, final Path stopFile) {
			this.out = out;
			this.events = events;
			this.stopFile = stopFile;
		}

		@Override
		public void started(final UNetSpec spec, final TrainingSettings settings) {
			epochs = settings.epochs();
			out.printf("training %s%n  on patches %s, batch %d, %d epochs x %d steps%n", spec, Arrays.toString(settings.patchShape()), settings.batchSize(),
					settings.epochs(), settings.stepsPerEpoch());
		}

		@Override
		public void stepEnded(final int epoch, final int step, final float loss) {
			if (events) out.println(EngineEvents.line(new EngineEvent.Step(epoch, step, loss)));
		}

		@Override
		public boolean stopRequested() {
			return stopFile != null && java.nio.file.Files.exists(stopFile);
		}

		@Override
		public void epochEnded(final EpochRecord r) {
			if (events) out.println(EngineEvents.line(new EngineEvent.Epoch(r)));
			if (r.runEpochs() > 0) epochs = r.runEpochs(); // a time budget may lengthen the run
			out.printf("epoch %3d/%d  loss %.4f (R %s)  val loss %s  val Dice %s  %6.1f s  %,d params  %s%n", r.epoch(), epochs, r.trainingLoss(),
					orDash(r.regularizer()), orDash(r.validationLoss()), orDash(r.validationDice()), r.seconds(), r.parameters(), filters(r.widths()));
		}

		@Override
		public void message(final String text) { out.println(text); }

		private static String filters(final java.util.Map<String, Integer> widths) {
			return widths.values().stream().mapToInt(Integer::intValue).sum() + " filters";
		}

		private static String orDash(final double value) {
			return Double.isNaN(value) ? "     -" : String.format("%.4f", value);
		}
	}
}

package sauron.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import sauron.net.AdamState;
import sauron.data.Augmentation;
import sauron.data.PatchBatch;
import sauron.data.PatchPrefetcher;
import sauron.data.PatchSampler;
import sauron.data.TrainingPair;
import sauron.data.ValidationSplit;
import sauron.data.ZScoreNormalisation;
import sauron.model.EpochRecord;
import sauron.model.ModelMetadata;
import sauron.model.SauronModel;
import sauron.net.Layer;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.net.FeatureMaps;
import sauron.prune.FilterCompensation;
import sauron.prune.LayerCut;
import sauron.prune.PruningRounds;
import sauron.prune.RoundPlan;
import sauron.prune.FilterRemoval;
import sauron.prune.PrunedNetwork;
import sauron.prune.SauronSettings;

/**
 * Trains a U-Net on image/label pairs: z-score normalisation, validation split, prefetched augmented patches,
 * Adam with poly decay, validation loss and Dice every epoch, and Sauron: the delta_opt regulariser in the loss
 * and filter pruning at every epoch end, after which training goes on with the smaller network. Returns the
 * trained model; the caller saves it.
 */
public final class Trainer {

	private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

	private final TrainingSettings settings;
	private final SauronSettings sauron;
	private final TrainingListener listener;

	/** Trains with Sauron's defaults: regulariser lambda 0.5 and pruning at every epoch end. */
	public Trainer(final TrainingSettings settings, final TrainingListener listener) {
		this(settings, SauronSettings.DEFAULTS, listener);
	}

	/**
	 * @param sauron regulariser and pruning settings; {@code withLambda(0).withPrune(false)} trains a plain
	 *          nnU-Net-style baseline
	 */
	public Trainer(final TrainingSettings settings, final SauronSettings sauron, final TrainingListener listener) {
		this.settings = settings;
		this.sauron = sauron;
		this.listener = listener;
	}

	/**
	 * @param pairs raw (not normalised) images with their labels; all with the same channel count and classes
	 */
	public SauronModel train(final List<TrainingPair> pairs) {
		return train(pairs, null);
	}

	/**
	 * Fine-tuning: training that starts from a saved model's network (its widths, possibly pruned, and its
	 * weights) instead of a fresh He-initialised one of the settings' base and max width. Adam's moments, the
	 * learning-rate schedule over the settings' epochs and, with pruning on, Sauron's thresholds all start
	 * afresh. The history of the result holds the new epochs only, numbered from 1; its training settings record
	 * the start under "initialised_from" (the model's epochs and settings).
	 *
	 * @param init the model to start from, or null for a fresh network of the settings' widths; its dims and
	 *          levels must be the settings', its input channels and classes the data's
	 */
	public SauronModel train(final List<TrainingPair> pairs, final SauronModel init) {
		return train(pairs, init != null ? init.spec() : null, init);
	}

	/**
	 * Training from scratch (He-initialised) of a network of the given widths, e.g. a pruned model's: the
	 * strongest baseline for any pruning method is that small network trained as long.
	 *
	 * @param widths the network to train; its dims and levels must be the settings', its input channels and
	 *          classes the data's
	 */
	public SauronModel trainFresh(final List<TrainingPair> pairs, final UNetSpec widths) {
		return train(pairs, widths, null);
	}

	private SauronModel train(final List<TrainingPair> pairs, final UNetSpec given, final SauronModel init) {
		if (pairs.isEmpty()) throw new IllegalArgumentException("no training images given");
		final int classes = pairs.get(0).classes();
		final int channels = pairs.get(0).image().channels();
		if (given != null) checkFits(given, channels, classes);
		final UNetSpec initial = given != null ? given
				: settings.freshSpec(channels, classes);
		final List<TrainingPair> normalised = new ArrayList<>();
		for (final TrainingPair p : pairs) {
			if (p.classes() != classes) throw new IllegalArgumentException(p.name() + " has " + p.classes() + " classes, " + pairs.get(0).name() + " has " + classes);
			if (p.image().channels() != channels)
				throw new IllegalArgumentException(p.name() + " has " + p.image().channels() + " channels, " + pairs.get(0).name() + " has " + channels);
			initial.checkImage(p.name(), p.shape(), p.image().channels());
			normalised.add(new TrainingPair(p.name(), ZScoreNormalisation.normalise(p.image(), p.name()), p.labels(), classes));
		}
		final ValidationSplit.Split split = settings.validationShare() > 0
				? ValidationSplit.split(normalised, settings.validationShare(), settings.seed())
				: new ValidationSplit.Split(normalised, List.of());
		final Validator validator = new Validator(split.validation(), settings.patchShape(), settings.batchSize(), classes);

		listener.started(initial, settings);
		final Topology start = new Topology(initial);
		final PatchSampler sampler = new PatchSampler(split.training(), settings.patchShape(), settings.batchSize(), classes,
				settings.foregroundProbability(), settings.seed());
		final Augmentation augmentation = new Augmentation(settings.augmentation(), settings.seed() + 1);
		final Run run = new Run(start, init != null ? init.weights() : Weights.heNormal(start, settings.seed()));
		try (PatchPrefetcher patches = PatchPrefetcher.start(sampler, augmentation, PatchPrefetcher.DEFAULT_CAPACITY)) {
			for (int epoch = 0; epoch < run.length.epochs(); epoch++) {
				final long startTime = System.nanoTime();
				run.epochStarted();
				final double[] losses = run.trainEpoch(patches, epoch);
				final long validationStart = System.nanoTime();
				final Validator.Scores val = validator.score(run.graph);
				run.validated((System.nanoTime() - validationStart) / 1e9);
				run.validationLosses.add(val.loss());
				if (run.roundsAtEpochEnds) run.pruneIfRoundEnds(patches);
				final double seconds = (System.nanoTime() - startTime) / 1e9;
				run.epochEnded(epoch + 1, seconds);
				final Topology now = run.graph.topology();
				final EpochRecord record = new EpochRecord(epoch + 1, losses[0], losses[1], val.loss(), val.dice(), seconds, now.parameterCount(),
						now.flopsPerVoxel(settings.patchShape()), now.spec().widths(), sauron.prune() ? run.pruning.thresholds() : Map.of(), run.roundsDone,
						run.length.epochs());
				listener.epochEnded(record);
				run.history.add(record);
				if (listener.stopRequested()) {
					listener.message("stopped by request after epoch " + (epoch + 1));
					break;
				}
			}
			final JsonObject trainingJson = GSON.toJsonTree(settings).getAsJsonObject();
			trainingJson.add("sauron", GSON.toJsonTree(sauron));
			if (run.budget != null && !Double.isNaN(run.budget.projected())) trainingJson.add("time_budget", run.budgetNote());
			if (init != null) trainingJson.add("initialised_from", startNote(init));
			return new SauronModel(run.graph.topology().spec(), run.graph.weights(),
					new ModelMetadata(ZScoreNormalisation.NAME, pairs.get(0).image().voxelSize(), settings.patchShape(), trainingJson, run.history));
		} finally {
			run.graph.close();
		}
	}

	/**
	 * The state of one training run: the current (shrinking) graph, the step count, Sauron's rounds, and the run's
	 * length with its time budget. Its phases: the warm-up (steps before the first round's interval), the pruning
	 * phase, and the recovery phase (steps after the last round).
	 */
	private final class Run {
		final long startNanos = System.nanoTime();
		final long totalSteps = (long) settings.epochs() * settings.stepsPerEpoch();
		final RoundPlan plan = new RoundPlan(sauron.rounds(), totalSteps, settings.stepsPerEpoch());
		final RunLength length = new RunLength(settings);
		final boolean prunes = sauron.prune() && plan.rounds() > 0;
		/** With --budget TIME: times the warm-up and plans the recovery; null once it cannot (no warm-up to time). */
		TimeBudget budget = prunes && sauron.rounds().budget() == SauronSettings.Budget.TIME ? new TimeBudget() : null;
		final boolean roundsAtEpochEnds = sauron.rounds().atEpochEnds();
		final PruningRounds pruning;
		final List<EpochRecord> history = new ArrayList<>();
		/** Mean training loss per round (the plateau test's history) and validation loss per epoch. */
		final List<Double> roundLosses = new ArrayList<>(), validationLosses = new ArrayList<>();
		TrainingGraph graph;
		/** The regulariser weight the current graph was built with. */
		private double graphLambda;
		long stepsDone;
		int roundsDone;
		/** Pooled maps of the current round's last training batches, for its criterion. */
		private final List<Map<String, FeatureMaps>> roundMaps = new ArrayList<>();
		private double roundLossSum;
		private int roundSteps;
		private boolean inWarmup = prunes, budgetDecided;
		/** Whether the current epoch is wholly in the recovery phase, and whether it built a graph: for the time budget. */
		private boolean epochInRecovery, builtThisEpoch;

		Run(final Topology start, final Weights weights) {
			graphLambda = lambdaAt(prunes ? plan.stepsToNextRound(0) : -1);
			this.graph = newGraph(start, weights, AdamState.fresh(start), graphLambda);
			this.pruning = new PruningRounds(sauron, start.prunable().stream().map(Layer::name).toList(), settings.seed() + 3);
		}

		/**
		 * The regulariser weight of a step, by its phase: lambda while pruning; in the warm-up and the recovery
		 * phase only if the settings keep it there (the recovery: no map needs to become redundant any more; the
		 * warm-up: the network first learns the task, as the unpruned one would, which also times it).
		 *
		 * @param toRound steps to the next round's end ({@link RoundPlan#stepsToNextRound}), -1 after the last
		 */
		private double lambdaAt(final long toRound) {
			if (!prunes) return sauron.lambda();
			if (toRound < 0) return sauron.rounds().regulariseRecovery() ? sauron.lambda() : 0;
			if (toRound > plan.interval()) return sauron.rounds().regulariseWarmup() ? sauron.lambda() : 0;
			return sauron.lambda();
		}

		void epochStarted() {
			epochInRecovery = prunes && plan.stepsToNextRound(stepsDone) < 0;
			builtThisEpoch = false;
		}

		/** One epoch of Adam steps at the epoch's learning rate, with any pruning round inside it; returns the mean loss and mean R. */
		double[] trainEpoch(final PatchPrefetcher patches, final int epoch) {
			final float lr = (float) length.learningRate(epoch);
			double sum = 0, regularizer = 0;
			int regularized = 0;
			for (int step = 0; step < settings.stepsPerEpoch(); step++) {
				final long stepStart = System.nanoTime();
				final PatchBatch batch = patches.next();
				// The last criterion-batches steps before a round hand their pooled maps to the round.
				final long toRound = prunes ? plan.stepsToNextRound(stepsDone) : -1;
				if (inWarmup && toRound <= plan.interval()) warmupEnded();
				final double lambda = lambdaAt(toRound);
				if (lambda != graphLambda) rebuild(graph.topology(), graph.weights(), graph.adamState(), lambda);
				final TrainingGraph.Step result = graph.step(batch.images(), batch.labels(), lr, toRound > 0 && toRound <= sauron.criterion().batches());
				if (result.pooledMaps() != null) roundMaps.add(result.pooledMaps());
				final float loss = result.loss();
				if (!Float.isFinite(loss))
					throw new IllegalStateException("training diverged at epoch " + (epoch + 1) + ", step " + (step + 1) + " (loss " + loss
							+ "); try a lower learning rate than " + settings.learningRate());
				sum += loss;
				if (!Float.isNaN(graph.lastRegularizer())) {
					regularizer += graph.lastRegularizer();
					regularized++;
				}
				listener.stepEnded(epoch, step, loss);
				stepsDone++;
				roundLossSum += loss;
				roundSteps++;
				if (inWarmup && budget != null) budget.warmupStep((System.nanoTime() - stepStart) / 1e9);
				if (!roundsAtEpochEnds) pruneIfRoundEnds(patches);
			}
			return new double[] { sum / settings.stepsPerEpoch(), regularized > 0 ? regularizer / regularized : Double.NaN };
		}

		/** The warm-up's last step is done: the time budget projects the unpruned run from it. */
		private void warmupEnded() {
			inWarmup = false;
			if (budget == null) return;
			final var projected = budget.warmupEnded(elapsed(), totalSteps - stepsDone, length.epochs() - history.size());
			if (projected.isPresent())
				listener.message(String.format(java.util.Locale.ROOT, "time budget: the unpruned network would take about %.0f s for %d epochs (timed on the warm-up's %d steps)",
						projected.getAsDouble(), length.epochs(), stepsDone));
			else {
				listener.message("time budget: a warm-up of " + stepsDone + " steps is too short to time the unpruned network on; training exactly " + length.epochs()
						+ " epochs");
				budget = null;
			}
		}

		/** The epoch's validation took this long: in the warm-up, the unpruned network's validation, which the budget counts. */
		void validated(final double seconds) {
			if (inWarmup && budget != null) budget.warmupValidation(seconds);
		}

		/**
		 * With a time budget, the first epoch wholly in the recovery phase that built no graph (or the planned last
		 * one, if none does) says how many epochs of the pruned network fit in the unpruned network's time; the run
		 * is lengthened to that, once.
		 */
		void epochEnded(final int epochsDone, final double seconds) {
			if (budget == null || budgetDecided || !epochInRecovery || builtThisEpoch && epochsDone < length.epochs()) return;
			budgetDecided = true;
			final int planned = length.epochs();
			final int total = budget.epochsThatFit(epochsDone, elapsed(), seconds, planned);
			length.extendTo(total, epochsDone);
			listener.message(total > planned
					? String.format(java.util.Locale.ROOT, "time budget: %d more epochs of the pruned network (%.1f s each) fit in the unpruned network's %.0f s: %d epochs in all",
							total - planned, seconds, budget.projected(), total)
					: String.format(java.util.Locale.ROOT, "time budget: no further epoch of the pruned network (%.1f s each) fits in the unpruned network's %.0f s", seconds,
							budget.projected()));
		}

		/** What sauron.json records of the time budget. */
		JsonObject budgetNote() {
			final JsonObject note = new JsonObject();
			note.addProperty("unpruned_seconds_projected", budget.projected());
			note.addProperty("epochs", length.epochs());
			return note;
		}

		private double elapsed() {
			return (System.nanoTime() - startNanos) / 1e9;
		}

		/** The graph replaced by one of this network and regulariser weight (the old one is closed first: one in memory at a time). */
		private void rebuild(final Topology topology, final Weights weights, final AdamState adam, final double lambda) {
			graph.close();
			graph = newGraph(topology, weights, adam, lambda);
			graphLambda = lambda;
			builtThisEpoch = true;
		}

		/**
		 * At a round's end: Sauron's cut on the feature maps of the round's last training batches, compensation if
		 * on, and a smaller graph.
		 * Validation losses reach the plateau test only when rounds are epochs (the paper's setting).
		 */
		void pruneIfRoundEnds(final PatchPrefetcher patches) {
			final int round = plan.roundAfter(stepsDone);
			if (round == 0) return;
			roundLosses.add(roundLossSum / roundSteps);
			roundLossSum = 0;
			roundSteps = 0;
			if (!sauron.prune()) return;
			roundsDone = round;
			// The round's own training batches, topped up with fresh ones when rounds are fewer steps apart.
			final List<Map<String, FeatureMaps>> maps = new ArrayList<>(roundMaps);
			roundMaps.clear();
			while (maps.size() < sauron.criterion().batches()) maps.add(graph.pooledPrunableFeatureMaps(patches.next().images()));
			final Map<String, LayerCut> cuts = pruning.roundEnded(round, plan.rounds(), roundLosses, roundsAtEpochEnds ? validationLosses : List.of(), maps);
			if (cuts.values().stream().noneMatch(LayerCut::removesAny)) return;
			final Topology topology = graph.topology();
			final Weights weights = sauron.criterion().compensation() == FilterCompensation.Compensation.NONE ? graph.weights()
					: FilterCompensation.fold(topology, graph.weights(), cuts);
			final Map<String, boolean[]> keep = new LinkedHashMap<>();
			cuts.forEach((layer, cut) -> keep.put(layer, cut.keep()));
			final PrunedNetwork smaller = FilterRemoval.remove(topology.spec(), weights, graph.adamState(), keep);
			rebuild(new Topology(smaller.spec()), smaller.weights(), smaller.adam(), graphLambda);
		}
	}

	private void checkFits(final UNetSpec init, final int channels, final int classes) {
		final String differ = init.dims() != settings.dims() ? "is " + init.dims() + "D, the settings ask for a " + settings.dims() + "D network"
				: init.levels() != settings.levels() ? "has " + init.levels() + " levels, the settings ask for " + settings.levels()
				: init.inputChannels() != channels ? "takes " + init.inputChannels() + " input channel(s), the training images have " + channels
				: init.classes() != classes ? "has " + init.classes() + " classes, the training labels have " + classes : null;
		if (differ != null) throw new IllegalArgumentException("the model to start from " + differ);
	}

	/** What the fine-tuned model started from: how long that model had trained, and how. */
	private static JsonObject startNote(final SauronModel init) {
		final JsonObject note = new JsonObject();
		note.addProperty("epochs_before", init.metadata().history().size());
		note.addProperty("parameters", init.topology().parameterCount());
		if (init.metadata().training() != null) note.add("training", init.metadata().training().deepCopy());
		return note;
	}

	private TrainingGraph newGraph(final Topology topology, final Weights weights, final AdamState adam, final double lambda) {
		return new TrainingGraph(topology, weights, adam, settings.batchSize(), settings.patchShape(), (float) settings.weightDecay(),
				(float) lambda, sauron.sf());
	}

}

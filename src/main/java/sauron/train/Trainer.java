package sauron.train;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import sauron.data.Augmentation;
import sauron.data.PatchBatch;
import sauron.data.PatchPrefetcher;
import sauron.data.PatchSampler;
import sauron.data.TrainingPair;
import sauron.data.ValidationSplit;
import sauron.data.ZScoreNormalisation;
import sauron.model.EpochRecord;
import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/**
 * Trains a U-Net on image/label pairs: z-score normalisation, validation split, prefetched augmented patches,
 * Adam with poly decay, validation loss and Dice every epoch. Returns the trained model; the caller saves it.
 */
public final class Trainer {

	private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

	private final TrainingSettings settings;
	private final TrainingListener listener;

	public Trainer(final TrainingSettings settings, final TrainingListener listener) {
		this.settings = settings;
		this.listener = listener;
	}

	/**
	 * @param pairs raw (not normalised) images with their labels; all with the same channel count and classes
	 */
	public SauronModel train(final List<TrainingPair> pairs) {
		if (pairs.isEmpty()) throw new IllegalArgumentException("no training images given");
		final int classes = pairs.get(0).classes();
		final int channels = pairs.get(0).image().channels();
		final List<TrainingPair> normalised = new ArrayList<>();
		for (final TrainingPair p : pairs) {
			if (p.classes() != classes) throw new IllegalArgumentException(p.name() + " has " + p.classes() + " classes, " + pairs.get(0).name() + " has " + classes);
			if (p.image().channels() != channels)
				throw new IllegalArgumentException(p.name() + " has " + p.image().channels() + " channels, " + pairs.get(0).name() + " has " + channels);
			if (p.image().dims() < settings.dims())
				throw new IllegalArgumentException(p.name() + " is " + p.image().dims() + "D; a " + settings.dims() + "D network needs " + settings.dims() + "D images");
			normalised.add(new TrainingPair(p.name(), ZScoreNormalisation.normalise(p.image(), p.name()), p.labels(), classes));
		}
		final ValidationSplit.Split split = settings.validationShare() > 0
				? ValidationSplit.split(normalised, settings.validationShare(), settings.seed())
				: new ValidationSplit.Split(normalised, List.of());
		final Validator validator = new Validator(split.validation(), settings.patchShape(), settings.batchSize(), classes);

		final UNetSpec spec = UNetSpec.create(settings.dims(), settings.levels(), settings.baseWidth(), settings.maxWidth(), channels, classes);
		final Topology topology = new Topology(spec);
		listener.started(spec, settings);
		final List<EpochRecord> history = new ArrayList<>();
		final PatchSampler sampler = new PatchSampler(split.training(), settings.patchShape(), settings.batchSize(), classes,
				settings.foregroundProbability(), settings.seed());
		final Augmentation augmentation = new Augmentation(settings.augmentation(), settings.seed() + 1);
		Weights weights;
		try (PatchPrefetcher patches = PatchPrefetcher.start(sampler, augmentation, PatchPrefetcher.DEFAULT_CAPACITY);
				TrainingGraph graph = new TrainingGraph(topology, Weights.heNormal(topology, settings.seed()), AdamState.fresh(topology),
						settings.batchSize(), settings.patchShape(), settings.convForm(), (float) settings.weightDecay())) {
			for (int epoch = 0; epoch < settings.epochs(); epoch++) {
				final long start = System.nanoTime();
				final float lr = (float) settings.learningRateAt(epoch);
				double lossSum = 0;
				for (int step = 0; step < settings.stepsPerEpoch(); step++) {
					final PatchBatch batch = patches.next();
					final float loss = graph.step(batch.images(), batch.labels(), lr);
					if (!Float.isFinite(loss))
						throw new IllegalStateException("training diverged at epoch " + (epoch + 1) + ", step " + (step + 1) + " (loss " + loss
								+ "); try a lower learning rate than " + settings.learningRate());
					lossSum += loss;
					listener.stepEnded(epoch, step, loss);
				}
				final Validator.Scores val = validator.score(topology, graph.weights());
				final double seconds = (System.nanoTime() - start) / 1e9;
				final EpochRecord record = new EpochRecord(epoch + 1, lossSum / settings.stepsPerEpoch(), val.loss(), val.dice(), seconds,
						topology.parameterCount(), ModelStore.flopsPerVoxel(topology, settings.patchShape()), spec.widths(), java.util.Map.of());
				history.add(record);
				listener.epochEnded(record);
				if (listener.stopRequested()) {
					listener.message("stopped by request after epoch " + (epoch + 1));
					break;
				}
			}
			weights = graph.weights();
		}
		final double[] voxelSize = pairs.get(0).image().voxelSize();
		final JsonObject trainingJson = GSON.toJsonTree(settings).getAsJsonObject();
		return new SauronModel(spec, weights, new ModelMetadata(ZScoreNormalisation.NAME, voxelSize, settings.patchShape(), trainingJson, history));
	}
}

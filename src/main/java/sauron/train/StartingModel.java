package sauron.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import sauron.data.TrainingPair;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.UNetSpec;

/**
 * The model a training starts from: with {@code --init} its network and weights are fine-tuned, with
 * {@code --widths-from} a network of its widths is trained from scratch (the baseline any pruning must beat). The
 * rules for when such a model may be used, checked before hours of training: it excludes options that describe a
 * fresh network's widths, and dims, levels, classes and input channels must agree with it.
 */
public final class StartingModel {

	private final SauronModel model;
	/** The option and folder, as messages name them: "--init DIR". */
	private final String given;
	private final boolean fineTune;

	private StartingModel(final SauronModel model, final String given, final boolean fineTune) {
		this.model = model;
		this.given = given;
		this.fineTune = fineTune;
	}

	/**
	 * @param init the model to fine-tune, or null
	 * @param widthsFrom the model whose widths are trained from scratch, or null
	 * @param options the options the starting model must agree with
	 * @return the model loaded and checked, or null when neither folder is given (a fresh network)
	 */
	public static StartingModel load(final Path init, final Path widthsFrom, final TrainingOptions options) throws IOException {
		if (init != null && widthsFrom != null) throw new IllegalArgumentException("give --init (fine-tune a model) or --widths-from (train its widths from scratch), not both");
		if (init == null && widthsFrom == null) return null;
		final String option = init != null ? "--init" : "--widths-from";
		final Path dir = init != null ? init : widthsFrom;
		if (options.base() != null || options.maxWidth() != null)
			throw new IllegalArgumentException((options.base() != null ? "--base" : "--max-width") + " cannot be given with " + option + ": the widths are those of " + dir);
		final SauronModel start = ModelStore.load(dir);
		final UNetSpec s = start.spec();
		final Integer dims = options.dims(), levels = options.levels();
		if (dims != null && dims != s.dims()) throw new IllegalArgumentException("--dims " + dims + " differs from " + option + " " + dir + ", a " + s.dims() + "D network");
		if (levels != null && levels != s.levels())
			throw new IllegalArgumentException("--levels " + levels + " differs from " + option + " " + dir + ", which has " + s.levels() + " levels");
		if (options.classes() > 0 && options.classes() != s.classes())
			throw new IllegalArgumentException("--classes " + options.classes() + " differs from " + option + " " + dir + ", which has " + s.classes() + " classes");
		return new StartingModel(start, option + " " + dir, init != null);
	}

	public SauronModel model() { return model; }

	public UNetSpec spec() { return model.spec(); }

	/** The option and folder it came from, e.g. "--init models/a". */
	public String given() { return given; }

	/** The pairs with this model's classes (labels may use fewer), or a clear error if they need more or have other channels. */
	List<TrainingPair> withClassesOf(final List<TrainingPair> pairs) {
		final UNetSpec s = model.spec();
		final TrainingPair first = pairs.get(0);
		if (first.image().channels() != s.inputChannels())
			throw new IllegalArgumentException(first.name() + " has " + first.image().channels() + " channel(s); " + given + " takes " + s.inputChannels());
		if (first.classes() > s.classes())
			throw new IllegalArgumentException("the labels have " + first.classes() + " classes (largest label " + (first.classes() - 1) + "); " + given
					+ " has " + s.classes() + " classes");
		final List<TrainingPair> same = new ArrayList<>();
		for (final TrainingPair p : pairs) same.add(new TrainingPair(p.name(), p.image(), p.labels(), s.classes()));
		return same;
	}

	/** Fine-tunes the model (--init) or trains its widths from scratch (--widths-from). */
	SauronModel train(final Trainer trainer, final List<TrainingPair> pairs) {
		return fineTune ? trainer.train(pairs, model) : trainer.trainFresh(pairs, model.spec());
	}
}

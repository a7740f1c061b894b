package sauron.imagej;

import java.nio.file.Path;
import java.util.List;

import sauron.engine.PruneRequest;

/** {@link PruneModelCommand}: the engine's "prune" on the image, into a new model folder. */
final class PruneModelAction extends CommandAction<PruneModelCommand> {

	PruneModelAction(final PruneModelCommand command) {
		super(command);
	}

	@Override
	protected void execute() throws Exception {
		final PruneModelCommand c = command;
		if (c.image == null) throw new IllegalArgumentException("no image given");
		if (c.output_dir == null) throw new IllegalArgumentException("no output_dir given: the folder for the pruned model");
		if (c.model_dir != null && c.output_dir.getAbsoluteFile().toPath().normalize().equals(c.model_dir.getAbsoluteFile().toPath().normalize()))
			throw new IllegalArgumentException("output_dir must differ from model_dir: pruning never changes the original model");
		try (EngineCall call = new EngineCall()) {
			final Path model = Path.of(EngineCall.modelDir(c.model_dir));
			final Path image = call.write(ImagePlusVolumes.toVolume(c.image), c.image.getTitle());
			status("pruning " + c.model_dir.getName());
			call.run(new PruneRequest(model, List.of(image), c.output_dir.getAbsoluteFile().toPath(), c.tau > 0 ? c.tau : null, c.patches), EngineCall.logOnly(), () -> false);
		}
		status("pruned " + c.model_dir.getName());
	}
}

package sauron.imagej;

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
		try (EngineCall call = new EngineCall("prune")) {
			call.with("-m", EngineCall.modelDir(c.model_dir)).with("-o", c.output_dir.getAbsolutePath()).with("-i", call.write(ImagePlusVolumes.toVolume(c.image), c.image.getTitle()))
					.with("--tau", c.tau > 0 ? c.tau : null).with("--patches", c.patches);
			status("pruning " + c.model_dir.getName());
			call.run(EngineCall.logOnly(), () -> false);
		}
		status("pruned " + c.model_dir.getName());
	}
}

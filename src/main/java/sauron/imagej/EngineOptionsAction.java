package sauron.imagej;

/** {@link EngineOptionsCommand}: keeps the settings in ImageJ's preferences, which every engine run reads. */
final class EngineOptionsAction extends CommandAction<EngineOptionsCommand> {

	EngineOptionsAction(final EngineOptionsCommand command) {
		super(command);
	}

	@Override
	protected void execute() {
		EngineOptions.set(command.use_gpu, command.engine_memory_gb);
		status("Sauron U-Net: " + (command.use_gpu ? "GPU where usable" : "CPU only") + ", engine heap "
				+ (command.engine_memory_gb > 0 ? command.engine_memory_gb + " GB" : "automatic"));
	}
}

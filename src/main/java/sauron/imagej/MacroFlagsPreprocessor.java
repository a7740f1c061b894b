package sauron.imagej;

import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;

import ij.Macro;

/**
 * Fiji's route for a macro line: imagej-legacy's MacroPreprocessor fills a SciJava command's inputs from the
 * macro options with Macro.getValue, which finds {@code key=value} only, so a bare {@code probabilities} (ImageJ 1's
 * form) would be left unset and Fiji would show the dialog or keep the default. This preprocessor runs after it
 * (priority 2 * VERY_HIGH) and before SciJava's default values, remembered values and dialog (VERY_HIGH and below),
 * and sets each yes/no input of a Sauron command from the options as {@link MacroOptions} reads them, as
 * {@link LegacyCommand} does in plain ImageJ 1. Compiled for Java 8: Fiji runs
 * every preprocessor for every command it runs (see {@link SauronCommand}).
 */
@Plugin(type = PreprocessorPlugin.class, priority = Priority.VERY_HIGH + 1)
public final class MacroFlagsPreprocessor extends AbstractPreprocessorPlugin {

	@Override
	public void process(final Module module) {
		if (!(module.getDelegateObject() instanceof ActionHost)) return;
		final ActionHost command = (ActionHost) module.getDelegateObject();
		final String options = Macro.getOptions(); // the options of the macro line running this command, as MacroPreprocessor reads them
		if (options == null) return;
		for (final ModuleItem<?> input : module.getInfo().inputs()) {
			if (input.getType() != boolean.class && input.getType() != Boolean.class) continue;
			final Boolean value;
			try {
				value = MacroOptions.flag(options, input.getName());
			} catch (final IllegalArgumentException e) {
				ActionHost.fail(command, e.getMessage());
				cancel(e.getMessage());
				return;
			}
			if (value == null) continue;
			module.setInput(input.getName(), value);
			module.resolveInput(input.getName());
		}
	}
}

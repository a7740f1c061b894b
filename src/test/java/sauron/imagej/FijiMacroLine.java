package sauron.imagej;

import java.util.ArrayList;
import java.util.List;

import org.scijava.Context;
import org.scijava.convert.ConvertService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleRunner;
import org.scijava.module.ModuleService;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.ModulePreprocessor;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;

/**
 * Fiji's route for a macro line {@code run("Segment Image", "image=cells model_dir=[/m] probabilities=true")},
 * without Fiji (imagej-legacy is not in this build's repositories): the macro's thread asks for the SciJava command
 * and waits for it (LegacyService.runLegacyCompatibleCommand: moduleService.run(info, true).get()); the module runs
 * on another thread, where Macro.getOptions() gives the line's options; its preprocessors start with imagej-legacy's
 * MacroPreprocessor, reproduced here: for every input, Macro.getValue(options, name, null) (IJ1Helper.
 * getMacroParameter), skipped when null or when the ConvertService cannot convert it, else converted, set and
 * resolved; an image input is looked up by title, as imagej-legacy's string-to-ImagePlus conversion does. Then
 * every preprocessor and postprocessor of the context runs, as moduleService.run(info, true) runs them.
 * <p>
 * A macro reaches it with {@code call("sauron.imagej.FijiMacroLine.run", "sauron.imagej.SegmentImageCommand",
 * "image=cells ...")}, so that the command runs while an ImageJ 1 macro is running, as in Fiji.
 */
public final class FijiMacroLine {

	/** The SciJava context the commands run in; the test sets it. */
	static Context context;
	/** The module of the last line run, for the test to read its outputs and whether it was cancelled. */
	static Module last;

	private FijiMacroLine() {}

	/** Runs one macro line's command through the SciJava route; the macro function call() wants a String back. */
	public static String run(final String commandClass, final String options) throws Exception {
		final Module module = context.service(ModuleService.class).createModule(context.service(org.scijava.command.CommandService.class).getCommand(commandClass));
		final List<ModulePreprocessor> pre = new ArrayList<>();
		pre.add(new MacroPreprocessor(options));
		pre.addAll(context.service(PluginService.class).createInstancesOfType(PreprocessorPlugin.class));
		final ModuleRunner runner = new ModuleRunner(context, module, pre, context.service(PluginService.class).createInstancesOfType(PostprocessorPlugin.class));
		final Throwable[] failure = new Throwable[1];
		// ImageJ 1 gives a thread its macro options only when its name starts with Run$_.
		final Thread thread = new Thread(() -> {
			Macro.setOptions(Thread.currentThread(), options);
			try {
				runner.run();
			} catch (final Throwable t) {
				failure[0] = t;
			} finally {
				Macro.setOptions(Thread.currentThread(), null);
			}
		}, "Run$_SciJava-module");
		thread.start();
		thread.join();
		last = module;
		if (failure[0] != null) throw new IllegalStateException("the module threw, which Fiji would show as an exception", failure[0]);
		return "";
	}

	/** imagej-legacy's MacroPreprocessor (priority 2 * VERY_HIGH, the first), as described above. */
	private static final class MacroPreprocessor extends AbstractPreprocessorPlugin {

		private final String options;

		MacroPreprocessor(final String options) {
			this.options = options + " "; // as Macro.getOptions() gives them
		}

		@Override
		public void process(final Module module) {
			final ConvertService convert = context.service(ConvertService.class);
			for (final ModuleItem<?> input : module.getInfo().inputs()) {
				final String name = input.getName();
				final String value = Macro.getValue(options, name, null);
				if (value == null) continue;
				final Object converted;
				if (input.getType() == ImagePlus.class) converted = WindowManager.getImage(value);
				else converted = convert.supports(value, input.getType()) ? convert.convert(value, input.getType()) : null;
				if (converted == null) continue;
				module.setInput(name, converted);
				module.resolveInput(name);
			}
		}
	}
}

package sauron.imagej;

import java.awt.Checkbox;
import java.io.File;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.scijava.Context;
import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;
import org.scijava.service.Service;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import ij.plugin.frame.Recorder;

/**
 * The plain ImageJ 1 entry for a Sauron command (plugins.config passes the command class as the argument):
 * builds a GenericDialog from the command's {@code @Parameter} fields, labelled with the field names so
 * the macro keys are the same as Fiji's (model_dir=...), runs the same command object, and shows the images
 * it outputs. The command's logic lives only in the command; this class only fills its fields. Compiled for Java 8
 * (see {@link SauronCommand}): ImageJ 1 loads it when a menu item is clicked, and on too old a Java it says what to
 * install before any dialog.
 */
public final class LegacyCommand implements PlugIn {

	private static final String NONE = "*None*";

	@Override
	public void run(final String commandClass) {
		if (JavaVersionGate.check("Sauron U-Net") != null) return;
		final ActionHost command;
		try {
			command = (ActionHost) Class.forName(commandClass.trim()).getDeclaredConstructor().newInstance();
		} catch (final ReflectiveOperationException | ClassCastException e) {
			UserMessages.error("Sauron U-Net", "plugins.config names " + commandClass + ", which is not a Sauron command");
			return;
		}
		final List<Field> inputs = fields(command.getClass(), true);
		final GenericDialog gd = new GenericDialog(command.title());
		// Non-null while a macro runs this command: its options, which the dialog reads instead of showing itself.
		final String macroOptions = Macro.getOptions();
		try {
			for (final Field f : inputs) addField(gd, f, f.get(command));
			gd.showDialog();
			if (gd.wasCanceled()) return;
			int checkbox = 0;
			for (final Field f : inputs)
				if (f.getType() == boolean.class) f.set(command, nextFlag(gd, checkbox++, f.getName(), macroOptions, f.getBoolean(command)));
				else f.set(command, nextValue(gd, f));
			if (gd.invalidNumber()) throw new IllegalArgumentException("a number field holds no valid number: " + gd.getErrorMessage());
		} catch (final Exception e) {
			UserMessages.error(command.title(), e);
			return;
		}
		command.run();
		for (final Field f : fields(command.getClass(), false))
			try {
				final Object output = f.get(command);
				if (output instanceof ImagePlus) ((ImagePlus) output).show();
			} catch (final IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
	}

	/** @Parameter fields of the class and its superclasses, inputs or outputs, without injected services. */
	static List<Field> fields(final Class<?> type, final boolean inputs) {
		final List<Field> fields = new ArrayList<>();
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass())
			for (final Field f : c.getDeclaredFields()) {
				final Parameter p = f.getAnnotation(Parameter.class);
				if (p == null || Service.class.isAssignableFrom(f.getType()) || Context.class.isAssignableFrom(f.getType())) continue;
				if ((p.type() == ItemIO.OUTPUT) == inputs) continue;
				f.setAccessible(true);
				fields.add(f);
			}
		return fields;
	}

	private static void addField(final GenericDialog gd, final Field f, final Object value) {
		final Parameter p = f.getAnnotation(Parameter.class);
		final String key = f.getName();
		final Class<?> t = f.getType();
		if (t == ImagePlus.class) {
			final List<String> titles = new ArrayList<>();
			if (!p.required()) titles.add(NONE);
			final int[] ids = WindowManager.getIDList();
			if (ids != null) for (final int id : ids) titles.add(WindowManager.getImage(id).getTitle());
			if (titles.isEmpty()) titles.add(NONE);
			final ImagePlus current = WindowManager.getCurrentImage();
			gd.addChoice(key, titles.toArray(new String[0]), p.required() && current != null ? current.getTitle() : titles.get(0));
		} else if (t == File.class) {
			final String path = value == null ? "" : value.toString();
			// ij1-patcher's headless dialog does not count file fields as strings; a plain field reads the same key.
			if (UserMessages.headless()) gd.addStringField(key, path, 40);
			else if (p.style().contains("directory")) gd.addDirectoryField(key, path);
			else gd.addFileField(key, path);
		} else if (t == String.class && p.choices().length > 0) gd.addChoice(key, p.choices(), (String) value);
		else if (t == String.class) gd.addStringField(key, value == null ? "" : (String) value, 20);
		else if (t == boolean.class) gd.addCheckbox(key, (Boolean) value);
		else if (t == int.class) gd.addNumericField(key, (Integer) value, 0);
		else if (t == double.class) gd.addNumericField(key, (Double) value, 3);
		else throw new IllegalStateException("no dialog field for " + t + " " + key);
	}

	/**
	 * A yes/no input. From a macro: {@code key=true}, {@code key=false} or a bare {@code key} (see
	 * {@link MacroOptions}); not given, it keeps its default, as in Fiji. From the dialog: the checkbox, recorded as
	 * {@code key=true} or {@code key=false} (GenericDialog would record a bare key, and nothing when unchecked, which
	 * Fiji reads as the default), so that a recorded line plays back the same in ImageJ 1 and in Fiji.
	 */
	private static boolean nextFlag(final GenericDialog gd, final int index, final String key, final String macroOptions, final boolean current) {
		if (macroOptions != null) {
			final Boolean given = MacroOptions.flag(macroOptions, key);
			return given == null ? current : given;
		}
		final boolean checked = ((Checkbox) gd.getCheckboxes().get(index)).getState();
		if (Recorder.record) Recorder.recordOption(key, String.valueOf(checked));
		return checked;
	}

	private static Object nextValue(final GenericDialog gd, final Field f) {
		final Class<?> t = f.getType();
		final boolean choices = t == String.class && f.getAnnotation(Parameter.class).choices().length > 0;
		if (t == ImagePlus.class) {
			final String title = gd.getNextChoice();
			return NONE.equals(title) ? null : WindowManager.getImage(title);
		}
		if (t == File.class) {
			final String path = gd.getNextString().trim();
			return path.isEmpty() ? null : new File(path);
		}
		if (choices) return gd.getNextChoice();
		if (t == String.class) return gd.getNextString();
		if (t == int.class) return (int) Math.round(gd.getNextNumber());
		return gd.getNextNumber();
	}
}

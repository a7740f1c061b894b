package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * What a Fiji user reads in a Sauron dialog: every input has a label and a description (the tooltip), a number
 * whose minimum is 0 says what 0 means, and every command runs headless (a macro under {@code --headless}), since
 * none needs a window: plots, text windows and tables become log lines there.
 */
class CommandParametersTest {

	@Test
	void everyInputOfEveryCommandHasALabelAndADescription() throws Exception {
		final List<String> missing = new ArrayList<>();
		for (final Class<?> command : commands())
			for (final Field f : LegacyCommand.fields(command, true)) {
				final Parameter p = f.getAnnotation(Parameter.class);
				if (p.label().isBlank()) missing.add(command.getSimpleName() + "." + f.getName() + " label");
				if (p.description().isBlank()) missing.add(command.getSimpleName() + "." + f.getName() + " description");
			}
		assertEquals(List.of(), missing);
	}

	@Test
	void everyNumberThatMayBe0SaysWhat0Means() throws Exception {
		final List<String> silent = new ArrayList<>();
		int numbers = 0;
		for (final Class<?> command : commands())
			for (final Field f : LegacyCommand.fields(command, true)) {
				final Parameter p = f.getAnnotation(Parameter.class);
				if (!f.getType().isPrimitive() || !"0".equals(p.min())) continue;
				numbers++;
				if (!p.description().contains("; 0: ")) silent.add(command.getSimpleName() + "." + f.getName() + ": " + p.description());
			}
		assertTrue(numbers >= 10, "levels, base_filters, classes, tau_max, ... are found: " + numbers);
		assertEquals(List.of(), silent);
	}

	@Test
	void everyCommandRunsHeadless() throws Exception {
		final List<Class<?>> commands = commands();
		assertTrue(commands.contains(TrainUNetCommand.class) && commands.contains(ModelInfoCommand.class) && commands.size() >= 10, commands.toString());
		for (final Class<?> command : commands) assertTrue(command.getAnnotation(Plugin.class).headless(), command.getSimpleName());
	}

	/** Our SciJava commands, as Fiji finds them: in the plugin index. */
	private static List<Class<?>> commands() throws IOException, ClassNotFoundException {
		final String index;
		try (InputStream in = CommandParametersTest.class.getClassLoader().getResourceAsStream("META-INF/json/org.scijava.plugin.Plugin")) {
			index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		final List<Class<?>> commands = new ArrayList<>();
		final Matcher m = Pattern.compile("\\{\"class\":\"(sauron\\.[\\w.$]+)\",\"values\":\\{[^}]*\"type\":\"" + Pattern.quote(Command.class.getName()) + "\"").matcher(index);
		while (m.find()) commands.add(Class.forName(m.group(1)));
		return commands;
	}
}

package sauron.engine;

import java.util.ArrayList;
import java.util.List;

/** A command line being written by a request's {@code arguments()}; it spells no option itself. */
final class Arguments {

	private final List<String> list = new ArrayList<>();

	Arguments(final String command) {
		list.add(command);
	}

	/** The option and its value, or nothing when the value is null or blank: the engine's default then applies. */
	Arguments option(final String name, final Object value) {
		if (value == null || value.toString().isBlank()) return this;
		list.add(name);
		list.add(value.toString());
		return this;
	}

	/** The option once per value, in order. */
	Arguments each(final String name, final List<?> values) {
		for (final Object v : values) option(name, v);
		return this;
	}

	Arguments flag(final String name, final boolean on) {
		if (on) list.add(name);
		return this;
	}

	List<String> list() {
		return List.copyOf(list);
	}
}

package sauron.export;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a tree of maps, lists, strings, numbers and booleans as block-style YAML, readable and editable by hand:
 * what rdf.yaml needs and no more (no YAML library is on the plugin's class path, and the engine should not grow one
 * for a file of fixed structure). Every value reads back as its own type in YAML 1.1 and 1.2 parsers alike: a string
 * is written plain only when no parser could take it for a number, a boolean or null, else double-quoted with
 * escapes; a decimal always has a point and never an exponent ("1e-8" would be a string to YAML 1.1).
 */
public final class YamlWriter {

	private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
	/**
	 * Starts with a letter or underscore, so it is no number, and holds nothing YAML gives a meaning: no ':', '#', ','
	 * or brackets, spaces only inside.
	 */
	private static final Pattern PLAIN = Pattern.compile("[A-Za-z_](?:[A-Za-z0-9_.\\-/ ]*[A-Za-z0-9_.\\-/])?");
	/** What YAML 1.1 and 1.2 read as booleans or null when plain. */
	private static final Set<String> RESERVED = Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n");

	private YamlWriter() {}

	/**
	 * @param comment lines written first as YAML comments (may be empty)
	 * @param document a map of String keys to maps, lists, Strings, Numbers or Booleans; no nulls
	 */
	public static String write(final List<String> comment, final Map<String, ?> document) {
		final StringBuilder out = new StringBuilder();
		for (final String line : comment) out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
		map(document, 0, out);
		return out.toString();
	}

	private static void map(final Map<?, ?> map, final int indent, final StringBuilder out) {
		boolean first = true;
		for (final Map.Entry<?, ?> e : map.entrySet()) {
			// The first key of a map that is a list item follows its "- " on the same line.
			if (!first || indent == 0 || out.charAt(out.length() - 1) == '\n') out.append(" ".repeat(indent));
			first = false;
			out.append(key(e.getKey())).append(':');
			value(e.getValue(), indent, out);
		}
	}

	/** The value after "key:" at this indent: on the same line when short, else on the lines below. */
	private static void value(final Object value, final int indent, final StringBuilder out) {
		if (value instanceof Map<?, ?> m && !m.isEmpty()) {
			out.append('\n');
			map(m, indent + 2, out);
		} else if (value instanceof List<?> l && !l.isEmpty() && !isFlat(l)) {
			out.append('\n');
			for (final Object item : l) {
				out.append(" ".repeat(indent + 2)).append("- ");
				if (item instanceof Map<?, ?> m && !m.isEmpty()) map(m, indent + 4, out);
				else out.append(inline(item)).append('\n');
			}
		} else out.append(' ').append(inline(value)).append('\n');
	}

	/** Lists of scalars are written in flow style, [a, b]: short and still unambiguous. */
	private static boolean isFlat(final List<?> list) {
		for (final Object o : list) if (o instanceof Map<?, ?> || o instanceof List<?>) return false;
		return true;
	}

	private static String inline(final Object value) {
		if (value instanceof Map<?, ?> m) {
			if (m.isEmpty()) return "{}";
			throw new IllegalArgumentException("a map inside a list inside a list is not supported");
		}
		if (value instanceof List<?> l) {
			final StringBuilder s = new StringBuilder("[");
			for (final Object o : l) {
				if (s.length() > 1) s.append(", ");
				s.append(inline(o));
			}
			return s.append(']').toString();
		}
		return scalar(value);
	}

	static String scalar(final Object value) {
		if (value == null) throw new IllegalArgumentException("null values are left out, not written");
		if (value instanceof String s) return string(s);
		if (value instanceof Boolean b) return b.toString();
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) return value.toString();
		if (value instanceof Double || value instanceof Float) return decimal(((Number) value).doubleValue(), value instanceof Float);
		throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " as YAML");
	}

	private static String key(final Object key) {
		if (!(key instanceof String s) || !KEY.matcher(s).matches()) throw new IllegalArgumentException("not a plain YAML key: " + key);
		return s;
	}

	private static String decimal(final double d, final boolean isFloat) {
		if (!Double.isFinite(d)) throw new IllegalArgumentException("cannot write " + d + ": rdf values must be finite");
		// The shortest decimal that reads back as the same float or double, without an exponent.
		final String shortest = isFloat ? Float.toString((float) d) : Double.toString(d);
		final String plain = new BigDecimal(shortest).stripTrailingZeros().toPlainString();
		return plain.contains(".") ? plain : plain + ".0";
	}

	private static String string(final String s) {
		if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) return s;
		final StringBuilder q = new StringBuilder("\"");
		s.codePoints().forEach(c -> {
			switch (c) {
				case '"' -> q.append("\\\"");
				case '\\' -> q.append("\\\\");
				case '\n' -> q.append("\\n");
				case '\t' -> q.append("\\t");
				case '\r' -> q.append("\\r");
				default -> {
					if (printable(c)) q.appendCodePoint(c);
					else if (c <= 0xFFFF) q.append(String.format(Locale.ROOT, "\\u%04x", c));
					else q.append(String.format(Locale.ROOT, "\\U%08x", c));
				}
			}
		});
		return q.append('"').toString();
	}

	/** YAML's printable characters (spec 1.2, c-printable), less the line breaks escaped above. */
	private static boolean printable(final int c) {
		return c >= 0x20 && c <= 0x7E || c == 0x85 || c >= 0xA0 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF || c >= 0x10000 && c <= 0x10FFFF;
	}
}

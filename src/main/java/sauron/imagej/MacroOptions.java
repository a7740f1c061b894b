package sauron.imagej;

import ij.Macro;

/**
 * How a Sauron command reads a yes/no input from a macro line, the same in both routes. Fiji's recorder writes
 * {@code probabilities=true} (and {@code =false}) and its playback (imagej-legacy's MacroPreprocessor) reads only
 * that form, with Macro.getValue; ImageJ 1's dialogs write and read a bare {@code probabilities}. Both are accepted
 * everywhere, {@code key=true}/{@code key=false} is what gets recorded and documented (it is also the only form that
 * can say false when the default is true). Compiled for Java 8 (see {@link SauronCommand}).
 */
final class MacroOptions {

	private MacroOptions() {}

	/**
	 * The value the options give {@code key}: true for {@code key=true} or a bare {@code key}, false for
	 * {@code key=false}, null when the key is not there (the input keeps its default).
	 *
	 * @throws IllegalArgumentException for any other value, naming the key and what was expected
	 */
	static Boolean flag(final String options, final String key) {
		if (options == null) return null;
		final String value = Macro.getValue(options, key, null);
		if (value != null) {
			if (value.equalsIgnoreCase("true")) return Boolean.TRUE;
			if (value.equalsIgnoreCase("false")) return Boolean.FALSE;
			throw new IllegalArgumentException(key + "=" + value + ": expected " + key + "=true or " + key + "=false");
		}
		return bare(options, key) ? Boolean.TRUE : null;
	}

	/** Whether {@code key} stands alone as one of the options' words ([bracketed values] are skipped, not split). */
	private static boolean bare(final String options, final String key) {
		int start = 0;
		while (start < options.length()) {
			while (start < options.length() && options.charAt(start) == ' ') start++;
			int end = start;
			while (end < options.length() && options.charAt(end) != ' ') {
				if (options.charAt(end) == '[') {
					final int close = options.indexOf(']', end);
					end = close < 0 ? options.length() : close;
				}
				end++;
			}
			if (end > start && options.substring(start, Math.min(end, options.length())).equals(key)) return true;
			start = end;
		}
		return false;
	}
}

package sauron.imagej;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.imagej.patcher.LegacyEnvironment;
import sauron.io.ChildOutput;

/**
 * Runs ImageJ 1 macro files headless in a patched, encapsulated ImageJ 1 whose plugin class path is ours, then
 * prints the system properties the macros set (sauron.macro.*) as key=value lines. A separate JVM because
 * ij1-patcher must define patched ImageJ classes, which Java 17 allows only with
 * --add-opens java.base/java.lang, and the test JVM's options are not ours to change.
 * <p>
 * Arguments: the plugin class path (path-separated) or {@value #INSTALLED}, then macro files; or, after the plugin
 * class path, {@value #BATCH} and one macro file: ImageJ 1's own command line then runs it, as {@code ImageJ -batch
 * file.ijm} (Fiji's {@code --headless -batch}), and ImageJ's exit status is this JVM's.
 */
public final class MacroRunner {

	public static final String PREFIX = "sauron.macro.";
	/** In place of the plugin class path: ImageJ finds its plugins itself, in the folder -Dplugins.dir names. */
	public static final String INSTALLED = "--installed";
	/** ImageJ 1's command-line option that runs a macro without a window and exits. */
	public static final String BATCH = "-batch";

	public static void main(final String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		final LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
		ij1.disableInitializer();
		if (!args[0].equals(INSTALLED)) {
			ij1.disableIJ1PluginDirs();
			final List<File> plugins = new ArrayList<>();
			for (final String entry : args[0].split(File.pathSeparator))
				// ImageJ itself comes from the patched loader; a second copy on the plugin path would not be patched.
				if (!entry.isBlank() && !new File(entry).getName().matches("ij-1\\..*\\.jar")) plugins.add(new File(entry));
			ij1.addPluginClasspath(plugins.toArray(new File[0]));
		}
		if (args[1].equals(BATCH)) ij1.main(BATCH, args[2]); // ImageJ.main ends the JVM
		for (int i = 1; i < args.length; i++) ij1.runMacro(Files.readString(Path.of(args[i])), null);
		final Map<String, String> results = new TreeMap<>();
		for (final String key : System.getProperties().stringPropertyNames())
			if (key.startsWith(PREFIX)) results.put(key, System.getProperty(key));
		results.forEach((k, v) -> System.out.println(k + "=" + v));
		System.exit(0);
	}

	/** A macro's {@code RESULT("key", value)} becomes a system property this runner prints at the end. */
	static String withResults(final String macro) {
		return macro.replace("RESULT(\"", "call(\"java.lang.System.setProperty\", \"" + PREFIX);
	}

	/** What a run printed (kept in a log file too), the results its macros stored and the JVM's exit status. */
	record Outcome(String log, Map<String, String> results, int exitCode) {
		String result(final String key) {
			final String value = results.get(key);
			if (value == null) throw new AssertionError("the macro stored no '" + key + "'; its output:\n" + log);
			return value;
		}
	}

	/** Runs a command line that starts this runner (at most 5 minutes) and collects its results. */
	static Outcome run(final List<String> command, final Path logFile) throws Exception {
		return run(command, logFile, Duration.ofMinutes(5));
	}

	/** As {@link #run(List, Path)}; a run still going after {@code timeout} is ended and fails with what it printed. */
	static Outcome run(final List<String> command, final Path logFile, final Duration timeout) throws Exception {
		final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		final ChildOutput.Ended ended;
		try {
			ended = ChildOutput.await(p, timeout);
		} catch (final IOException hung) {
			Files.writeString(logFile, hung.getMessage());
			throw new AssertionError("the macro run hung: " + hung.getMessage());
		}
		final String log = ended.output();
		Files.writeString(logFile, log);
		final Map<String, String> results = new TreeMap<>();
		for (final String line : log.split("\n"))
			if (line.startsWith(PREFIX)) results.put(line.substring(PREFIX.length(), line.indexOf('=')), line.substring(line.indexOf('=') + 1).trim());
		return new Outcome(log, results, ended.exitCode());
	}
}

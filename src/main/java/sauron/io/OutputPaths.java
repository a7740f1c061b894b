package sauron.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The one rule that keeps a command's inputs safe from its outputs, checked before any work and before anything
 * is written: no output is an input, no output is written twice, no output folder that is replaced whole holds an
 * input, and nothing is written inside an input folder that is only read as a whole (a model). Paths are compared
 * as the file system resolves them: relative to the working directory, through symbolic links, {@code .} and
 * {@code ..}, and as one file when {@link Files#isSameFile} says so (hard links, case-insensitive file systems).
 */
public final class OutputPaths {

	/**
	 * A path a command reads, named by its option as the user gave it.
	 *
	 * @param sealed a folder read as a whole (a model): nothing may be written inside it either
	 */
	public record Input(String option, Path path, boolean sealed) {
		/** A file or folder that is read; outputs may lie inside a folder (e.g. --output-dir in/labels). */
		public static Input of(final String option, final Path path) {
			return new Input(option, path, false);
		}

		/** A folder read as a whole, such as a model: no output may be it or lie inside it. */
		public static Input sealedFolder(final String option, final Path path) {
			return new Input(option, path, true);
		}
	}

	/**
	 * A path a command writes, named by its option.
	 *
	 * @param replacedWhole a folder that is replaced with everything in it (a model): it must not hold an input
	 */
	public record Output(String option, Path path, boolean replacedWhole) {
		/** A file that is written, or a folder that files are written into. */
		public static Output of(final String option, final Path path) {
			return new Output(option, path, false);
		}

		/** A folder replaced whole when written, such as a model. */
		public static Output replacedFolder(final String option, final Path path) {
			return new Output(option, path, true);
		}
	}

	private OutputPaths() {}

	/** Fails with one sentence naming the output, the input and what was expected unless the outputs leave every input alone. */
	public static void requireApart(final List<Output> outputs, final List<Input> inputs) throws IOException {
		final Path[] out = new Path[outputs.size()];
		for (int i = 0; i < out.length; i++) out[i] = resolved(outputs.get(i).path());
		final Path[] in = new Path[inputs.size()];
		for (int i = 0; i < in.length; i++) in[i] = resolved(inputs.get(i).path());
		for (int o = 0; o < out.length; o++) {
			final Output output = outputs.get(o);
			for (int i = 0; i < in.length; i++) {
				final Input input = inputs.get(i);
				if (same(output.path(), out[o], input.path(), in[i]))
					throw new IllegalArgumentException(named(output) + " is the input " + named(input) + both(output.path(), input.path(), out[o])
							+ "; expected another path: an output never replaces an input");
				if (output.replacedWhole() && in[i].startsWith(out[o]))
					throw new IllegalArgumentException(named(output) + " holds the input " + named(input) + " and would be replaced whole; expected a folder apart from the inputs");
				if (input.sealed() && out[o].startsWith(in[i]))
					throw new IllegalArgumentException(named(output) + " is inside the input " + named(input) + "; expected a path outside it: "
							+ input.path() + " is only read");
			}
			for (int e = 0; e < o; e++)
				if (same(outputs.get(e).path(), out[e], output.path(), out[o]))
					throw new IllegalArgumentException(named(output) + " is also " + named(outputs.get(e)) + both(output.path(), outputs.get(e).path(), out[o])
							+ "; expected a different path for each output, else one would overwrite the other");
		}
	}

	private static String named(final Input input) {
		return input.option() + " " + input.path();
	}

	private static String named(final Output output) {
		return output.option() + " " + output.path();
	}

	/** Where two differently written paths meet, so the user sees why they are one. */
	private static String both(final Path a, final Path b, final Path resolved) {
		return a.equals(b) ? "" : " (both " + resolved + ")";
	}

	private static boolean same(final Path a, final Path resolvedA, final Path b, final Path resolvedB) throws IOException {
		// Only the file system knows whether two existing names are one file (hard links, case-insensitive names).
		if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
		return resolvedA.equals(resolvedB);
	}

	/**
	 * The path as the file system would resolve it: its longest existing part through {@link Path#toRealPath} (links
	 * and {@code ..} as the OS follows them), the rest, which does not exist yet, appended by name.
	 */
	static Path resolved(final Path path) throws IOException {
		Path existing = path.toAbsolutePath();
		final Deque<Path> missing = new ArrayDeque<>();
		while (existing.getParent() != null && !Files.exists(existing)) {
			missing.push(existing.getFileName());
			existing = existing.getParent();
		}
		Path real = existing.toRealPath();
		while (!missing.isEmpty()) real = real.resolve(missing.pop());
		return real.normalize();
	}
}

package sauron.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.google.gson.JsonObject;

/**
 * Runs the engine (our command line, {@code sauron.cli.SauronCli}) in its own JVM and relays what it says.
 * A separate process keeps TensorFlow Java away from whatever else the host JVM loaded (CSBDeep's TensorFlow
 * 1.15 classes and native library, in Fiji), frees GPU memory when it ends, and a native crash or an out-of-memory
 * ends the run, not Fiji. Plain output lines go to the listener's log, {@link EngineEvents} lines to its
 * event method (give "--events" to the commands that have it). With --events the engine exits when its standard
 * input closes, so it does not outlive a Fiji that quit or was killed.
 */
public final class EngineProcess {

	/** Where the engine's output goes. Called on the thread that runs {@link #run}, except stderr lines. */
	public interface Listener {
		default void log(final String line) {}

		default void event(final JsonObject event) {}
	}

	/** Set to "false" to keep the engine on the CPU although the GPU build is installed. */
	public static final String GPU_PROPERTY = "sauron.gpu";
	/** Maximum Java heap of the engine, e.g. "8g"; default: the JVM's (a quarter of the memory). */
	public static final String MEMORY_PROPERTY = "sauron.worker.memory";

	private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
	private static List<Path> chosen;
	private static boolean chosenWithGpu;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "sauron-engine-cleanup"));
	}

	private EngineProcess() {}

	/**
	 * Runs one command line (e.g. "segment", "-m", dir, ...) and returns its plain output.
	 *
	 * @throws IllegalArgumentException with the engine's message when it rejected the input (exit code 1)
	 * @throws IllegalStateException when the engine failed otherwise (crash, killed, usage error)
	 * @throws CancellationException when {@code cancelled} became true; the process was ended
	 */
	public static String run(final List<String> args, final Listener listener, final BooleanSupplier cancelled) throws IOException, InterruptedException {
		return run(classpath(listener), args, listener, cancelled);
	}

	static String run(final List<Path> classpath, final List<String> args, final Listener listener, final BooleanSupplier cancelled)
			throws IOException, InterruptedException {
		final Process process = start(classpath, args);
		LIVE.add(process);
		final Deque<String> errors = new ArrayDeque<>();
		final Thread stderr = new Thread(() -> drain(process, errors, listener), "sauron-engine-stderr");
		stderr.setDaemon(true);
		stderr.start();
		final Thread watcher = new Thread(() -> watch(process, cancelled), "sauron-engine-cancel");
		watcher.setDaemon(true);
		watcher.start();
		final StringBuilder output = new StringBuilder();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			try {
				for (String line; (line = out.readLine()) != null;) {
					final var event = EngineEvents.parse(line);
					if (event.isPresent()) listener.event(event.get());
					else {
						output.append(line).append('\n');
						listener.log(line);
					}
				}
			} catch (final IOException e) {
				// Ending the process closes our end of its output ("Stream closed") if we are not blocked in a read.
				if (!cancelled.getAsBoolean()) throw e;
			}
			final int code = process.waitFor();
			stderr.join(TimeUnit.SECONDS.toMillis(5));
			if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
			if (code == 0) return output.toString();
			synchronized (errors) {
				throw failure(code, List.copyOf(errors));
			}
		} finally {
			process.destroyForcibly();
			LIVE.remove(process);
			watcher.interrupt();
		}
	}

	/** The class path for this host, decided once per JVM and GPU setting (see {@link #choose}). */
	static synchronized List<Path> classpath(final Listener listener) throws IOException, InterruptedException {
		final boolean wantGpu = !"false".equalsIgnoreCase(System.getProperty(GPU_PROPERTY));
		if (chosen == null || chosenWithGpu != wantGpu) {
			chosen = choose(WorkerClasspath.resolve(), wantGpu, listener);
			chosenWithGpu = wantGpu;
		}
		return chosen;
	}

	/**
	 * The GPU class path when the GPU build is installed, wanted, starts and sees a GPU; else the CPU one, and
	 * the listener is told why in one line.
	 */
	static List<Path> choose(final WorkerClasspath.Choice choice, final boolean wantGpu, final Listener listener) throws IOException, InterruptedException {
		if (choice.gpu().isEmpty() || !wantGpu) return choice.cpu();
		String reason;
		try {
			final String devices = run(choice.gpu().get(), List.of("devices"), new Listener() {}, () -> false);
			reason = devices.contains(" on GPU ") ? null : "the GPU build of TensorFlow found no usable GPU";
		} catch (final IllegalStateException | IllegalArgumentException e) {
			reason = "the GPU build of TensorFlow could not start (" + e.getMessage().lines().reduce((a, b) -> b).orElse("") + ")";
		}
		if (reason == null) return choice.gpu().get();
		listener.log(reason + "; Sauron U-Net runs on the CPU");
		return choice.cpu();
	}

	private static Process start(final List<Path> classpath, final List<String> args) throws IOException {
		final List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		final String memory = System.getProperty(MEMORY_PROPERTY);
		if (memory != null && !memory.isBlank()) command.add("-Xmx" + memory.trim());
		command.add("-cp");
		command.add(WorkerClasspath.join(classpath));
		command.add("sauron.cli.SauronCli");
		command.addAll(args);
		final ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("CLASSPATH");
		builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
		return builder.start();
	}

	private static void drain(final Process process, final Deque<String> errors, final Listener listener) {
		try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = err.readLine()) != null;) {
				synchronized (errors) {
					errors.addLast(line);
					if (errors.size() > 200) errors.removeFirst();
				}
				if (!line.startsWith("error: ") && !isTensorFlowChatter(line)) listener.log(line);
			}
		} catch (final IOException e) {
			// the process ended; what it said is in errors
		}
	}

	/** TensorFlow's C++ info lines ("I0000 00:00:...") and abseil's note about them say nothing to a user. */
	static boolean isTensorFlowChatter(final String line) {
		return line.matches("I\\d{4} .*") || line.startsWith("WARNING: All log messages before absl::InitializeLog()");
	}

	private static void watch(final Process process, final BooleanSupplier cancelled) {
		try {
			while (process.isAlive()) {
				if (cancelled.getAsBoolean()) {
					process.destroy();
					if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
					return;
				}
				Thread.sleep(100);
			}
		} catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static RuntimeException failure(final int code, final List<String> errors) {
		for (int i = errors.size() - 1; i >= 0; i--)
			if (code == 1 && errors.get(i).startsWith("error: ")) return new IllegalArgumentException(errors.get(i).substring("error: ".length()));
		// A usage error (2) says what was wrong first, then prints the whole usage; a crash says it last.
		final List<String> said = code == 2 ? errors.subList(0, Math.min(1, errors.size())) : errors.subList(Math.max(0, errors.size() - 8), errors.size());
		final String tail = String.join("\n", said);
		return new IllegalStateException("the TensorFlow engine process ended with exit code " + code + (tail.isBlank() ? "" : ":\n" + tail));
	}
}

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import sauron.engine.DevicesRequest;
import sauron.engine.EngineEvent;
import sauron.engine.EngineEvents;
import sauron.engine.EngineRequest;

/**
 * Runs the engine (our command line, {@code sauron.cli.SauronCli}) in its own JVM and relays what it says.
 * A separate process keeps TensorFlow Java away from whatever else the host JVM loaded (CSBDeep's TensorFlow
 * 1.15 classes and native library, in Fiji), frees GPU memory when it ends, and a native crash or an out-of-memory
 * ends the run, not Fiji. Its output is decoded here, once ({@link EngineEvents}): plain lines go to the listener's
 * log, events to its event method, and a failure becomes the exception {@link #run} throws. With --events (the
 * requests that have it send it) the engine exits when its standard input closes, so it does not outlive a Fiji
 * that quit or was killed. How the process is started is {@link EngineSettings}.
 */
public final class EngineProcess {

	/** Where the engine's output goes. Called on the thread that runs {@link #run}, except stderr lines. */
	public interface Listener {
		default void log(final String line) {}

		/** A step, an epoch or progress; a failure is not passed here, it ends {@link #run} as an exception. */
		default void event(final EngineEvent event) {}
	}

	/** Engines still running, ended when this JVM exits. */
	private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
	/** The class path found for this installation, per GPU wish: probing the GPU build costs an engine start, so it is done once per JVM. */
	private static final Map<Boolean, List<Path>> FOUND = new ConcurrentHashMap<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "sauron-engine-cleanup"));
	}

	private final EngineSettings settings;

	public EngineProcess(final EngineSettings settings) {
		this.settings = settings;
	}

	/**
	 * Runs one request and returns the engine's plain output.
	 *
	 * @throws IllegalArgumentException with the engine's message when it rejected the input (exit code 1)
	 * @throws IllegalStateException when the engine failed otherwise (crash, killed, usage error)
	 * @throws CancellationException when {@code cancelled} became true; the process was ended
	 */
	public String run(final EngineRequest request, final Listener listener, final BooleanSupplier cancelled) throws IOException, InterruptedException {
		return run(request.arguments(), listener, cancelled);
	}

	/** Runs a command line as given (the tests' way to say what no request says). */
	String run(final List<String> args, final Listener listener, final BooleanSupplier cancelled) throws IOException, InterruptedException {
		final ProcessBuilder builder = new ProcessBuilder(commandLine(classpath(listener), args));
		builder.environment().remove("CLASSPATH");
		builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
		final Process process = builder.start();
		LIVE.add(process);
		final Deque<String> errors = new ArrayDeque<>();
		final AtomicReference<EngineEvent.Failure> failure = new AtomicReference<>();
		final Thread stderr = new Thread(() -> drain(process, errors, failure, listener), "sauron-engine-stderr");
		stderr.setDaemon(true);
		stderr.start();
		final Thread watcher = new Thread(() -> watch(process, cancelled), "sauron-engine-cancel");
		watcher.setDaemon(true);
		watcher.start();
		final StringBuilder output = new StringBuilder();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			try {
				for (String line; (line = out.readLine()) != null;) {
					final Optional<EngineEvent> event = EngineEvents.fromOutput(line);
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
				throw failure(code, failure.get(), List.copyOf(errors));
			}
		} finally {
			process.destroyForcibly();
			LIVE.remove(process);
			watcher.interrupt();
		}
	}

	/** java [-Xmx...] -cp ... sauron.cli.SauronCli args */
	List<String> commandLine(final List<Path> classpath, final List<String> args) {
		final List<String> command = new ArrayList<>();
		command.add(settings.java().toString());
		settings.maxHeap().ifPresent(xmx -> command.add("-Xmx" + xmx));
		command.add("-cp");
		command.add(WorkerClasspath.join(classpath));
		command.add("sauron.cli.SauronCli");
		command.addAll(args);
		return command;
	}

	/** The settings' class path, or the one found for this installation and GPU wish (see {@link #choose}), once per JVM. */
	private List<Path> classpath(final Listener listener) throws IOException, InterruptedException {
		if (settings.classpath().isPresent()) return settings.classpath().get();
		synchronized (FOUND) {
			List<Path> found = FOUND.get(settings.useGpu());
			if (found == null) {
				found = choose(WorkerClasspath.resolve(), listener);
				FOUND.put(settings.useGpu(), found);
			}
			return found;
		}
	}

	/**
	 * The GPU class path when the GPU build is installed, wanted, starts and sees a GPU; else the CPU one, and
	 * the listener is told why in one line.
	 */
	List<Path> choose(final WorkerClasspath.Choice choice, final Listener listener) throws IOException, InterruptedException {
		if (choice.gpu().isEmpty() || !settings.useGpu()) return choice.cpu();
		String reason;
		try {
			final String devices = new EngineProcess(settings.withClasspath(choice.gpu().get())).run(new DevicesRequest(), new Listener() {}, () -> false);
			reason = devices.contains(" on GPU ") ? null : "the GPU build of TensorFlow found no usable GPU";
		} catch (final IllegalStateException | IllegalArgumentException e) {
			reason = "the GPU build of TensorFlow could not start (" + e.getMessage().lines().reduce((a, b) -> b).orElse("") + ")";
		}
		if (reason == null) return choice.gpu().get();
		listener.log(reason + "; Sauron U-Net runs on the CPU");
		return choice.cpu();
	}

	/** The error stream: a failure is kept for {@link #failure}, other lines go to the log, and the last 200 of all lines are kept for a crash's message. */
	private static void drain(final Process process, final Deque<String> errors, final AtomicReference<EngineEvent.Failure> failure, final Listener listener) {
		try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = err.readLine()) != null;) {
				synchronized (errors) {
					errors.addLast(line);
					if (errors.size() > 200) errors.removeFirst();
				}
				final Optional<EngineEvent.Failure> said = EngineEvents.fromErrors(line);
				if (said.isPresent()) failure.set(said.get());
				else if (!isTensorFlowChatter(line)) listener.log(line);
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

	/** Bad input (exit code 1 with a failure) is the engine's message; anything else names the exit code with the engine's last words. */
	private static RuntimeException failure(final int code, final EngineEvent.Failure failure, final List<String> errors) {
		if (code == 1 && failure != null) return new IllegalArgumentException(failure.message());
		// A usage error (2) says what was wrong first, then prints the whole usage; a crash says it last.
		final List<String> said = code == 2 ? errors.subList(0, Math.min(1, errors.size())) : errors.subList(Math.max(0, errors.size() - 8), errors.size());
		final String tail = String.join("\n", said);
		return new IllegalStateException("the TensorFlow engine process ended with exit code " + code + (tail.isBlank() ? "" : ":\n" + tail));
	}
}

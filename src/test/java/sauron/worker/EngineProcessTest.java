package sauron.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.engine.DevicesRequest;
import sauron.engine.EngineEvent;
import sauron.engine.EngineEvents;
import sauron.engine.InfoRequest;

/** The engine as a child JVM: what it says, how it fails, how it is stopped, and which build it gets. */
class EngineProcessTest {

	@TempDir
	Path tmp;

	private static final List<Path> OWN = WorkerClasspath.resolve().cpu();
	/** The engine on this JVM's class path, as EngineSettings' defaults start it otherwise. */
	private static final EngineProcess ENGINE = new EngineProcess(EngineSettings.defaults().withClasspath(OWN));

	/** Collects what the engine says; thread-safe, as the cancel watcher reads it while the engine talks. */
	private static class Recorder implements EngineProcess.Listener {
		final List<String> lines = new CopyOnWriteArrayList<>();
		final List<EngineEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void log(final String line) { lines.add(line); }

		@Override
		public void event(final EngineEvent event) { events.add(event); }
	}

	@Test
	void outsideAnApplicationFolderTheEngineRunsOnThisJvmsClassPath() {
		assertEquals(System.getProperty("java.class.path"), WorkerClasspath.join(OWN));
	}

	@Test
	void plainLinesAreReturnedAndLogged() throws Exception {
		final Recorder r = new Recorder();
		final String out = ENGINE.run(new DevicesRequest(), r, () -> false);
		assertTrue(out.startsWith("TensorFlow "), out);
		assertTrue(r.lines.contains(out.lines().findFirst().orElseThrow()), r.lines.toString());
	}

	@Test
	void theEnginesMessageForBadInputBecomesAnIllegalArgumentException() {
		final var e = assertThrows(IllegalArgumentException.class,
				() -> ENGINE.run(new InfoRequest(tmp.resolve("none")), new Recorder(), () -> false));
		assertTrue(e.getMessage().contains("none") && e.getMessage().contains("not found"), e.getMessage());
		assertTrue(!e.getMessage().startsWith(EngineEvents.FAILURE_PREFIX), "the message, not the line that carried it: " + e.getMessage());
	}

	@Test
	void aCrashOrUsageErrorIsAnIllegalStateExceptionWithTheEnginesLastLines() {
		final var e = assertThrows(IllegalStateException.class, () -> ENGINE.run(List.of("segment", "-m", "x", "--no-such-option"), new Recorder(), () -> false));
		assertTrue(e.getMessage().contains("exit code 2") && e.getMessage().contains("--no-such-option"), e.getMessage());
	}

	@Test
	void cancellingEndsTheProcessBeforeItSaves() throws Exception {
		// One epoch of 300 steps: left alone, this training saves its model within seconds (37 on a 2-core
		// machine running other tests). Cancelled at its first step, it must end without one.
		final List<String> oneEpoch = training(1, 300);
		final Recorder r = new Recorder();
		assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> assertThrows(CancellationException.class, () -> ENGINE.run(oneEpoch, r, () -> !r.events.isEmpty())));
		assertTrue(!Files.exists(tmp.resolve("model")), "no model, whole or half-written");
		assertTrue(r.events.get(r.events.size() - 1) instanceof EngineEvent.Step, "it was still training");
	}

	@Test
	void cancellingWhileTheEngineTalksIsACancellationNotAnIoError() throws Exception {
		// The cancel ends the engine and closes its output, which the host may be about to read: here the host
		// waits in its listener until that has happened, as a loaded machine sometimes does by itself.
		final Recorder r = new Recorder() {
			@Override
			public void event(final EngineEvent event) {
				super.event(event);
				if (events.size() == 1) sleepAWhile();
			}
		};
		assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> assertThrows(CancellationException.class, () -> ENGINE.run(training(1, 300), r, () -> !r.events.isEmpty())));
	}

	private static void sleepAWhile() {
		try {
			Thread.sleep(1_000); // the watcher looks every 100 ms and ends the engine at once
		} catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void trainingEventsCarryStepsAndEpochRecordsAndTheStopFileEndsTrainingSaved() throws Exception {
		final Path stop = Files.createFile(tmp.resolve("stop")); // already there: the first epoch is the last
		final List<String> args = new ArrayList<>(training(50, 2));
		args.addAll(List.of("--stop-file", stop.toString()));
		final Recorder r = new Recorder();
		ENGINE.run(args, r, () -> false);
		assertEquals(List.of(EngineEvent.Step.class, EngineEvent.Step.class, EngineEvent.Epoch.class), r.events.stream().map(Object::getClass).toList());
		assertEquals(List.of(0, 1), r.events.subList(0, 2).stream().map(e -> ((EngineEvent.Step) e).step()).toList());
		assertEquals(1, ((EngineEvent.Epoch) r.events.get(2)).record().epoch());
		assertTrue(Files.isRegularFile(tmp.resolve("model/sauron.json")));
	}

	@Test
	void anEngineWhoseHostIsGoneExitsInsteadOfTrainingOn() throws Exception {
		final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", WorkerClasspath.join(OWN),
				"sauron.cli.SauronCli"));
		command.addAll(training(1, 300)); // left alone, it saves within seconds
		final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		final java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
		for (String line; (line = out.readLine()) != null && !line.startsWith(EngineEvents.PREFIX);) {
			// wait until it trains
		}
		p.getOutputStream().close(); // what the operating system does when the host JVM dies
		assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the engine still runs");
		assertEquals(3, p.exitValue(), () -> "it ended for another reason: " + out.lines().toList());
		assertTrue(!Files.exists(tmp.resolve("model")), "no model, whole or half-written");
	}

	/** A "train ... --events" command line on a tiny 2D image with a disc, saving to tmp/model. */
	private List<String> training(final int epochs, final int steps) throws Exception {
		final Path image = tmp.resolve("image.nii"), labels = tmp.resolve("labels.nii");
		final sauron.data.Volume v = sauron.data.Volume.zeros(new int[] { 16, 16 }, 1, new double[] { 1, 1 });
		final byte[] l = new byte[256];
		for (int i = 0; i < 64; i++) {
			v.data()[i * 3] = 1;
			l[i * 3] = 1;
		}
		sauron.io.NiftiWriter.writeVolume(v, image);
		sauron.io.ImageFiles.writeLabels(new sauron.data.LabelVolume(new int[] { 16, 16 }, l, new double[] { 1, 1 }), labels);
		return List.of("train", "-i", image.toString(), "-l", labels.toString(), "-m", tmp.resolve("model").toString(), "--dims", "2", "--patch", "16x16", "--levels",
				"2", "--base", "2", "--epochs", Integer.toString(epochs), "--steps", Integer.toString(steps), "--batch", "1", "--validation", "0", "--events");
	}

	@Test
	void aGpuBuildThatCannotStartFallsBackToTheCpuAndSaysSo() throws Exception {
		final Recorder r = new Recorder();
		final List<Path> broken = List.of(tmp.resolve("missing.jar"));
		assertEquals(OWN, ENGINE.choose(new WorkerClasspath.Choice(OWN, Optional.of(broken)), r));
		assertEquals(1, r.lines.size());
		assertTrue(r.lines.get(0).startsWith("the GPU build of TensorFlow could not start") && r.lines.get(0).endsWith("runs on the CPU"), r.lines.get(0));
	}

	@Test
	void aGpuBuildWithoutAGpuIsNotUsedEither() throws Exception {
		// This machine's build stands in for a GPU build on a machine without a GPU: it starts and finds none.
		final Recorder r = new Recorder();
		final List<Path> gpuBuild = new ArrayList<>(OWN);
		gpuBuild.add(Path.of("gpu-build-stand-in" + File.separator));
		final List<Path> chosen = ENGINE.choose(new WorkerClasspath.Choice(OWN, Optional.of(gpuBuild)), r);
		if (sauron.net.Devices.gpuAvailable()) assertEquals(gpuBuild, chosen);
		else {
			assertEquals(OWN, chosen);
			assertEquals(List.of("the GPU build of TensorFlow found no usable GPU; Sauron U-Net runs on the CPU"), r.lines);
		}
	}

	@Test
	void noGpuWantedMeansNoProbe() throws Exception {
		final Recorder r = new Recorder();
		assertEquals(OWN, new EngineProcess(EngineSettings.defaults().withGpu(false)).choose(new WorkerClasspath.Choice(OWN, Optional.of(List.of(tmp))), r));
		assertEquals(List.of(), r.lines);
	}

	@Test
	void byDefaultTheEngineRunsOnThisJvmsJavaWithItsDefaultHeap() {
		final EngineSettings d = EngineSettings.defaults();
		assertEquals(Path.of(System.getProperty("java.home"), "bin", "java"), d.java());
		assertEquals(Optional.empty(), d.maxHeap());
		assertTrue(d.useGpu(), "the GPU where usable");
		assertEquals(Optional.empty(), d.classpath(), "the class path found for this installation");
		assertEquals(List.of(d.java().toString(), "-cp", "a.jar", "sauron.cli.SauronCli", "info"),
				new EngineProcess(d).commandLine(List.of(Path.of("a.jar")), List.of("info")));
	}

	@Test
	void theSettingsChooseTheJavaAndTheHeapOfTheEngine() {
		final EngineSettings s = EngineSettings.defaults().withMaxHeap(" 3g ").withGpu(false);
		final Path java = Path.of("/opt/java/bin/java");
		assertEquals(List.of(java.toString(), "-Xmx3g", "-cp", "a.jar", "sauron.cli.SauronCli", "info"),
				new EngineProcess(new EngineSettings(java, s.maxHeap(), false, Optional.empty())).commandLine(List.of(Path.of("a.jar")), List.of("info")));
		assertEquals(Optional.empty(), s.withMaxHeap("").maxHeap(), "blank: the JVM's default again");
	}

	@Test
	void aHeapSizeTheJvmWouldRefuseIsRefusedBeforeAnEngineStarts() {
		final var e = assertThrows(IllegalArgumentException.class, () -> EngineSettings.defaults().withMaxHeap("3 GB"));
		assertTrue(e.getMessage().contains("'3 GB'") && e.getMessage().contains("8g"), e.getMessage());
	}

	@Test
	void tensorFlowsInfoChatterIsNotForTheLog() {
		assertTrue(EngineProcess.isTensorFlowChatter("I0000 00:00:1795943412.225658   26616 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled"));
		assertTrue(!EngineProcess.isTensorFlowChatter("error: no such file"));
	}
}

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

import com.google.gson.JsonObject;

/** The engine as a child JVM: what it says, how it fails, how it is stopped, and which build it gets. */
class EngineProcessTest {

	@TempDir
	Path tmp;

	private static final List<Path> OWN = WorkerClasspath.resolve().cpu();

	/** Collects what the engine says; thread-safe, as the cancel watcher reads it while the engine talks. */
	private static class Recorder implements EngineProcess.Listener {
		final List<String> lines = new CopyOnWriteArrayList<>();
		final List<JsonObject> events = new CopyOnWriteArrayList<>();

		@Override
		public void log(final String line) { lines.add(line); }

		@Override
		public void event(final JsonObject event) { events.add(event); }
	}

	@Test
	void outsideAnApplicationFolderTheEngineRunsOnThisJvmsClassPath() {
		assertEquals(System.getProperty("java.class.path"), WorkerClasspath.join(OWN));
	}

	@Test
	void plainLinesAreReturnedAndLogged() throws Exception {
		final Recorder r = new Recorder();
		final String out = EngineProcess.run(OWN, List.of("devices"), r, () -> false);
		assertTrue(out.startsWith("TensorFlow "), out);
		assertTrue(r.lines.contains(out.lines().findFirst().orElseThrow()), r.lines.toString());
	}

	@Test
	void theEnginesMessageForBadInputBecomesAnIllegalArgumentException() {
		final var e = assertThrows(IllegalArgumentException.class,
				() -> EngineProcess.run(OWN, List.of("info", "-m", tmp.resolve("none").toString()), new Recorder(), () -> false));
		assertTrue(e.getMessage().contains("none") && e.getMessage().contains("not found"), e.getMessage());
	}

	@Test
	void aCrashOrUsageErrorIsAnIllegalStateExceptionWithTheEnginesLastLines() {
		final var e = assertThrows(IllegalStateException.class, () -> EngineProcess.run(OWN, List.of("segment", "-m", "x", "--no-such-option"), new Recorder(), () -> false));
		assertTrue(e.getMessage().contains("exit code 2") && e.getMessage().contains("--no-such-option"), e.getMessage());
	}

	@Test
	void cancellingEndsTheProcessBeforeItSaves() throws Exception {
		// One epoch of 300 steps: left alone, this training saves its model within seconds (37 on a 2-core
		// machine running other tests). Cancelled at its first step, it must end without one.
		final List<String> oneEpoch = training(1, 300);
		final Recorder r = new Recorder();
		assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> assertThrows(CancellationException.class, () -> EngineProcess.run(OWN, oneEpoch, r, () -> !r.events.isEmpty())));
		assertTrue(!Files.exists(tmp.resolve("model")), "no model, whole or half-written");
		assertEquals("step", r.events.get(r.events.size() - 1).get("type").getAsString(), "it was still training");
	}

	@Test
	void cancellingWhileTheEngineTalksIsACancellationNotAnIoError() throws Exception {
		// The cancel ends the engine and closes its output, which the host may be about to read: here the host
		// waits in its listener until that has happened, as a loaded machine sometimes does by itself.
		final Recorder r = new Recorder() {
			@Override
			public void event(final JsonObject event) {
				super.event(event);
				if (events.size() == 1) sleepAWhile();
			}
		};
		assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> assertThrows(CancellationException.class, () -> EngineProcess.run(OWN, training(1, 300), r, () -> !r.events.isEmpty())));
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
		EngineProcess.run(OWN, args, r, () -> false);
		assertEquals(List.of("step", "step", "epoch"), r.events.stream().map(e -> e.get("type").getAsString()).toList());
		assertEquals(1, EngineEvents.toEpochRecord(r.events.get(2)).epoch());
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
		assertEquals(OWN, EngineProcess.choose(new WorkerClasspath.Choice(OWN, Optional.of(broken)), true, r));
		assertEquals(1, r.lines.size());
		assertTrue(r.lines.get(0).startsWith("the GPU build of TensorFlow could not start") && r.lines.get(0).endsWith("runs on the CPU"), r.lines.get(0));
	}

	@Test
	void aGpuBuildWithoutAGpuIsNotUsedEither() throws Exception {
		// This machine's build stands in for a GPU build on a machine without a GPU: it starts and finds none.
		final Recorder r = new Recorder();
		final List<Path> gpuBuild = new ArrayList<>(OWN);
		gpuBuild.add(Path.of("gpu-build-stand-in" + File.separator));
		final List<Path> chosen = EngineProcess.choose(new WorkerClasspath.Choice(OWN, Optional.of(gpuBuild)), true, r);
		if (sauron.net.Devices.gpuAvailable()) assertEquals(gpuBuild, chosen);
		else {
			assertEquals(OWN, chosen);
			assertEquals(List.of("the GPU build of TensorFlow found no usable GPU; Sauron U-Net runs on the CPU"), r.lines);
		}
	}

	@Test
	void noGpuWantedMeansNoProbe() throws Exception {
		final Recorder r = new Recorder();
		assertEquals(OWN, EngineProcess.choose(new WorkerClasspath.Choice(OWN, Optional.of(List.of(tmp))), false, r));
		assertEquals(List.of(), r.lines);
	}

	@Test
	void eventLinesRoundTripAndPlainLinesAreNotEvents() {
		assertEquals(Optional.empty(), EngineEvents.parse("epoch 1/2 loss 0.3"));
		assertEquals(Optional.empty(), EngineEvents.parse(EngineEvents.PREFIX + "{not json"));
		final JsonObject p = EngineEvents.parse(EngineEvents.progress(3, 7)).orElseThrow();
		assertEquals(3, p.get("done").getAsInt());
		assertEquals(7, p.get("total").getAsInt());
	}

	@Test
	void tensorFlowsInfoChatterIsNotForTheLog() {
		assertTrue(EngineProcess.isTensorFlowChatter("I0000 00:00:1795943412.225658   26616 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled"));
		assertTrue(!EngineProcess.isTensorFlowChatter("error: no such file"));
	}
}

package sauron.imagej;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import sauron.data.FileTrees;
import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.io.ImageFiles;
import sauron.worker.EngineProcess;

/**
 * One run of the engine process for a command: images go to it and come back as NIfTI files in a private
 * temporary folder, deleted on close; its log lines go to ImageJ's log. Commands never touch TensorFlow
 * classes themselves, so Fiji's class path (CSBDeep's TensorFlow 1.15) cannot break them.
 */
final class EngineCall implements AutoCloseable {

	private final Path dir;
	private final List<String> args = new ArrayList<>();
	/** Temporary file name -> the image title it stands for, so the engine's messages name the user's images. */
	private final Map<String, String> titles = new LinkedHashMap<>();

	EngineCall(final String command) throws IOException {
		dir = Files.createTempDirectory("sauron-");
		args.add(command);
	}

	/** Adds options; null or blank values are left out with their option name. */
	EngineCall with(final String option, final Object value) {
		if (value == null || value.toString().isBlank()) return this;
		args.add(option);
		args.add(value.toString());
		return this;
	}

	EngineCall flag(final String option, final boolean on) {
		if (on) args.add(option);
		return this;
	}

	/** Writes an open image for the engine; returns its file. */
	Path write(final Volume image, final String title) throws IOException {
		final Path file = fileFor(title);
		ImageFiles.writeImage(image, file);
		return file;
	}

	Path write(final LabelVolume labels, final String title) throws IOException {
		final Path file = fileFor(title);
		ImageFiles.writeLabels(labels, file);
		return file;
	}

	private Path fileFor(final String title) {
		final Path file = file(titles.size() + ".nii");
		titles.put(file.toString(), title);
		titles.put(file.getFileName().toString(), title);
		return file;
	}

	/** Before every engine run: the preferences (Edit > Options > Sauron U-Net...) become the engine's settings. */
	static void applyOptions() {
		System.setProperty(EngineProcess.GPU_PROPERTY, Boolean.toString(EngineOptions.useGpu()));
		System.setProperty(EngineProcess.MEMORY_PROPERTY,
				EngineOptions.memoryGb() > 0 ? EngineOptions.memoryGb() + "g" : EngineMemory.xmx(EngineMemory.defaultHeapBytes()));
	}

	/** A file name in the private folder, for outputs the engine writes. */
	Path file(final String name) {
		return dir.resolve(name);
	}

	/** Runs with log lines to ImageJ's log; returns the engine's plain output. */
	String run(final EngineProcess.Listener listener, final BooleanSupplier cancelled) throws IOException, InterruptedException {
		applyOptions();
		try {
			return EngineProcess.run(args, new EngineProcess.Listener() {
				@Override
				public void log(final String line) { listener.log(withTitles(line)); }

				@Override
				public void event(final com.google.gson.JsonObject event) { listener.event(event); }
			}, cancelled);
		} catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(withTitles(e.getMessage()), e);
		}
	}

	private String withTitles(String text) {
		for (final Map.Entry<String, String> t : titles.entrySet()) text = text.replace(t.getKey(), t.getValue());
		return text;
	}

	/** A model folder parameter, checked for presence here so the message names the parameter. */
	static String modelDir(final File modelDir) {
		if (modelDir == null || modelDir.getPath().isBlank()) throw new IllegalArgumentException("no model folder given (model_dir): choose the folder of a model written by Train U-Net");
		return modelDir.getAbsolutePath();
	}

	/** Log lines to ImageJ's log, events ignored. */
	static EngineProcess.Listener logOnly() {
		return new EngineProcess.Listener() {
			@Override
			public void log(final String line) { UserMessages.log(line); }
		};
	}

	@Override
	public void close() throws IOException {
		FileTrees.delete(dir);
	}
}

package sauron.imagej;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import sauron.data.FileTrees;
import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.engine.EngineEvent;
import sauron.engine.EngineRequest;
import sauron.io.ImageFiles;
import sauron.worker.EngineProcess;
import sauron.worker.EngineSettings;

/**
 * One run of the engine process for a command: images go to it and come back as NIfTI files in a private
 * temporary folder, deleted on close, and the command's request runs with the engine settings of the moment.
 * Commands never touch TensorFlow classes themselves, so Fiji's class path (CSBDeep's TensorFlow 1.15) cannot
 * break them.
 */
final class EngineCall implements AutoCloseable {

	private final Path dir;
	/** Temporary file name -> the image title it stands for, so the engine's messages name the user's images. */
	private final Map<String, String> titles = new LinkedHashMap<>();

	EngineCall() throws IOException {
		dir = Files.createTempDirectory("sauron-");
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

	/** The engine's settings for the next run: the preferences (Edit > Options > Sauron U-Net...), read anew each time. */
	static EngineSettings settings() {
		return EngineSettings.defaults().withGpu(EngineOptions.useGpu())
				.withMaxHeap(EngineOptions.memoryGb() > 0 ? EngineOptions.memoryGb() + "g" : EngineMemory.xmx(EngineMemory.defaultHeapBytes()));
	}

	/** A file name in the private folder, for outputs the engine writes. */
	Path file(final String name) {
		return dir.resolve(name);
	}

	/** Runs the request, its log lines with the user's image titles for the temporary files; returns the engine's plain output. */
	String run(final EngineRequest request, final EngineProcess.Listener listener, final BooleanSupplier cancelled) throws IOException, InterruptedException {
		try {
			return new EngineProcess(settings()).run(request, new EngineProcess.Listener() {
				@Override
				public void log(final String line) { listener.log(withTitles(line)); }

				@Override
				public void event(final EngineEvent event) { listener.event(event); }
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

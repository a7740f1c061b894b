package sauron.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sauron.data.Volume;
import sauron.io.ImageFiles;
import sauron.io.OutputPaths;
import sauron.io.TrainingFiles;
import sauron.model.ModelStore;
import sauron.net.Devices;
import sauron.segment.ModelSegmenter;
import sauron.segment.Segmentation;
import sauron.segment.TileProgress;

@Command(name = "segment", mixinStandardHelpOptions = true, description = "Segment images with a trained model (sliding window, any image size).")
final class SegmentCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-m", "--model" }, required = true, description = "model directory", paramLabel = "DIR")
	Path model;

	@Option(names = { "-i", "--image" }, description = "image to segment; repeat for several (or use --input-dir)", paramLabel = "FILE")
	List<Path> images = new ArrayList<>();

	@Option(names = { "-o", "--output" }, description = "label image to write, one per --image", paramLabel = "FILE")
	List<Path> outputs = new ArrayList<>();

	@Option(names = "--input-dir", description = "segment every image in this folder", paramLabel = "DIR")
	Path inputDir;

	@Option(names = "--output-dir", description = "folder for the label images of --input-dir (same file names)", paramLabel = "DIR")
	Path outputDir;

	@Option(names = "--probabilities", description = "also write class probabilities next to each label image (<name>-probabilities.<ext>)")
	boolean probabilities;

	@Option(names = "--tile", converter = Sizes.class, description = "tile size, x first; default: the model's training patch")
	Sizes.Size tile;

	@Option(names = "--overlap", description = "tile overlap in [0, 0.9]; default: ${DEFAULT-VALUE}", defaultValue = "0.5")
	double overlap;

	@Option(names = "--batch", description = "tiles per network call; default 0: as many tiles as one training step's patches"
			+ " held (the model's batch size at its patch size)", defaultValue = "0")
	int batch;

	@Mixin
	EventOptions events;

	@Override
	public Integer call() throws Exception {
		final List<Path> in = new ArrayList<>(images), out = new ArrayList<>(outputs);
		if (inputDir != null) {
			if (outputDir == null) throw new IllegalArgumentException("--input-dir needs --output-dir");
			for (final Path p : TrainingFiles.imageFiles(inputDir)) {
				in.add(p);
				out.add(outputDir.resolve(p.getFileName()));
			}
		}
		if (in.isEmpty()) throw new IllegalArgumentException("nothing to segment: give --image FILE --output FILE, or --input-dir and --output-dir");
		if (in.size() != out.size()) throw new IllegalArgumentException(in.size() + " images but " + out.size() + " outputs; give one --output per --image");
		// A missing input or an output we cannot write should stop the run before any image is segmented.
		for (final Path p : in) {
			requireSupported(p, "image");
			if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString(), null, "no such file, expected an image to segment");
		}
		for (final Path p : out) requireSupported(p, "output");
		OutputPaths.requireApart(writes(in, out), reads(in));
		if (outputDir != null) Files.createDirectories(outputDir);
		final var log = spec.commandLine().getOut();
		// One image is read before TensorFlow starts: a bad file's error is then the first line, not TensorFlow's start-up log.
		final long start = System.nanoTime();
		final Volume single = in.size() == 1 ? ImageFiles.readImage(in.get(0)) : null;
		log.println(Devices.describe());
		// One image: progress over its tiles; several: over the images.
		final var tiles = in.size() == 1 ? events.tileProgress(log) : TileProgress.NONE;
		final var images = in.size() == 1 ? TileProgress.NONE : events.tileProgress(log);
		final List<Path> failed = new ArrayList<>();
		try (ModelSegmenter segmenter = new ModelSegmenter(ModelStore.load(model), tile == null ? null : tile.sides(), overlap, batch, w -> log.println("warning: " + w))) {
			for (int i = 0; i < in.size(); i++) {
				images.tilesDone(i, in.size());
				if (single != null) segmentOne(segmenter, in.get(i), single, start, out.get(i), tiles, log);
				else try {
					final long t = System.nanoTime();
					segmentOne(segmenter, in.get(i), ImageFiles.readImage(in.get(i)), t, out.get(i), tiles, log);
				} catch (final Exception | OutOfMemoryError e) {
					// One bad file must not cost the batch the images after it: say why in one line and go on.
					spec.commandLine().getErr().println("failed: " + in.get(i) + ": " + SauronCli.message(e));
					failed.add(in.get(i));
				}
			}
		}
		final int written = in.size() - failed.size();
		if (!failed.isEmpty())
			throw new IllegalArgumentException(failed.size() + " of " + in.size() + " images could not be segmented (" + names(failed) + "); " + written
					+ (written == 1 ? " was" : " were") + " written");
		return 0;
	}

	/** @param start when reading the image began: the seconds printed cover reading, segmenting and writing */
	private void segmentOne(final ModelSegmenter segmenter, final Path in, final Volume image, final long start, final Path out, final TileProgress tiles,
			final PrintWriter log) throws IOException {
		final String lost = ImageFiles.geometryNotKept(image.geometry(), out);
		if (lost != null) log.println("warning: " + lost);
		// The labels and probabilities lie on the image's grid: they carry its geometry into their files.
		final Segmentation s = segmenter.segment(image, in.getFileName().toString(), tiles, () -> false);
		ImageFiles.writeLabels(s.labels(), out);
		if (probabilities) ImageFiles.writeImage(s.probabilities(), ImageFiles.probabilityPath(out));
		log.printf("%s -> %s (%.1f s)%n", in, out, (System.nanoTime() - start) / 1e9);
	}

	/** The first few paths, so the summary stays one line however many failed. */
	private static String names(final List<Path> paths) {
		final StringBuilder b = new StringBuilder();
		for (int i = 0; i < Math.min(5, paths.size()); i++) b.append(i > 0 ? ", " : "").append(paths.get(i));
		return paths.size() > 5 ? b + " and " + (paths.size() - 5) + " more" : b.toString();
	}

	/** The model, the input folder and every image; the first {@code images.size()} of {@code in} were given by --image. */
	private List<OutputPaths.Input> reads(final List<Path> in) {
		final List<OutputPaths.Input> reads = new ArrayList<>(List.of(OutputPaths.Input.sealedFolder("--model", model)));
		if (inputDir != null) reads.add(OutputPaths.Input.of("--input-dir", inputDir));
		for (int i = 0; i < in.size(); i++) reads.add(OutputPaths.Input.of(i < images.size() ? "--image" : "--input-dir", in.get(i)));
		return reads;
	}

	/** The output folder, every label image and, when asked for, its probabilities. */
	private List<OutputPaths.Output> writes(final List<Path> in, final List<Path> out) {
		final List<OutputPaths.Output> writes = new ArrayList<>();
		if (outputDir != null) writes.add(OutputPaths.Output.of("--output-dir", outputDir));
		for (int i = 0; i < out.size(); i++) {
			writes.add(OutputPaths.Output.of(i < images.size() ? "--output" : "--output-dir", out.get(i)));
			if (probabilities) writes.add(OutputPaths.Output.of("--probabilities", ImageFiles.probabilityPath(out.get(i))));
		}
		return writes;
	}

	private static void requireSupported(final Path file, final String what) {
		if (!ImageFiles.isSupported(file))
			throw new IllegalArgumentException(what + " " + file + ": unknown image format, expected a name ending in .nii, .nii.gz, .tif or .tiff");
	}
}

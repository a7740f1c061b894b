package sauron.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sauron.data.Volume;
import sauron.io.ImageFiles;
import sauron.io.OutputPaths;
import sauron.model.ModelStore;
import sauron.segment.FeatureMapTiling;
import sauron.segment.ModelSegmenter;

@Command(name = "features", mixinStandardHelpOptions = true, description = "Write what one layer of a model sees in an image: one channel per remaining filter.")
final class FeaturesCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-m", "--model" }, required = true, description = "model directory", paramLabel = "DIR")
	Path model;

	@Option(names = { "-i", "--image" }, required = true, paramLabel = "FILE")
	Path image;

	@Option(names = "--layer", description = "enc<l>_<0|1>, up<l> or dec<l>_<0|1>; default: ${DEFAULT-VALUE}, the last decoder layer", defaultValue = "dec0_1")
	String layer;

	@Option(names = { "-o", "--output" }, required = true, description = "image to write (.nii, .nii.gz, .tif): channels = filters, on the layer's grid", paramLabel = "FILE")
	Path output;

	@Override
	public Integer call() throws Exception {
		if (!ImageFiles.isSupported(output)) throw new IllegalArgumentException("output " + output + ": unknown image format, expected a name ending in .nii, .nii.gz, .tif or .tiff");
		OutputPaths.requireApart(List.of(OutputPaths.Output.of("--output", output)),
				List.of(OutputPaths.Input.sealedFolder("--model", model), OutputPaths.Input.of("--image", image)));
		final var out = spec.commandLine().getOut();
		// The image before TensorFlow starts: a bad file's error is the first line, not TensorFlow's start-up log.
		final Volume input = ImageFiles.readImage(image);
		try (ModelSegmenter segmenter = new ModelSegmenter(ModelStore.load(model), null, 0.5, 1, w -> out.println("warning: " + w))) {
			final String lost = ImageFiles.geometryNotKept(input.geometry(), output);
			if (lost != null) out.println("warning: " + lost);
			// On the image's grid, or pooled from it for lower levels: the maps carry its geometry into the file.
			final Volume maps = FeatureMapTiling.compute(segmenter, input, image.getFileName().toString(), layer.trim());
			ImageFiles.writeImage(maps, output);
			out.printf("%s: %d feature maps of %s -> %s%n", image, maps.channels(), layer, output);
		}
		return 0;
	}
}

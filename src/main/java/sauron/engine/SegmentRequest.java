package sauron.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code sauron segment}, as Fiji's Segment Image and Segment Folder ask for it: images with one label image to
 * write each, or every image of a folder into another folder. Always with events (progress over tiles or images).
 *
 * @param outputs the label image for the image of the same index
 * @param probabilities also write each image's class probabilities beside its labels
 */
public record SegmentRequest(Path model, List<Path> images, List<Path> outputs, Path inputDir, Path outputDir, boolean probabilities) implements EngineRequest {

	public SegmentRequest {
		images = List.copyOf(images);
		outputs = List.copyOf(outputs);
	}

	/** Every image of a folder, into another folder under the same names. */
	public static SegmentRequest folder(final Path model, final Path inputDir, final Path outputDir, final boolean probabilities) {
		return new SegmentRequest(model, List.of(), List.of(), inputDir, outputDir, probabilities);
	}

	@Override
	public List<String> arguments() {
		final Arguments a = new Arguments("segment").option("-m", model);
		for (int i = 0; i < Math.max(images.size(), outputs.size()); i++)
			a.option("-i", i < images.size() ? images.get(i) : null).option("-o", i < outputs.size() ? outputs.get(i) : null);
		return a.option("--input-dir", inputDir).option("--output-dir", outputDir).flag("--probabilities", probabilities).flag("--events", true).list();
	}
}

package sauron.cli;

import static sauron.cli.TrainedModels.image2d;
import static sauron.cli.TrainedModels.model2d;
import static sauron.cli.Cli.assertFailsClearly;
import static sauron.cli.Cli.run;
import static sauron.cli.Cli.segment;
import static sauron.cli.CliFiles.copyModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.model.ModelStore;

/**
 * Model folders that are missing, not models or damaged, given to segment and info: one "error:" line naming the
 * folder or file (exit 1).
 */
class BadModelCliTest {

	@TempDir
	Path dir;

	@Test
	void segmentWithAMissingModelFolderNamesIt() {
		final Path missing = dir.resolve("no-model");
		assertFailsClearly(segment(missing, image2d(), dir.resolve("out.nii.gz")), missing.toString(), "not found");
		assertFailsClearly(run("info", "-m", missing.toString()), missing.toString(), "not found");
	}

	@Test
	void segmentWithAFolderWithoutSauronJsonSaysItIsNotAModel() throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("holiday-photos"));
		assertFailsClearly(segment(folder, image2d(), dir.resolve("out.nii.gz")), folder.toString(), "not a Sauron model", "sauron.json");
	}

	@Test
	void segmentWithACorruptSauronJsonSaysItIsDamaged() throws IOException {
		final Path model = copyModel(model2d(), dir.resolve("model"));
		final Path json = model.resolve(ModelStore.METADATA_FILE);
		Files.writeString(json, Files.readString(json).substring(0, 100));
		assertFailsClearly(segment(model, image2d(), dir.resolve("out.nii.gz")), json.toString(), "damaged");
		Files.writeString(json, "{\"format\": \"something-else/3\"}");
		assertFailsClearly(segment(model, image2d(), dir.resolve("out.nii.gz")), json.toString(), "not a sauron-unet/1 model");
	}

	@Test
	void segmentWithTruncatedWeightsSaysTheModelIsDamaged() throws IOException {
		final Path model = copyModel(model2d(), dir.resolve("model"));
		try (Stream<Path> files = Files.list(model.resolve("variables"))) {
			for (final Path data : files.filter(p -> p.getFileName().toString().startsWith("variables.data")).toList()) {
				final byte[] bytes = Files.readAllBytes(data);
				Files.write(data, Arrays.copyOf(bytes, bytes.length / 2));
			}
		}
		assertFailsClearly(segment(model, image2d(), dir.resolve("out.nii.gz")), model.toString(), "cannot read the weights", "damaged");
	}

	@Test
	void segmentWithMissingWeightsSaysSo() throws IOException {
		final Path model = copyModel(model2d(), dir.resolve("model"));
		Files.delete(model.resolve("variables/variables.index"));
		assertFailsClearly(segment(model, image2d(), dir.resolve("out.nii.gz")), model.toString(), "no SavedModel weights");
	}
}

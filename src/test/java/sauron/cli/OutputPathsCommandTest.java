package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static sauron.cli.Cli.assertFailsClearly;
import static sauron.cli.CliFiles.list;
import static sauron.cli.Cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No command writes over what it reads (issue 13, item 1): an output that is an input, however the path is written
 * (relative, "./", "..", a linked folder), is refused with one line naming both, before any work, and every input
 * stays byte for byte as it was. Each test would lose the input if the check were missing: the command runs on a real
 * (untrained) model and would otherwise succeed.
 */
class OutputPathsCommandTest {

	private static final double[] VOXEL = { 1, 1 };

	@TempDir
	static Path shared;
	/** Untrained: enough to segment, extract features and prune. */
	static Path sharedModel;

	@TempDir
	Path dir;
	Path model, scan, mask;
	Map<Path, byte[]> before;

	@BeforeAll
	static void saveAnUntrainedModel() throws IOException {
		sharedModel = CliFiles.untrainedModel2d(shared.resolve("model"));
	}

	@BeforeEach
	void inputs() throws IOException {
		model = CliFiles.copyModel(sharedModel, dir.resolve("model"));
		scan = CliFiles.writeImage(dir.resolve("scan.nii.gz"), CliFiles.disc(new int[] { 32, 32 }, VOXEL, 1));
		mask = CliFiles.writeLabels(dir.resolve("mask.nii.gz"), CliFiles.discLabels(new int[] { 32, 32 }, VOXEL));
	}

	// ---------------------------------------------------------------- segment

	@Test
	void segmentRefusesALabelImageAtItsInputsPathHoweverItIsWritten() throws IOException {
		final Path alias = Files.createSymbolicLink(dir.resolve("alias"), dir);
		final Path relative = Path.of("").toAbsolutePath().relativize(scan);
		snapshot();
		for (final Path same : List.of(scan, dir.resolve("./scan.nii.gz"), dir.resolve("model/../scan.nii.gz"), alias.resolve("scan.nii.gz"), relative)) {
			final Cli.Result r = run("segment", "-m", model.toString(), "-i", scan.toString(), "-o", same.toString());
			assertFailsClearly(r, "--output " + same + " is the input --image " + scan, "expected another path");
			assertEquals("", r.out(), "refused before any work");
			assertUntouched();
		}
	}

	@Test
	void segmentRefusesProbabilitiesAtAnInputsPath() throws IOException {
		// labels.nii.gz's probabilities go to labels-probabilities.nii.gz, here the image being segmented
		final Path image = Files.move(scan, dir.resolve("labels-probabilities.nii.gz"));
		snapshot();
		final Cli.Result r = run("segment", "-m", model.toString(), "-i", image.toString(), "-o", dir.resolve("labels.nii.gz").toString(), "--probabilities");
		assertFailsClearly(r, "--probabilities " + image + " is the input --image " + image);
		assertUntouched();
	}

	@Test
	void segmentRefusesAnOutputFolderThatIsTheInputFolder() throws IOException {
		final Path in = Files.createDirectories(dir.resolve("in"));
		Files.move(scan, in.resolve("a.nii.gz"));
		Files.copy(in.resolve("a.nii.gz"), in.resolve("b.nii.gz"));
		final Path alias = Files.createSymbolicLink(dir.resolve("alias"), in);
		snapshot();
		for (final Path same : List.of(in, in.resolve("."), alias)) {
			final Cli.Result r = run("segment", "-m", model.toString(), "--input-dir", in.toString(), "--output-dir", same.toString());
			assertFailsClearly(r, "--output-dir " + same + " is the input --input-dir " + in);
			assertUntouched();
		}
		// An output folder inside the input folder is fine: only the files directly in it are segmented.
		run("segment", "-m", model.toString(), "--input-dir", in.toString(), "--output-dir", in.resolve("labels").toString()).assertOk();
		assertEquals(List.of(in.resolve("labels/a.nii.gz"), in.resolve("labels/b.nii.gz")), list(in.resolve("labels")));
		assertKept();
	}

	@Test
	void segmentAndFeaturesWriteNothingIntoTheModelFolder() throws IOException {
		snapshot();
		assertFailsClearly(Cli.segment(model, scan, model.resolve("labels.nii.gz")), "--output " + model.resolve("labels.nii.gz"),
				"is inside the input --model " + model);
		assertFailsClearly(run("segment", "-m", model.toString(), "--input-dir", dir.toString(), "--output-dir", model.resolve("labels").toString()),
				"--output-dir " + model.resolve("labels") + " is inside the input --model " + model);
		assertFailsClearly(run("features", "-m", model.toString(), "-i", scan.toString(), "-o", model.resolve("maps.nii.gz").toString()),
				"is inside the input --model " + model);
		assertUntouched();
	}

	// ---------------------------------------------------------------- features

	@Test
	void featuresRefusesAnOutputAtItsInputsPath() throws IOException {
		snapshot();
		final Path same = dir.resolve("model/../scan.nii.gz");
		assertFailsClearly(run("features", "-m", model.toString(), "-i", scan.toString(), "-o", same.toString()),
				"--output " + same + " is the input --image " + scan);
		assertUntouched();
	}

	// ---------------------------------------------------------------- prune

	@Test
	void pruneRefusesAnOutputAtOrInsideTheModelsItReads() throws IOException {
		final Path alias = Files.createSymbolicLink(dir.resolve("alias"), model);
		snapshot();
		assertFailsClearly(prune(alias), "--output " + alias + " is the input --model " + model, "both " + model.toRealPath());
		assertFailsClearly(prune(model.resolve("pruned")), "--output " + model.resolve("pruned") + " is inside the input --model " + model);
		assertFailsClearly(run("prune", "-m", model.toString(), "-o", scan.toString(), "-i", scan.toString(), "--tau", "0.5"),
				"--output " + scan + " is the input --image " + scan);
		final Path widths = CliFiles.copyModel(model, dir.resolve("widths"));
		snapshot();
		assertFailsClearly(run("prune", "-m", model.toString(), "-o", widths.resolve("l1").toString(), "--l1-widths-from", widths.toString()),
				"is inside the input --l1-widths-from " + widths);
		assertUntouched();
		prune(dir.resolve("pruned")).assertOk(); // the same run into a folder of its own works
	}

	private Cli.Result prune(final Path output) {
		return run("prune", "-m", model.toString(), "-i", scan.toString(), "-o", output.toString(), "--tau", "0.5", "--patches", "2");
	}

	// ---------------------------------------------------------------- train

	@Test
	void trainRefusesAModelFolderThatHoldsItsTrainingImages() throws IOException {
		// The model folder is replaced whole when saved: the images kept in it would go with the old model.
		final Path image = Files.move(scan, model.resolve("scan.nii.gz")), labels = Files.move(mask, model.resolve("mask.nii.gz"));
		snapshot();
		final Cli.Result r = Cli.train(image, labels, model);
		assertFailsClearly(r, "--model " + model + " holds the input --image " + image, "would be replaced whole");
		assertFalse(r.out().contains("epoch"), "refused before training:\n" + r.out());
		assertUntouched();
	}

	@Test
	void trainRefusesAModelAtAnInputsPathOrHoldingTheDataFolder() throws IOException {
		final Path data = Files.createDirectories(dir.resolve("data"));
		Files.createDirectories(data.resolve("images"));
		Files.createDirectories(data.resolve("labels"));
		Files.copy(scan, data.resolve("images/a.nii.gz"));
		Files.copy(mask, data.resolve("labels/a.nii.gz"));
		snapshot();
		assertFailsClearly(Cli.train(scan, mask, dir.resolve("./mask.nii.gz")), "is the input --labels " + mask);
		assertFailsClearly(run("train", "--data", data.toString(), "-m", data.resolve("labels").toString()),
				"--model " + data.resolve("labels") + " holds the input --data " + data.resolve("labels/a.nii.gz"));
		assertFailsClearly(run("train", "--data", data.toString(), "-m", dir.toString()), "--model " + dir + " holds the input --data " + data);
		assertFailsClearly(run("train", "-i", scan.toString(), "-l", mask.toString(), "-m", model.resolve("tuned").toString(), "--init", model.toString()),
				"is inside the input --init " + model);
		assertUntouched();
	}

	// ---------------------------------------------------------------- helpers

	/** Remembers every file under the test folder, byte for byte. */
	private void snapshot() throws IOException {
		before = contents();
	}

	/** Every file remembered is still there, unchanged, and nothing was added. */
	private void assertUntouched() throws IOException {
		assertEquals(before.keySet(), contents().keySet(), "the same files");
		assertKept();
	}

	/** Every file remembered is still there, unchanged. */
	private void assertKept() throws IOException {
		final Map<Path, byte[]> now = contents();
		for (final Path p : before.keySet()) assertArrayEquals(before.get(p), now.get(p), p + " untouched");
	}

	private Map<Path, byte[]> contents() throws IOException {
		final Map<Path, byte[]> files = new LinkedHashMap<>();
		try (Stream<Path> walk = Files.walk(dir)) {
			for (final Path p : walk.sorted().toList())
				if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) files.put(p, Files.readAllBytes(p));
		}
		return files;
	}
}

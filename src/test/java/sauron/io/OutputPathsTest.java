package sauron.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.io.OutputPaths.Input;
import sauron.io.OutputPaths.Output;

/** The rule every writing command applies before any work: an output never is, holds or enters what the command reads. */
class OutputPathsTest {

	@TempDir
	Path dir;
	Path scan, model;

	@BeforeEach
	void files() throws IOException {
		scan = Files.writeString(dir.resolve("scan.nii.gz"), "an input");
		model = Files.createDirectories(dir.resolve("model"));
		Files.writeString(model.resolve("sauron.json"), "{}");
	}

	@Test
	void anOutputAtTheInputsPathIsRefusedHoweverItIsWritten() throws IOException {
		final Path link = Files.createSymbolicLink(dir.resolve("alias"), dir);
		final Path relative = Path.of("").toAbsolutePath().relativize(scan); // against the working directory, through ".."
		for (final Path same : List.of(scan, dir.resolve("./scan.nii.gz"), dir.resolve("model/../scan.nii.gz"), link.resolve("scan.nii.gz"), relative,
				Files.createLink(dir.resolve("hard-link.nii.gz"), scan))) {
			final String message = refused(List.of(Output.of("--output", same)), List.of(Input.of("--image", scan)));
			assertTrue(message.startsWith("--output " + same + " is the input --image " + scan), message);
			assertTrue(message.contains("expected another path"), message);
		}
	}

	@Test
	void aNewOutputThatResolvesToAnInputThroughALinkedFolderIsRefused() throws IOException {
		final Path link = Files.createSymbolicLink(dir.resolve("alias"), model);
		final String message = refused(List.of(Output.of("--output", link.resolve("labels.nii.gz"))), List.of(Input.sealedFolder("--model", model)));
		assertTrue(message.contains("is inside the input --model " + model), message);
	}

	@Test
	void anOutputBesideTheInputsIsAccepted() {
		assertDoesNotThrow(() -> OutputPaths.requireApart(List.of(Output.of("--output", dir.resolve("labels.nii.gz")), Output.of("--output", dir.resolve("new/x.tif"))),
				List.of(Input.of("--image", scan), Input.sealedFolder("--model", model))));
	}

	@Test
	void anOutputFolderMayHoldTheInputFolderButAFolderReplacedWholeMayNot() throws IOException {
		final Path in = Files.createDirectories(dir.resolve("in"));
		final Path image = Files.writeString(in.resolve("a.nii.gz"), "an input");
		assertDoesNotThrow(() -> OutputPaths.requireApart(List.of(Output.of("--output-dir", dir), Output.of("--output-dir", dir.resolve("a.nii.gz"))),
				List.of(Input.of("--input-dir", in), Input.of("--input-dir", image))));
		final String message = refused(List.of(Output.replacedFolder("--model", dir)), List.of(Input.of("--image", image)));
		assertTrue(message.startsWith("--model " + dir + " holds the input --image " + image + " and would be replaced whole"), message);
	}

	@Test
	void nothingIsWrittenInsideASealedFolderButOutputsMayGoInsideAFolderThatIsRead() throws IOException {
		final String message = refused(List.of(Output.replacedFolder("--output", model.resolve("pruned"))), List.of(Input.sealedFolder("--model", model)));
		assertTrue(message.startsWith("--output " + model.resolve("pruned") + " is inside the input --model " + model), message);
		assertTrue(message.contains("expected a path outside it"), message);
		assertDoesNotThrow(() -> OutputPaths.requireApart(List.of(Output.of("--output-dir", dir.resolve("labels"))), List.of(Input.of("--input-dir", dir))));
	}

	@Test
	void twoOutputsAtOnePathAreRefused() {
		final Path labels = dir.resolve("labels.nii.gz");
		final String message = refused(List.of(Output.of("--output", labels), Output.of("--probabilities", dir.resolve("sub/../labels.nii.gz"))), List.of());
		assertTrue(message.startsWith("--probabilities " + dir.resolve("sub/../labels.nii.gz") + " is also --output " + labels), message);
	}

	private static String refused(final List<Output> outputs, final List<Input> inputs) {
		return assertThrows(IllegalArgumentException.class, () -> OutputPaths.requireApart(outputs, inputs)).getMessage();
	}
}

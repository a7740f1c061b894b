package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import sauron.data.ZScoreNormalisation;
import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/** `sauron export`: a bioimage.io zip from a model and an image; bad input is refused in one line before anything is written. */
class ExportCommandTest {

	@TempDir
	static Path shared;
	static Path model, image;

	@BeforeAll
	static void saveAModelAndAnImage() throws IOException {
		final UNetSpec spec = UNetSpec.create(2, 3, 4, 16, 1, 2);
		model = shared.resolve("brain");
		ModelStore.save(new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata(ZScoreNormalisation.NAME, new double[] { 1, 1 }, new int[] { 16, 16 }, new JsonObject(), List.of())), model);
		image = SauronCliTest.writeImage(shared.resolve("disc.nii.gz"), SauronCliTest.disc(new int[] { 32, 32 }, new double[] { 1, 1 }, 1));
	}

	@Test
	void exportWritesTheZipAndSaysWhatIsInIt(@TempDir final Path tmp) throws IOException {
		final Path zip = tmp.resolve("out/brain.zip");
		final SauronCliTest.Result r = SauronCliTest.run("export", "-m", model.toString(), "-i", image.toString(), "-o", zip.toString(), "--authors",
				"Jane Doe; John Roe", "--cite", "Our paper|10.1234/abcd.5678", "--license", "MIT").assertOk();
		assertTrue(r.out().contains("bioimage.io model 'Sauron U-Net 2D brain'") && r.out().contains("rdf.yaml") && r.out().contains("test input: 16x16 patch of disc.nii.gz at 8x8"),
				r.out());
		assertFalse(r.out().contains("note: fill in"), r.out());
		try (ZipFile z = new ZipFile(zip.toFile())) {
			final String rdf = new String(z.getInputStream(z.getEntry("rdf.yaml")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			assertTrue(rdf.contains("  - name: Jane Doe\n  - name: John Roe\n"), rdf);
			assertTrue(rdf.contains("doi: \"10.1234/abcd.5678\"") && rdf.contains("license: MIT"), rdf);
		}
		final SauronCliTest.Result anonymous = SauronCliTest.run("export", "-m", model.toString(), "-i", image.toString(), "-o", zip.toString()).assertOk();
		assertTrue(anonymous.out().contains("note: fill in authors in rdf.yaml"), anonymous.out());
	}

	@Test
	void helpListsExportAndItsOptions() {
		assertTrue(SauronCliTest.run("--help").assertOk().out().contains("export"));
		final String help = SauronCliTest.run("export", "--help").assertOk().out();
		for (final String option : new String[] { "--model", "--image", "--output", "--name", "--authors", "--cite", "--license", "bioimage.io" })
			assertTrue(help.contains(option), option + " in " + help);
		assertFalse(help.contains("--image-name"), "Fiji's option stays hidden");
	}

	@Test
	void badInputIsRefusedInOneLineNamingItAndNothingIsWritten(@TempDir final Path tmp) throws IOException {
		final String m = model.toString(), i = image.toString(), zip = tmp.resolve("m.zip").toString();
		SauronCliTest.assertFailsClearly(SauronCliTest.run("export", "-m", m, "-i", i, "-o", tmp.toString()), "--output " + tmp, "is a folder", ".zip file");
		SauronCliTest.assertFailsClearly(SauronCliTest.run("export", "-m", m, "-i", i, "-o", m), "--output " + m, "is a folder");
		SauronCliTest.assertFailsClearly(SauronCliTest.run("export", "-m", m, "-i", i, "-o", model.resolve("m.zip").toString()), "is inside the input --model");
		SauronCliTest.assertFailsClearly(SauronCliTest.run("export", "-m", m, "-i", i, "-o", tmp.resolve("m.tar").toString()), "m.tar", "ending in .zip");
		SauronCliTest.assertFailsClearly(SauronCliTest.run("export", "-m", m, "-i", i, "-o", zip, "--name", "Unet"), "name 'Unet'", "5 to 128");
		SauronCliTest.assertFailsClearly(SauronCliTest.run("export", "-m", m, "-i", i, "-o", zip, "--cite", "A paper"), "--cite 'A paper'", "TEXT|DOI");
		SauronCliTest.assertFailsClearly(SauronCliTest.run("export", "-m", m, "-i", i, "-o", zip, "--license", "CC BY"), "license 'CC BY'", "SPDX");
		SauronCliTest.assertFailsClearly(SauronCliTest.run("export", "-m", tmp.resolve("nope").toString(), "-i", i, "-o", zip), "nope");
		final Path thin = SauronCliTest.writeImage(tmp.resolve("thin.nii.gz"), SauronCliTest.disc(new int[] { 3, 32 }, new double[] { 1, 1 }, 1));
		SauronCliTest.assertFailsClearly(SauronCliTest.run("export", "-m", m, "-i", thin.toString(), "-o", zip), "thin.nii.gz is 3 voxels along x", "at least 4");
		try (Stream<Path> left = Files.list(tmp)) {
			assertEquals(List.of(thin), left.toList(), "no zip and no temporary file is left");
		}
	}
}

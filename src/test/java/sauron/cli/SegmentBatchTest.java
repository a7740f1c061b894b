package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sauron.cli.Cli.assertFailsClearly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import sauron.io.ImageFiles;
import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/** Issue 13 item 7: a batch survives a bad file, names each failure in one line, and exits 1 at the end. */
class SegmentBatchTest {

	@TempDir
	static Path shared;
	static Path model;

	@BeforeAll
	static void untrainedModel() throws IOException {
		final UNetSpec spec = UNetSpec.create(2, 2, 4, 8, 1, 2);
		model = shared.resolve("model");
		ModelStore.save(new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, new JsonObject(), List.of())), model);
	}

	@Test
	void aCorruptFileInTheMiddleOfABatchIsReportedAndTheOthersAreSegmented(@TempDir final Path tmp) throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("in")), out = tmp.resolve("out");
		final String[] names = { "a.nii.gz", "b.tif", "c.nii.gz", "d.nii.gz", "e.tif", "f.nii", "g.nii.gz", "h.tif" };
		for (final String name : names) CliFiles.writeImage(in.resolve(name), CliFiles.disc(new int[] { 24, 20 }, new double[] { 1, 1 }, 1));
		Files.write(in.resolve("d.nii.gz"), new byte[] { 31, -117, 8, 0, 1, 2, 3 }); // a gzip header, then nothing
		Files.writeString(in.resolve("e.tif"), "not a TIFF");
		final Cli.Result r = Cli.run("segment", "-m", model.toString(), "--input-dir", in.toString(), "--output-dir", out.toString());
		final List<String> err = r.err().lines().toList();
		assertEquals(3, err.size(), r::toString);
		assertTrue(err.get(0).startsWith("failed: " + in.resolve("d.nii.gz") + ": "), r::toString);
		assertTrue(err.get(1).startsWith("failed: " + in.resolve("e.tif") + ": "), r::toString);
		assertEquals("error: 2 of 8 images could not be segmented (" + in.resolve("d.nii.gz") + ", " + in.resolve("e.tif") + "); 6 were written", err.get(2));
		assertEquals(1, r.exit());
		for (final String name : names)
			if (name.startsWith("d") || name.startsWith("e")) assertFalse(Files.exists(out.resolve(name)), name);
			else assertArrayEquals(new int[] { 24, 20 }, ImageFiles.readLabels(out.resolve(name)).shape(), name);
	}

	@Test
	void aSingleBadImageStillFailsInOneLine(@TempDir final Path tmp) throws IOException {
		final Path bad = Files.writeString(tmp.resolve("bad.tif"), "not a TIFF");
		final Cli.Result r = Cli.run("segment", "-m", model.toString(), "-i", bad.toString(), "-o", tmp.resolve("labels.tif").toString());
		assertFailsClearly(r, bad.toString());
		assertEquals(1, r.err().lines().count(), r::toString);
	}
}

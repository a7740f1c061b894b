package sauron.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import sauron.data.LabelVolume;
import sauron.data.Volume;

/** The committed Colin27 sample (sample-data/README.md) reads with our reader as described there. */
class SampleDataTest {

	private static final Path SAMPLES = Path.of("sample-data");

	@Test
	void fullAndHemisphereSamplesHaveTheDocumentedShapes() throws IOException {
		check("colin27-3mm", new int[] { 59, 72, 60 });
		check("colin27-3mm-left", new int[] { 27, 72, 60 });
		check("colin27-3mm-right", new int[] { 27, 72, 60 });
	}

	private static void check(final String prefix, final int[] shape) throws IOException {
		final Volume image = ImageFiles.readImage(SAMPLES.resolve(prefix + "-image.nii.gz"));
		final LabelVolume mask = ImageFiles.readLabels(SAMPLES.resolve(prefix + "-mask.nii.gz"));
		assertArrayEquals(shape, image.shape(), prefix);
		assertEquals(1, image.channels(), prefix);
		assertArrayEquals(shape, mask.shape(), prefix);
		assertArrayEquals(new double[] { 3, 3, 3 }, image.voxelSize(), 1e-6, prefix);
		assertArrayEquals(new double[] { 3, 3, 3 }, mask.voxelSize(), 1e-6, prefix);
		assertEquals(1, mask.maxLabel(), prefix + ": mask is 0/1");
		long brain = 0;
		for (int i = 0; i < mask.voxels(); i++) brain += mask.get(i);
		final double fraction = brain / (double) mask.voxels();
		assertTrue(fraction > 0.15 && fraction < 0.35, prefix + ": brain fraction " + fraction);
		float max = 0;
		for (final float v : image.data()) max = Math.max(max, v);
		assertTrue(max > 100 && max <= 255, prefix + ": image max " + max);
	}
}

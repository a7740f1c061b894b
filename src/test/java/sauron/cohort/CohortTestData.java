package sauron.cohort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import sauron.data.LabelVolume;
import sauron.data.Volume;
import sauron.io.ImageFiles;
import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/** Small cohorts for the Spark tests: a tiny untrained 2D model (made in a moment) and noisy discs with their masks. */
final class CohortTestData {

	static final int[] SHAPE = { 24, 20 };

	private CohortTestData() {}

	/** An untrained 2D model: 2 levels, 4 filters, 1 channel, 2 classes, 16x16 patch. Its labels are arbitrary but deterministic. */
	static Path tinyModel(final Path dir) throws IOException {
		final UNetSpec spec = UNetSpec.create(2, 2, 4, 16, 1, 2);
		ModelStore.save(new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, new JsonObject(), List.of())), dir);
		return dir;
	}

	/**
	 * Writes each named image into {@code images} and its mask, named alike, into {@code truths}: the k-th (from 0) a disc
	 * moved k voxels along x, with noise of its own, so that no two images and no two truths are alike.
	 */
	static void cohort(final Path images, final Path truths, final String... names) throws IOException {
		for (int k = 0; k < names.length; k++) {
			ImageFiles.writeImage(disc(k), images.resolve(names[k]));
			ImageFiles.writeLabels(discLabels(k), truths.resolve(names[k]));
		}
	}

	/** Replaces a file with a gzip header and nothing after it: what a transfer cut short leaves. */
	static void corrupt(final Path file) throws IOException {
		Files.write(file, new byte[] { 31, -117, 8, 0, 1, 2, 3 });
	}

	static Volume disc(final int k) {
		final Random random = new Random(k + 1);
		final LabelVolume mask = discLabels(k);
		final float[] data = new float[(int) mask.voxels()];
		for (int i = 0; i < data.length; i++) data[i] = 100 + 50 * mask.get(i) + (float) random.nextGaussian() * 5;
		return new Volume(SHAPE, 1, data, new double[] { 1, 1 });
	}

	static LabelVolume discLabels(final int k) {
		final LabelVolume l = LabelVolume.zeros(SHAPE, new double[] { 1, 1 });
		final double r = Math.min(SHAPE[0], SHAPE[1]) / 3.0;
		for (int i = 0; i < l.voxels(); i++) {
			final double x = i % SHAPE[0] - SHAPE[0] / 2.0 - k, y = i / SHAPE[0] - SHAPE[1] / 2.0;
			if (x * x + y * y < r * r) l.set(i, 1);
		}
		return l;
	}


	/** The file names in a folder, sorted, hidden ones included. */
	static List<String> names(final Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}
}

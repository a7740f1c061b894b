package sauron.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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

/** Images, label images and models the command-line tests give the commands, made in code. */
final class CliFiles {

	static final double[] VOXEL_2D = { 0.8, 0.6 };
	static final double[] VOXEL_3D = { 0.8, 0.6, 1.5 };

	private CliFiles() {}

	/** A bright disc on a noisy background: something a tiny net can learn. */
	static Volume disc(final int[] shape, final double[] voxel, final long seed) {
		final Random random = new Random(seed);
		final LabelVolume mask = discLabels(shape, voxel);
		final float[] data = new float[(int) mask.voxels()];
		for (int i = 0; i < data.length; i++) data[i] = 100 + 50 * mask.get(i) + (float) random.nextGaussian() * 5;
		return new Volume(shape, 1, data, voxel);
	}

	/** 1 inside a disc (a cylinder in 3D) around the centre with a third of the smaller side as radius. */
	static LabelVolume discLabels(final int[] shape, final double[] voxel) {
		final LabelVolume l = LabelVolume.zeros(shape, voxel);
		final double r = Math.min(shape[0], shape[1]) / 3.0;
		final int plane = shape[0] * shape[1];
		for (int i = 0; i < l.voxels(); i++) {
			final double x = i % shape[0] - shape[0] / 2.0, y = (i % plane) / shape[0] - shape[1] / 2.0;
			if (x * x + y * y < r * r) l.set(i, 1);
		}
		return l;
	}

	static Path writeImage(final Path file, final Volume v) throws IOException {
		ImageFiles.writeImage(v, file);
		return file;
	}

	static Path writeLabels(final Path file, final LabelVolume l) throws IOException {
		ImageFiles.writeLabels(l, file);
		return file;
	}

	/** An untrained 2D model (2 levels, 4 filters, 1 channel, 2 classes, 16x16 patch), made in a moment without training. */
	static Path untrainedModel2d(final Path dir) throws IOException {
		final UNetSpec spec = UNetSpec.create(2, 2, 4, 16, 1, 2);
		ModelStore.save(new SauronModel(spec, Weights.heNormal(new Topology(spec), 1),
				new ModelMetadata("zscore per image", new double[] { 1, 1 }, new int[] { 16, 16 }, new JsonObject(), List.of())), dir);
		return dir;
	}

	static Path copyModel(final Path from, final Path to) throws IOException {
		try (Stream<Path> walk = Files.walk(from)) {
			for (final Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
				final Path target = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(target);
				else Files.copy(p, target);
			}
		}
		return to;
	}

	/** The entries of a folder, sorted, hidden temporary files included. */
	static List<Path> list(final Path folder) {
		try (Stream<Path> s = Files.list(folder)) {
			return new ArrayList<>(s.sorted().toList());
		} catch (final IOException e) {
			throw new AssertionError(e);
		}
	}
}

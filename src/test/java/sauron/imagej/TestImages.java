package sauron.imagej;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;

import ij.ImagePlus;
import sauron.data.TrainingPair;
import sauron.data.ZScoreNormalisation;
import sauron.model.ModelMetadata;
import sauron.model.ModelStore;
import sauron.model.SauronModel;
import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.train.SyntheticVolumes;

/** Tiny images and untrained models made in code, so command tests need no training and no files. */
final class TestImages {

	private TestImages() {}

	/** Bright discs on a 32x32 background: [image, labels]. */
	static ImagePlus[] discs(final String name) {
		final TrainingPair pair = SyntheticVolumes.balls(name, new int[] { 32, 32 }, 3, 7);
		return new ImagePlus[] { ImagePlusVolumes.toImagePlus(pair.image(), name), ImagePlusVolumes.toImagePlus(pair.labels(), name + "-truth") };
	}

	/** A random-weight 3-level base-4 U-Net with 2 classes, saved to dir: enough to run every command on. */
	static Path untrainedModel(final Path dir, final int dims) throws IOException {
		return untrainedModel(dir, dims, 3);
	}

	static Path untrainedModel(final Path dir, final int dims, final int levels) throws IOException {
		final UNetSpec spec = UNetSpec.create(dims, levels, 4, 16, 1, 2);
		final int[] patch = dims == 2 ? new int[] { 16, 16 } : new int[] { 16, 16, 8 };
		final double[] voxel = dims == 2 ? new double[] { 1, 1 } : new double[] { 1, 1, 1 };
		final SauronModel model = new SauronModel(spec, Weights.heNormal(new Topology(spec), 3),
				new ModelMetadata(ZScoreNormalisation.NAME, voxel, patch, new JsonObject(), List.of()));
		ModelStore.save(model, dir);
		return dir;
	}
}

package sauron.cli;

import static sauron.cli.Cli.TINY_2D;
import static sauron.cli.Cli.TINY_3D;
import static sauron.cli.Cli.concat;
import static sauron.cli.Cli.run;
import static sauron.cli.CliFiles.VOXEL_2D;
import static sauron.cli.CliFiles.VOXEL_3D;
import static sauron.cli.CliFiles.disc;
import static sauron.cli.CliFiles.discLabels;
import static sauron.cli.CliFiles.writeImage;
import static sauron.cli.CliFiles.writeLabels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import sauron.data.FileTrees;

/**
 * Two tiny models trained once per test JVM by the train command, for the command-line tests that only read
 * them (tests copy one before damaging it): a 2D one on a 32x32 disc and a 3D one on a 16x16x8 cylinder, with
 * the images, labels and output of their training. They live in a temporary folder deleted when the JVM ends.
 */
final class TrainedModels {

	/** A trained model, the image and labels it was trained on, and what its training printed. */
	record Trained(Path image, Path labels, Path model, Cli.Result training) {}

	private static Trained twoD, threeD;
	private static Path folder;

	private TrainedModels() {}

	static synchronized Trained twoD() {
		if (twoD == null) twoD = train("head.nii.gz", "head-mask.nii.gz", "model2d", new int[] { 32, 32 }, VOXEL_2D, TINY_2D);
		return twoD;
	}

	static synchronized Trained threeD() {
		if (threeD == null) threeD = train("head3d.nii", "head3d-mask.nii", "model3d", new int[] { 16, 16, 8 }, VOXEL_3D, TINY_3D);
		return threeD;
	}

	// What the command-line tests read, by name; each trains its model on first use only.
	static Path image2d() { return twoD().image(); }
	static Path labels2d() { return twoD().labels(); }
	static Path model2d() { return twoD().model(); }
	static Cli.Result trained2d() { return twoD().training(); }
	static Path image3d() { return threeD().image(); }
	static Path labels3d() { return threeD().labels(); }
	static Path model3d() { return threeD().model(); }
	/** An existing folder without images/ and labels/: the one the models were trained from. */
	static Path shared() { return twoD().image().getParent(); }

	private static Trained train(final String image, final String labels, final String model, final int[] shape, final double[] voxel,
			final String[] settings) {
		try {
			final Path dir = folder();
			final Path i = writeImage(dir.resolve(image), disc(shape, voxel, 1)), l = writeLabels(dir.resolve(labels), discLabels(shape, voxel));
			final Path m = dir.resolve(model);
			final Cli.Result r = run(concat(new String[] { "train", "-i", i.toString(), "-l", l.toString(), "-m", m.toString() }, settings)).assertOk();
			return new Trained(i, l, m, r);
		} catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Path folder() throws IOException {
		if (folder == null) {
			folder = Files.createTempDirectory("sauron-cli-models-");
			Runtime.getRuntime().addShutdownHook(new Thread(TrainedModels::deleteFolder));
		}
		return folder;
	}

	private static void deleteFolder() {
		FileTrees.deleteQuietly(folder); // a temporary folder left behind is the operating system's to clear
	}
}

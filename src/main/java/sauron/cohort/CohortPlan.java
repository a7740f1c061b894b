package sauron.cohort;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The records of a cohort job, planned on the driver before Spark starts, so that bad options fail in one line
 * before any work: outputs are named like their images in the output folder (as `segment --input-dir` does), truths
 * are found by the same name in the truth folder, and no output may replace an input, a truth or the model.
 */
final class CohortPlan {

	private CohortPlan() {}

	static List<CohortImage> segment(final String input, final String output, final String truth, final String model, final Configuration conf)
			throws IOException {
		final List<String> images = CohortInputs.list("--input", input, conf);
		final Path out = qualified(output, conf);
		final Map<String, String> byName = new HashMap<>();
		for (final String image : images) {
			final String name = CohortInputs.name(image);
			final String other = byName.put(name, image);
			if (other != null)
				throw new IllegalArgumentException("--input " + input + " holds two images named " + name + " (" + other + " and " + image
						+ "); expected one image per name, since its labels are named like it in --output " + output);
			if (new Path(image).getParent().equals(out))
				throw new IllegalArgumentException("--output " + output + " is the folder of the input image " + image
						+ "; expected another folder: an output never replaces an input");
		}
		final Path modelFolder = qualified(model, conf);
		if (isWithin(out, modelFolder))
			throw new IllegalArgumentException("--output " + output + " is inside the input --model " + model + "; expected a folder outside it: the model is only read");
		final Map<String, String> truths = truth == null ? Map.of() : truths(truth, images, conf);
		if (truth != null && qualified(truth, conf).equals(out))
			throw new IllegalArgumentException("--output " + output + " is the --truth folder; expected another folder: an output never replaces an input");
		final List<CohortImage> plan = new ArrayList<>();
		for (final String image : images) {
			final String name = CohortInputs.name(image);
			plan.add(new CohortImage(image, new Path(out, name).toString(), truths.get(name)));
		}
		return plan;
	}

	static List<CohortImage> evaluate(final String predictions, final String truth, final Configuration conf) throws IOException {
		final List<String> images = CohortInputs.list("--predictions", predictions, conf);
		final Map<String, String> truths = truths(truth, images, conf);
		final List<CohortImage> plan = new ArrayList<>();
		for (final String image : images) plan.add(new CohortImage(image, null, truths.get(CohortInputs.name(image))));
		return plan;
	}

	/** The truth of every image, by name; one listing of the truth folder, not a request per image (S3). */
	private static Map<String, String> truths(final String truth, final List<String> images, final Configuration conf) throws IOException {
		final Path folder = qualified(truth, conf);
		final FileSystem fs = folder.getFileSystem(conf);
		final Set<String> present = new HashSet<>();
		try {
			for (final FileStatus s : fs.listStatus(folder))
				if (s.isFile()) present.add(s.getPath().getName());
		} catch (final FileNotFoundException e) {
			throw new IllegalArgumentException("--truth " + truth + ": no such folder; expected a folder of truth label images named like the images");
		}
		final Map<String, String> truths = new HashMap<>();
		final List<String> missing = new ArrayList<>();
		for (final String image : images) {
			final String name = CohortInputs.name(image);
			if (present.contains(name)) truths.put(name, new Path(folder, name).toString());
			else missing.add(image);
		}
		if (!missing.isEmpty())
			throw new IllegalArgumentException("--truth " + truth + " has no " + CohortInputs.name(missing.get(0)) + " for " + missing.get(0)
					+ (missing.size() > 1 ? " (" + missing.size() + " images have none)" : "") + "; expected a truth label image of the same name for every image");
		return truths;
	}

	static Path qualified(final String path, final Configuration conf) throws IOException {
		return new Path(HadoopFiles.qualified(new Path(path), conf));
	}

	private static boolean isWithin(final Path path, final Path folder) {
		for (Path p = path; p != null; p = p.getParent())
			if (p.equals(folder)) return true;
		return false;
	}
}

package sauron.cohort;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import sauron.io.ImageFiles;

/**
 * The images a cohort option names, on any Hadoop file system: a folder (its image files, not its subfolders), a
 * glob ({@code data/sub-*}{@code /anat/*.nii.gz}), a single image, or a list file (any other file: one image path
 * per line; blank lines and lines starting with # are skipped; relative paths are relative to the list file's
 * folder, so a list travels with its data). Images are the names {@link ImageFiles#isSupported} accepts. A listed
 * file that does not exist is not checked here: it fails its own record, as a corrupt one does.
 */
public final class CohortInputs {

	private static final Pattern GLOB = Pattern.compile("[*?\\[{]");
	static final String EXPECTED = "expected .nii, .nii.gz, .tif or .tiff files";

	private CohortInputs() {}

	/** @return qualified paths, sorted, each once; never empty */
	static List<String> list(final String option, final String spec, final Configuration conf) throws IOException {
		final Path path = new Path(spec);
		final FileSystem fs = path.getFileSystem(conf);
		final List<Path> images = new ArrayList<>();
		if (GLOB.matcher(spec).find()) {
			final FileStatus[] matches = fs.globStatus(path);
			if (matches != null)
				for (final FileStatus s : matches)
					if (s.isFile() && isImage(s.getPath())) images.add(s.getPath());
			if (images.isEmpty()) throw new IllegalArgumentException(option + " " + spec + " matches no image files; " + EXPECTED);
		} else {
			final FileStatus status;
			try {
				status = fs.getFileStatus(path);
			} catch (final FileNotFoundException e) {
				throw new IllegalArgumentException(option + " " + spec + ": no such file or folder; expected a folder of images, a glob or a list file");
			}
			if (status.isDirectory()) {
				for (final FileStatus s : fs.listStatus(path))
					if (s.isFile() && isImage(s.getPath())) images.add(s.getPath());
				if (images.isEmpty()) throw new IllegalArgumentException(option + " " + spec + " holds no image files; " + EXPECTED);
			} else if (isImage(path)) images.add(path);
			else images.addAll(listed(option, spec, fs, path));
		}
		final TreeSet<String> qualified = new TreeSet<>();
		for (final Path p : images) qualified.add(fs.makeQualified(p).toString());
		return List.copyOf(qualified);
	}

	/** The name that outputs and truths are matched by. */
	static String name(final String qualified) {
		return new Path(qualified).getName();
	}

	static boolean isImage(final Path path) {
		return !path.getName().isEmpty() && ImageFiles.isSupported(java.nio.file.Path.of(path.getName()));
	}

	private static List<Path> listed(final String option, final String spec, final FileSystem fs, final Path list) throws IOException {
		final List<Path> images = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(list), StandardCharsets.UTF_8))) {
			int number = 0;
			for (String line = r.readLine(); line != null; line = r.readLine()) {
				number++;
				final String entry = line.strip();
				if (entry.isEmpty() || entry.startsWith("#")) continue;
				final Path p = new Path(entry);
				if (!isImage(p))
					throw new IllegalArgumentException(option + " " + spec + " line " + number + ": '" + abbreviated(entry) + "' is not an image name; "
							+ "expected a folder of images, a glob, or a list file of image paths (" + EXPECTED + ")");
				images.add(p.isAbsolute() || p.toUri().getScheme() != null ? p : new Path(list.getParent(), p));
			}
		}
		if (images.isEmpty()) throw new IllegalArgumentException(option + " " + spec + " lists no images; expected one image path per line");
		return images;
	}

	private static String abbreviated(final String text) {
		return text.length() <= 80 ? text : text.substring(0, 77) + "...";
	}
}

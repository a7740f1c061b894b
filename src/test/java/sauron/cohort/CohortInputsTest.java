package sauron.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What --input may name: a folder, a glob, a list file or one image; anything else fails in one line naming it. */
class CohortInputsTest {

	@TempDir
	Path tmp;

	private final Configuration conf = new Configuration();

	private static String uri(final Path p) {
		return "file:" + p.toAbsolutePath();
	}

	private List<String> list(final Path spec) throws IOException {
		return CohortInputs.list("--input", spec.toString(), conf);
	}

	@Test
	void aFolderGivesItsImagesSortedAndNothingElse() throws IOException {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		for (final String name : new String[] { "b.tif", "a.nii.gz", "c.nii", "d.tiff", "notes.txt", ".a.nii.gz.123.cohort-tmp" }) Files.writeString(in.resolve(name), "x");
		Files.createDirectories(in.resolve("sub.nii.gz"));
		assertEquals(List.of(uri(in.resolve("a.nii.gz")), uri(in.resolve("b.tif")), uri(in.resolve("c.nii")), uri(in.resolve("d.tiff"))), list(in));
	}

	@Test
	void aGlobGivesTheImagesItMatchesAcrossFolders() throws IOException {
		for (final String s : new String[] { "s1", "s2" }) {
			Files.createDirectories(tmp.resolve(s).resolve("anat"));
			Files.writeString(tmp.resolve(s).resolve("anat").resolve("t1.nii.gz"), "x");
			Files.writeString(tmp.resolve(s).resolve("anat").resolve("t1.json"), "{}");
		}
		assertEquals(List.of(uri(tmp.resolve("s1/anat/t1.nii.gz")), uri(tmp.resolve("s2/anat/t1.nii.gz"))), list(tmp.resolve("s*/anat/*")));
	}

	@Test
	void aListFileGivesItsLinesRelativeToItsOwnFolderSkippingBlanksAndComments() throws IOException {
		final Path data = Files.createDirectories(tmp.resolve("data"));
		final Path list = Files.writeString(data.resolve("cohort.txt"), "# training cohort\nb.nii.gz\n\n  " + tmp.resolve("elsewhere/a.tif") + "  \n");
		assertEquals(List.of(uri(data.resolve("b.nii.gz")), uri(tmp.resolve("elsewhere/a.tif"))).stream().sorted().toList(), list(list));
	}

	@Test
	void oneImageIsACohortOfOne() throws IOException {
		final Path image = Files.writeString(tmp.resolve("a.nii.gz"), "x");
		assertEquals(List.of(uri(image)), list(image));
	}

	@Test
	void whatNamesNoImagesFailsInOneLineNamingIt() throws IOException {
		final Path empty = Files.createDirectories(tmp.resolve("empty"));
		assertFails(empty, "--input " + empty + " holds no image files", ".nii.gz");
		assertFails(tmp.resolve("missing"), "--input " + tmp.resolve("missing") + ": no such file or folder");
		assertFails(tmp.resolve("*.nii.gz"), "--input " + tmp.resolve("*.nii.gz") + " matches no image files");
		final Path list = Files.writeString(tmp.resolve("list.txt"), "a.nii.gz\nreport.pdf\n");
		assertFails(list, "--input " + list + " line 2: 'report.pdf' is not an image name");
		final Path blank = Files.writeString(tmp.resolve("blank.txt"), "# nothing yet\n");
		assertFails(blank, "--input " + blank + " lists no images");
	}

	private void assertFails(final Path spec, final String... fragments) {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> list(spec));
		for (final String f : fragments) assertTrue(e.getMessage().contains(f), () -> "'" + f + "' in " + e.getMessage());
		assertEquals(1, e.getMessage().lines().count(), e.getMessage());
	}
}

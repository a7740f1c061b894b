package sauron.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training reads an image and its labels only when they lie on one grid: the same voxel-to-mm affine and voxel size.
 * Labels stored flipped, permuted, shifted or at another voxel size are refused in one line that names both files and
 * what differs; how the headers state the same affine (codes, qform or sform) does not matter.
 */
class TrainingFilesTest {

	@TempDir
	Path dir;

	/** 4 x 4 x 3 voxels of 3 mm, voxel 0 at (9, -123, -69) mm, stated in the sform (code 4) and the qform (code 4). */
	private static CraftedNifti placed(final boolean labels) {
		final CraftedNifti n = new CraftedNifti().dims(4, 4, 3);
		n.values = new double[48];
		for (int i = 0; i < 48; i++) n.values[i] = labels ? i % 2 : 100 + i;
		n.pixdim = new float[] { 1, 3, 3, 3, 1, 1, 1, 1 };
		n.qformCode = 4;
		n.qoffset = new float[] { 9, -123, -69 };
		n.sformCode = 4;
		n.srow = new float[] { 3, 0, 0, 9, 0, 3, 0, -123, 0, 0, 3, -69 };
		return n;
	}

	private Path write(final String name, final CraftedNifti n) throws IOException {
		return Files.write(dir.resolve(name), n.bytes());
	}

	private String refusal(final Path image, final Path labels) {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingFiles.read(List.of(image), List.of(labels), 0));
		final String m = e.getMessage();
		assertTrue(m.startsWith("image " + image + " and its labels " + labels + " lie on different grids, "), m);
		assertTrue(m.endsWith("; resample the labels onto the image"), m);
		assertFalse(m.contains("\n"), "one line: " + m);
		return m;
	}

	@Test
	void labelsStoredFlippedOrPermutedAreRefusedNamingBothFilesAndTheAffines() throws IOException {
		final Path image = write("head.nii", placed(false));
		final CraftedNifti flipped = placed(true);
		flipped.sformCode = 2;
		flipped.srow = new float[] { -3, 0, 0, 18, 0, 3, 0, -123, 0, 0, 3, -69 }; // x runs right to left
		final String f = refusal(image, write("flipped-mask.nii", flipped));
		assertTrue(f.contains("axes (flipped, permuted or rotated): voxel-to-mm affine [[3, 0, 0, 9], [0, 3, 0, -123], [0, 0, 3, -69]]"
			+ " vs [[-3, 0, 0, 18], [0, 3, 0, -123], [0, 0, 3, -69]]"), f);

		final CraftedNifti permuted = placed(true);
		permuted.srow = new float[] { 0, 3, 0, 9, 3, 0, 0, -123, 0, 0, 3, -69 }; // x and y swapped, same shape
		assertTrue(refusal(image, write("permuted-mask.nii", permuted)).contains("axes"));
	}

	@Test
	void labelsAtAnotherVoxelSizeOrOriginAreRefused() throws IOException {
		final Path image = write("head.nii", placed(false));
		final CraftedNifti fine = placed(true);
		fine.pixdim = new float[] { 1, 1, 1, 1, 1, 1, 1, 1 };
		fine.srow = new float[] { 1, 0, 0, 9, 0, 1, 0, -123, 0, 0, 1, -69 };
		assertTrue(refusal(image, write("1mm-mask.nii", fine)).contains("voxel size [3, 3, 3] mm vs [1, 1, 1] mm"));

		final CraftedNifti moved = placed(true);
		moved.srow = new float[] { 3, 0, 0, -87, 0, 3, 0, -123, 0, 0, 3, -69 }; // the other hemisphere's origin
		assertTrue(refusal(image, write("left-mask.nii", moved)).contains("origin (9, -123, -69) mm vs (-87, -123, -69) mm"));
	}

	@Test
	void labelsWhoseHeadersStateTheSameAffineDifferentlyAreAccepted() throws IOException {
		final Path image = write("head.nii", placed(false));
		final CraftedNifti sformOnly = placed(true);
		sformOnly.qformCode = 0;
		sformOnly.sformCode = 2;
		final CraftedNifti qformOnly = placed(true);
		qformOnly.qformCode = 1;
		qformOnly.sformCode = 0;
		qformOnly.srow = new float[12];
		for (final Path labels : new Path[] { write("sform-mask.nii", sformOnly), write("qform-mask.nii", qformOnly) })
			assertEquals(1, TrainingFiles.read(List.of(image), List.of(labels), 0).size(), labels.toString());
	}

	private CraftedNifti empty() {
		final CraftedNifti n = placed(true);
		n.values = new double[48];
		return n;
	}

	@Test
	void labelsThatAreAllBackgroundAreRefusedNothingToLearn() throws IOException {
		final Path image = write("head.nii", placed(false)), labels = write("empty-mask.nii", empty());
		final String m = assertThrows(IllegalArgumentException.class, () -> TrainingFiles.read(List.of(image), List.of(labels), 0)).getMessage();
		assertTrue(m.startsWith("labels " + labels + " are all 0 (background): nothing to learn"), m);
		assertFalse(m.contains("\n"), m);
		final Path other = write("empty-mask2.nii", empty());
		final String both = assertThrows(IllegalArgumentException.class, () -> TrainingFiles.read(List.of(image, image), List.of(labels, other), 0)).getMessage();
		assertTrue(both.contains(labels.toString()) && both.contains("nothing to learn"), both);
	}

	@Test
	void oneEmptyLabelImageAmongOthersIsAccepted() throws IOException {
		final Path image = write("head.nii", placed(false));
		final Path full = write("mask.nii", placed(true)), labels = write("empty-mask.nii", empty());
		assertEquals(2, TrainingFiles.read(List.of(image, image), List.of(full, labels), 0).size());
		assertEquals(List.of(labels), TrainingFiles.allBackground(List.of(full, labels), TrainingFiles.read(List.of(image, image), List.of(full, labels), 0)));
	}
}

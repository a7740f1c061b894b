package sauron.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The geometry rule: what an output on the input's grid or on a pooled grid carries, and when two grids are one. */
class GeometryTest {

	/** A geometry with a rotated, shifted affine, as a file could state it, kept in this test. */
	private record Stated(double[][] affine, double[] voxelSize) implements Geometry {
		@Override
		public Geometry resampled(final double[] scale, final double[] shift) {
			throw new UnsupportedOperationException();
		}
	}

	@Test
	void aVolumeOnTheImagesGridCarriesTheImagesGeometryItself() {
		final Volume image = TestData.ramp(new int[] { 4, 3, 2 }, 1);
		final Volume normalised = ZScoreNormalisation.normalise(image, "image");
		assertSame(image.geometry(), normalised.geometry(), "the normalised image");
		assertSame(image.geometry(), image.geometry().pooled(new int[] { 1, 1, 1 }), "pooling by 1 is the same grid");
	}

	@Test
	void aPooledVoxelLiesAtTheCentreOfTheVoxelsItCovers() {
		final Geometry g = Geometry.of(new double[] { 0.5, 2, 3 });
		final Geometry pooled = g.pooled(new int[] { 4, 2, 1 });
		assertArrayEquals(new double[] { 2, 4, 3 }, pooled.voxelSize(), 0);
		// pooled voxel 0 covers voxels 0..3 of x (centre 1.5, at 0.75 mm) and 0..1 of y (centre 0.5, at 1 mm)
		final double[][] a = pooled.affine();
		assertArrayEquals(new double[] { 2, 0, 0, 0.75 }, a[0], 1e-12);
		assertArrayEquals(new double[] { 0, 4, 0, 1 }, a[1], 1e-12);
		assertArrayEquals(new double[] { 0, 0, 3, 0 }, a[2], 1e-12);
		final Volume maps = Volume.zeros(new int[] { 3, 5, 7 }, 4, pooled);
		assertArrayEquals(new double[] { 2, 4, 3 }, maps.voxelSize(), 0, "a volume's voxel size is its geometry's");
	}

	@Test
	void gridsDifferInVoxelSizeOriginOrAxesButNotInFloatRounding() {
		final double[][] a = { { 0, 0, -3, 87 }, { 3, 0, 0, -123 }, { 0, 3, 0, -69 } };
		final Geometry g = new Stated(a, new double[] { 3, 3, 3 });
		final double[][] rounded = { { 0, 0, -3.0000001, 87.00001 }, { 3, 1e-7, 0, -123.00001 }, { 0, 3, 0, -69 } };
		assertNull(Geometry.difference(g, new Stated(rounded, new double[] { 3, 3, 3.00001 }), 3), "float32 rounding of a file's header");

		final String size = Geometry.difference(g, new Stated(a, new double[] { 3, 3, 1 }), 3);
		assertEquals("voxel size [3, 3, 3] mm vs [3, 3, 1] mm", size);
		final double[][] shifted = { { 0, 0, -3, 87 }, { 3, 0, 0, -122 }, { 0, 3, 0, -69 } };
		assertEquals("origin (87, -123, -69) mm vs (87, -122, -69) mm", Geometry.difference(g, new Stated(shifted, new double[] { 3, 3, 3 }), 3));
		final double[][] flipped = { { 0, 0, 3, 87 }, { 3, 0, 0, -123 }, { 0, 3, 0, -69 } };
		final String axes = Geometry.difference(g, new Stated(flipped, new double[] { 3, 3, 3 }), 3);
		assertTrue(axes.startsWith("axes (flipped, permuted or rotated): voxel-to-mm affine [[0, 0, -3, 87], "), axes);
		assertTrue(axes.contains(" vs [[0, 0, 3, 87], "), axes);
	}

	@Test
	void a2DGridIgnoresTheThicknessOfItsOneSlice() {
		final Geometry thin = new Stated(new double[][] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 } }, new double[] { 1, 1, 1 });
		final Geometry thick = new Stated(new double[][] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, -5, 0 } }, new double[] { 1, 1, 5 });
		assertTrue(Geometry.difference(thin, thick, 3).startsWith("voxel size"), "in 3D the z step matters");
		assertNull(Geometry.difference(thin, thick, 2), "a 2D image never steps along z");
		final Geometry moved = new Stated(new double[][] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 2 } }, new double[] { 1, 1, 1 });
		assertTrue(Geometry.difference(thin, moved, 2).startsWith("origin"), "but where its slice lies does matter");
	}
}

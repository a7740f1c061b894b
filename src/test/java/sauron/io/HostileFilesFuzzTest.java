package sauron.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sauron.data.LabelVolume;
import sauron.data.Volume;

/**
 * Issue 13: a few hundred seeded mutants each of a small NIfTI (.nii and .nii.gz) and small TIFFs (ImageJ's own
 * and a deflate one) must each end in a clean read or a one-line IOException naming the file: no other exception,
 * no OutOfMemoryError, no hang (a per-mutant time limit) and bounded memory (a read budget, and the bytes each
 * mutant allocates are measured). Prints tried / clear error / crash / hang.
 */
class HostileFilesFuzzTest {

	private static final long SEED = Long.getLong("fuzz.seed", 13);
	private static final int MUTANTS_PER_BASE = Integer.getInteger("fuzz.mutants", 200);
	/** What a read may take; mutants declaring more must be refused, not attempted. */
	private static final long BUDGET = 64L << 20;
	/** Bytes one mutant's read may allocate in all (garbage included): the budget and ImageJ's working space. */
	private static final long MAX_ALLOCATED = 6 * BUDGET;
	private static final long SECONDS_PER_MUTANT = 10;

	@TempDir
	Path dir;

	private record Base(String name, byte[] bytes, int structureEnd, boolean gzipAfterMutation) {}

	private enum Outcome { CLEAN, CLEAR_ERROR, CRASH, HANG }

	@Test
	void everyMutantIsReadOrRefusedInOneLineWithinTimeAndMemory() throws Exception {
		final List<Base> bases = bases();
		final Random random = new Random(SEED);
		final int[] counts = new int[Outcome.values().length];
		final List<String> failures = new ArrayList<>();
		long maxAllocated = 0;
		final long start = System.nanoTime();
		ExecutorService worker = newWorker();
		try {
			for (final Base base : bases)
				for (int i = 0; i < MUTANTS_PER_BASE; i++) {
					final byte[] raw = mutate(base, random);
					final Path file = Files.write(dir.resolve("m" + i + "-" + base.name()), base.gzipAfterMutation() ? CraftedNifti.gzip(raw) : raw);
					final Future<long[]> read = worker.submit(() -> read(file));
					Outcome outcome;
					try {
						final long[] result = read.get(SECONDS_PER_MUTANT, TimeUnit.SECONDS);
						outcome = result[0] == 0 ? Outcome.CLEAN : Outcome.CLEAR_ERROR;
						maxAllocated = Math.max(maxAllocated, result[1]);
						if (result[1] > MAX_ALLOCATED) failures.add(file.getFileName() + ": allocated " + result[1] + " bytes");
					} catch (final TimeoutException e) {
						outcome = Outcome.HANG;
						failures.add(file.getFileName() + ": no result within " + SECONDS_PER_MUTANT + " s, at " + where(worker));
						read.cancel(true);
						worker.shutdownNow();
						worker = newWorker();
						// Kept for a look (the hung read may still hold the original).
						Files.createDirectories(Path.of("target", "fuzz-hangs"));
						Files.copy(file, Path.of("target", "fuzz-hangs", file.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
					} catch (final java.util.concurrent.ExecutionException e) {
						outcome = Outcome.CRASH;
						failures.add(file.getFileName() + ": " + e.getCause());
					}
					counts[outcome.ordinal()]++;
					Files.deleteIfExists(file);
				}
		} finally {
			worker.shutdownNow();
		}
		final int tried = bases.size() * MUTANTS_PER_BASE;
		System.out.printf("fuzz (seed %d): tried %d, clean %d, clear error %d, crash %d, hang %d; at most %.1f MB allocated per read; %.1f s%n", SEED,
				tried, counts[0], counts[1], counts[2], counts[3], maxAllocated / 1e6, (System.nanoTime() - start) / 1e9);
		failures.stream().limit(20).forEach(f -> System.out.println("  " + f));
		assertEquals(List.of(), failures);
		assertTrue(counts[Outcome.CLEAR_ERROR.ordinal()] > tried / 10, "the mutants should mostly be damaged, else the fuzzing is too gentle");
	}

	/**
	 * Reads the file as an image and, when that works, as labels. Returns {0 or 1 (clear error), bytes allocated};
	 * any exception but a one-line IOException naming the file propagates as a crash.
	 */
	private static long[] read(final Path file) throws IOException {
		final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		final long before = threads.getCurrentThreadAllocatedBytes();
		int outcome = 0;
		try {
			final boolean nifti = file.toString().contains(".nii");
			final Volume v = nifti ? NiftiReader.readVolume(file, BUDGET) : TiffReader.readVolume(file, BUDGET);
			if (v.data().length == 0) throw new AssertionError("empty volume");
			final LabelVolume l = nifti ? NiftiReader.readLabels(file, BUDGET) : TiffReader.readLabels(file, BUDGET);
			if (l.shape().length < 2) throw new AssertionError("labels of shape " + Arrays.toString(l.shape()));
		} catch (final IOException e) {
			final String m = e.getMessage();
			if (m == null || !m.contains(file.toString()) || m.contains("\n")) throw new IOException("unclear message: " + m, e);
			if (Boolean.getBoolean("fuzz.verbose")) System.out.println("  " + m);
			outcome = 1;
		}
		return new long[] { outcome, threads.getCurrentThreadAllocatedBytes() - before };
	}

	/** Where the worker's thread is stuck, for the failure message. */
	private static String where(final ExecutorService worker) {
		return Thread.getAllStackTraces().entrySet().stream().filter(e -> e.getKey().getName().equals("fuzz-read") && e.getKey().isAlive())
				.map(e -> Arrays.toString(Arrays.copyOf(e.getValue(), Math.min(8, e.getValue().length)))).findFirst().orElse("?");
	}

	private static ExecutorService newWorker() {
		return Executors.newSingleThreadExecutor(r -> {
			final Thread t = new Thread(r, "fuzz-read");
			t.setDaemon(true); // a hung read must not keep the test JVM alive
			return t;
		});
	}

	/** One to four changes: bit flips, "interesting" bytes or 2-byte values (often in the header), or a cut. */
	private static byte[] mutate(final Base base, final Random random) {
		byte[] b = base.bytes().clone();
		final int changes = 1 + random.nextInt(4);
		for (int c = 0; c < changes; c++) {
			final int at = random.nextBoolean() ? random.nextInt(Math.min(base.structureEnd(), b.length)) : random.nextInt(b.length);
			switch (random.nextInt(5)) {
				case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
				case 1 -> b[at] = (byte) new int[] { 0, 1, 0x7f, 0x80, 0xff }[random.nextInt(5)];
				case 2 -> {
					final int v = new int[] { 0, 0xffff, 0x7fff, 0x8000, 1 }[random.nextInt(5)];
					b[at] = (byte) v;
					if (at + 1 < b.length) b[at + 1] = (byte) (v >> 8);
				}
				case 3 -> b[at] = (byte) random.nextInt(256);
				default -> b = Arrays.copyOf(b, Math.max(1, random.nextInt(b.length)));
			}
		}
		return b;
	}

	/** A NIfTI as .nii, as .nii.gz mutated before and after compression, an ImageJ TIFF stack and a deflate TIFF. */
	private List<Base> bases() throws IOException {
		final Random random = new Random(SEED);
		final CraftedNifti n = new CraftedNifti().dims(8, 8, 4);
		n.values = new double[8 * 8 * 4];
		for (int i = 0; i < n.values.length; i++) n.values[i] = random.nextInt(4);
		n.pixdim = new float[] { 1, 0.5f, 0.5f, 2, 1, 1, 1, 1 };
		n.sformCode = 1;
		n.srow = new float[] { 0.5f, 0, 0, 1, 0, 0.5f, 0, 2, 0, 0, 2, 3 };
		final byte[] nii = n.bytes();
		final Path tiff = dir.resolve("base.tif");
		TiffWriter.writeVolume(NiftiReader.readVolume(Files.write(dir.resolve("base.nii"), nii)), tiff);
		final byte[] plane = new byte[16 * 16];
		for (int i = 0; i < plane.length; i++) plane[i] = (byte) random.nextInt(3);
		final CraftedTiff deflate = new CraftedTiff();
		deflate.width = deflate.height = 16;
		deflate.compression = CraftedTiff.DEFLATE;
		deflate.pixels = CraftedTiff.deflate(plane);
		final byte[] deflated = deflate.bytes();
		return List.of(new Base("raw.nii", nii, NiftiHeader.SIZE, false), new Base("header.nii.gz", nii, NiftiHeader.SIZE, true),
				new Base("stream.nii.gz", CraftedNifti.gzip(nii), 64, false), new Base("imagej.tif", Files.readAllBytes(tiff), 512, false),
				new Base("deflate.tif", deflated, deflated.length, false));
	}
}

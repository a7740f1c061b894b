package sauron.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PatchPrefetcherTest {

	private static final Duration SHORT = Duration.ofSeconds(5);

	private static List<TrainingPair> pairs() {
		final int[] shape = { 12, 10, 6 };
		final LabelVolume labels = TestData.labels(shape);
		for (int i = 0; i < labels.voxels(); i += 17) labels.set(i, 1);
		return List.of(new TrainingPair("p", TestData.ramp(shape, 1), labels, 2));
	}

	@Test
	void yieldsExactlyTheSequenceOfTheSamplerCalledDirectly() {
		final PatchSampler direct = new PatchSampler(pairs(), new int[] { 8, 8, 4 }, 2, 2, 42);
		final Augmentation directAug = new Augmentation(Augmentation.Settings.DEFAULTS, 43);
		assertTimeoutPreemptively(SHORT, () -> {
			try (PatchPrefetcher prefetcher = PatchPrefetcher.start(new PatchSampler(pairs(), new int[] { 8, 8, 4 }, 2, 2, 42),
				new Augmentation(Augmentation.Settings.DEFAULTS, 43), 2)) {
				for (int i = 0; i < 10; i++) assertEquals(directAug.apply(direct.nextBatch()), prefetcher.next(), "batch " + i);
			}
		});
	}

	@Test
	void closeStopsAProducerBlockedOnAFullQueue() throws InterruptedException {
		final AtomicInteger made = new AtomicInteger();
		final PatchBatch batch = PatchBatch.allocate(1, new int[] { 2, 2 }, 1);
		final PatchPrefetcher prefetcher = new PatchPrefetcher(() -> {
			made.incrementAndGet();
			return batch;
		}, 2);
		while (made.get() < 3) Thread.sleep(5); // queue full, producer blocked in put
		assertTimeoutPreemptively(SHORT, prefetcher::close);
		final int after = made.get();
		Thread.sleep(50);
		assertEquals(after, made.get(), "no batch made after close");
		assertThrows(IllegalStateException.class, prefetcher::next);
	}

	@Test
	void closeReleasesAConsumerBlockedInNext() throws InterruptedException {
		final CountDownLatch never = new CountDownLatch(1);
		final PatchPrefetcher prefetcher = new PatchPrefetcher(() -> {
			try {
				never.await(); // a producer that takes forever (until interrupted)
			} catch (final InterruptedException e) {
				throw new IllegalStateException(e);
			}
			return null;
		}, 1);
		final CountDownLatch failed = new CountDownLatch(1);
		final Thread consumer = new Thread(() -> {
			try {
				prefetcher.next();
			} catch (final IllegalStateException e) {
				failed.countDown();
			}
		});
		consumer.start();
		Thread.sleep(50);
		assertTimeoutPreemptively(SHORT, prefetcher::close);
		assertEquals(true, failed.await(5, TimeUnit.SECONDS), "the blocked consumer was released");
	}

	@Test
	void producerFailureIsRethrownAfterTheBatchesMadeBeforeIt() {
		final RuntimeException boom = new RuntimeException("disk gone");
		final AtomicInteger calls = new AtomicInteger();
		final PatchBatch batch = PatchBatch.allocate(1, new int[] { 2, 2 }, 1);
		assertTimeoutPreemptively(SHORT, () -> {
			try (PatchPrefetcher prefetcher = new PatchPrefetcher(() -> {
				if (calls.incrementAndGet() > 2) throw boom;
				return batch;
			}, 4)) {
				assertSame(batch, prefetcher.next());
				assertSame(batch, prefetcher.next());
				final IllegalStateException e = assertThrows(IllegalStateException.class, prefetcher::next);
				assertSame(boom, e.getCause());
				assertSame(boom, assertThrows(IllegalStateException.class, prefetcher::next).getCause(), "and again");
			}
		});
	}
}

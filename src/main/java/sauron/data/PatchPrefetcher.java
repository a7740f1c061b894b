package sauron.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prepares batches on a background daemon thread while the consumer (the TensorFlow training loop)
 * trains on the previous ones, so the accelerator does not wait for patch extraction.
 * <p>
 * One producer thread calls the source in order, so the sequence of batches is exactly the one the
 * source would give when called directly. A failure of the source is rethrown by {@link #next()}
 * (wrapped, with the cause) after the batches made before it. {@link #close()} stops the producer
 * promptly, also when it is blocked on a full queue, and never waits long.
 */
public final class PatchPrefetcher implements AutoCloseable {

	public static final int DEFAULT_CAPACITY = 4;

	/** How long close() waits for the producer to finish the batch it is making. */
	private static final long CLOSE_WAIT_MS = 2000;

	/** Queue marker for "the producer ended": a failure (cause set) or close(). */
	private static final Object END = new Object();

	private final BlockingQueue<Object> queue;
	private final Thread producer;
	private volatile boolean closed;
	private volatile Throwable failure;

	/**
	 * Starts producing at once.
	 *
	 * @param source makes one batch per call; called only from the producer thread
	 * @param capacity batches kept ready (memory: capacity + 2 batches at most)
	 */
	public PatchPrefetcher(final Supplier<PatchBatch> source, final int capacity) {
		if (capacity < 1) throw new IllegalArgumentException("prefetch capacity must be >= 1, got " + capacity);
		queue = new ArrayBlockingQueue<>(capacity);
		producer = new Thread(() -> produce(source), "sauron-patch-prefetcher");
		producer.setDaemon(true); // never keeps Fiji or a CLI process alive
		producer.start();
	}

	/** Sampler batches, each augmented; both are used from the producer thread only from now on. */
	public static PatchPrefetcher start(final PatchSampler sampler, final Augmentation augmentation, final int capacity) {
		return new PatchPrefetcher(() -> augmentation.apply(sampler.nextBatch()), capacity);
	}

	private void produce(final Supplier<PatchBatch> source) {
		try {
			while (!closed) {
				final PatchBatch batch = source.get();
				if (batch == null) throw new NullPointerException("patch source returned null");
				queue.put(batch);
			}
		} catch (final InterruptedException e) {
			// close() interrupts a producer blocked on a full queue: just stop
		} catch (final Throwable t) {
			if (closed) return;
			failure = t;
			try {
				queue.put(END);
			} catch (final InterruptedException e) {
				// closed meanwhile: nobody is waiting for the failure any more
			}
		}
	}

	/**
	 * The next batch, waiting for it if needed.
	 *
	 * @throws IllegalStateException if the producer failed (cause = its exception) or this is closed
	 */
	public PatchBatch next() {
		while (true) {
			if (closed) throw new IllegalStateException("patch prefetcher is closed");
			final Object item;
			try {
				// bounded wait so that a close() from another thread is noticed even without a marker
				item = queue.poll(100, TimeUnit.MILLISECONDS);
			} catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for a training batch", e);
			}
			if (item == END) {
				queue.offer(END); // keep the marker for later calls
				if (failure != null) throw new IllegalStateException("patch producer failed: " + failure, failure);
				throw new IllegalStateException("patch prefetcher is closed");
			}
			if (item != null) return (PatchBatch) item;
		}
	}

	/** Stops the producer; queued batches are dropped. Safe to call more than once, from any thread. */
	@Override
	public void close() {
		closed = true;
		producer.interrupt();
		try {
			producer.join(CLOSE_WAIT_MS);
		} catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		queue.clear();
		queue.offer(END); // wakes a consumer blocked in next()
	}
}

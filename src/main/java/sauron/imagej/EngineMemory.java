package sauron.imagej;

import java.lang.management.ManagementFactory;

/**
 * The engine's default Java heap, chosen so that Fiji, the engine and TensorFlow fit in the RAM together. Fiji's
 * heap may grow to its maximum (by default 75 % of the RAM); TensorFlow's tensors and kernels live outside the
 * engine's heap, in native memory roughly proportional to the network's activations (an estimate, not measured
 * here: {@link #TENSORFLOW_SHARE} of the RAM, at least 1 GiB). The engine's heap gets what is left, at most a
 * quarter of the RAM (the JVM's own default) and at least {@link #FLOOR_BYTES}, which the engine needs to hold a
 * small image and its outputs. Edit > Options > Sauron U-Net... ({@code engine_memory_gb}) overrides it.
 */
final class EngineMemory {

	static final long GIB = 1L << 30;
	static final long FLOOR_BYTES = GIB;
	/** TensorFlow's native memory beside the engine's heap, as a share of the RAM (estimate). */
	static final double TENSORFLOW_SHARE = 0.125;

	private EngineMemory() {}

	/** min(RAM / 4, RAM - Fiji's maximum heap - TensorFlow's share), never below 1 GiB. */
	static long defaultHeapBytes(final long ramBytes, final long fijiMaxHeapBytes) {
		final long tensorFlow = Math.max(GIB, (long) (ramBytes * TENSORFLOW_SHARE));
		final long left = ramBytes - fijiMaxHeapBytes - tensorFlow;
		return Math.max(FLOOR_BYTES, Math.min(ramBytes / 4, left));
	}

	/** The default for this machine and this Fiji: its RAM and the heap this JVM may grow to (-Xmx). */
	static long defaultHeapBytes() {
		final long ram = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
		return defaultHeapBytes(ram, Runtime.getRuntime().maxMemory());
	}

	/** A heap size as -Xmx takes it, in whole MiB. */
	static String xmx(final long bytes) {
		return (bytes >> 20) + "m";
	}
}

package sauron.imagej;

import java.lang.management.ManagementFactory;

/**
 * The engine's default Java heap, chosen so that Fiji, the engine and TensorFlow fit in the RAM together. Fiji's
 * heap may grow to its maximum (by default 75 % of the RAM); TensorFlow's tensors and kernels live outside the
 * engine's heap, in native memory roughly proportional to the network's activations: an eighth of the RAM, at least
 * 3 GiB (one measurement: the default 3D training, 64^3 patches, base 24, 4 levels, on the CPU, peaked at 2.7 GiB
 * resident with under 0.4 GiB of Java heap committed). The engine's heap gets what is left, at most a
 * quarter of the RAM (the JVM's own default) and at least {@link #FLOOR_BYTES}, which the engine needs to hold a
 * small image and its outputs. Edit > Options > Sauron U-Net... ({@code engine_memory_gb}) overrides it.
 */
final class EngineMemory {

	static final long GIB = 1L << 30;
	static final long FLOOR_BYTES = GIB;
	/** TensorFlow's native memory beside the engine's heap: a share of the RAM, with a floor from one measured training. */
	static final double TENSORFLOW_SHARE = 0.125;
	static final long TENSORFLOW_FLOOR_BYTES = 3 * GIB;

	private EngineMemory() {}

	/** min(RAM / 4, RAM - Fiji's maximum heap - TensorFlow's memory), never below 1 GiB. */
	static long defaultHeapBytes(final long ramBytes, final long fijiMaxHeapBytes) {
		final long left = ramBytes - fijiMaxHeapBytes - tensorFlowBytes(ramBytes);
		return Math.max(FLOOR_BYTES, Math.min(ramBytes / 4, left));
	}

	/** What TensorFlow's native memory is assumed to take beside the engine's heap. */
	static long tensorFlowBytes(final long ramBytes) {
		return Math.max(TENSORFLOW_FLOOR_BYTES, (long) (ramBytes * TENSORFLOW_SHARE));
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

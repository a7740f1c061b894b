package sauron.imagej;

import ij.Prefs;

/**
 * The engine process's settings a Fiji user can change (Edit > Options > Sauron U-Net...), kept in ImageJ's
 * preferences so they last across sessions; {@link EngineCall} hands them to the engine before every run. Compiled
 * for Java 8, as the options command's fields start from it (see {@link SauronCommand}).
 */
final class EngineOptions {

	private static final String GPU = "sauron.use_gpu", MEMORY = "sauron.engine_memory_gb";

	private EngineOptions() {}

	static boolean useGpu() {
		return Prefs.get(GPU, true);
	}

	/** Java heap of the engine in GB; 0: automatic (EngineMemory's default, beside Fiji's heap and TensorFlow's memory). */
	static int memoryGb() {
		return (int) Prefs.get(MEMORY, 0);
	}

	static void set(final boolean useGpu, final int memoryGb) {
		if (memoryGb < 0) throw new IllegalArgumentException("engine_memory_gb " + memoryGb + ": expected 0 (automatic) or more");
		Prefs.set(GPU, useGpu);
		Prefs.set(MEMORY, memoryGb);
	}
}

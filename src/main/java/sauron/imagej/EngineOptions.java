package sauron.imagej;

import ij.Prefs;
import sauron.worker.EngineProcess;

/**
 * The engine process's settings a Fiji user can change (Edit > Options > Sauron U-Net...), kept in ImageJ's
 * preferences so they last across sessions, and handed to {@link EngineProcess} as its system properties.
 */
final class EngineOptions {

	private static final String GPU = "sauron.use_gpu", MEMORY = "sauron.engine_memory_gb";

	private EngineOptions() {}

	static boolean useGpu() {
		return Prefs.get(GPU, true);
	}

	/** Java heap of the engine in GB; 0: the JVM's default (a quarter of the memory). */
	static int memoryGb() {
		return (int) Prefs.get(MEMORY, 0);
	}

	static void set(final boolean useGpu, final int memoryGb) {
		if (memoryGb < 0) throw new IllegalArgumentException("engine_memory_gb " + memoryGb + ": expected 0 (automatic) or more");
		Prefs.set(GPU, useGpu);
		Prefs.set(MEMORY, memoryGb);
		apply();
	}

	/** Before every engine run: the preferences become the engine's settings. */
	static void apply() {
		System.setProperty(EngineProcess.GPU_PROPERTY, Boolean.toString(useGpu()));
		if (memoryGb() > 0) System.setProperty(EngineProcess.MEMORY_PROPERTY, memoryGb() + "g");
		else System.clearProperty(EngineProcess.MEMORY_PROPERTY);
	}
}

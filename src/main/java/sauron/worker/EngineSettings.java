package sauron.worker;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How {@link EngineProcess} starts the engine: which Java, with what heap, whether it may use the GPU build, and on
 * which class path. Fiji's commands build it from Edit &gt; Options &gt; Sauron U-Net... before every run.
 *
 * @param java the java executable
 * @param maxHeap the engine's maximum Java heap as -Xmx takes it ("8g", "3072m"); empty: the JVM's default (a quarter of the memory)
 * @param useGpu false keeps the engine on the CPU although the GPU build is installed
 * @param classpath the engine's class path as given; empty: the one installed beside our jar, or this JVM's (see {@link WorkerClasspath}), with the
 *        GPU build only where a probe finds a GPU
 */
public record EngineSettings(Path java, Optional<String> maxHeap, boolean useGpu, Optional<List<Path>> classpath) {

	public EngineSettings {
		if (maxHeap.isPresent() && !maxHeap.get().matches("[0-9]+[kKmMgGtT]?"))
			throw new IllegalArgumentException("engine heap '" + maxHeap.get() + "': expected a size as -Xmx takes it, e.g. 8g or 3072m");
		classpath = classpath.map(List::copyOf);
	}

	/** This JVM's Java, the JVM's default heap, the GPU where usable, the class path found for this installation. */
	public static EngineSettings defaults() {
		return new EngineSettings(Path.of(System.getProperty("java.home"), "bin", "java"), Optional.empty(), true, Optional.empty());
	}

	/** With this maximum heap; null or blank: the JVM's default. */
	public EngineSettings withMaxHeap(final String xmx) {
		return new EngineSettings(java, xmx == null || xmx.isBlank() ? Optional.empty() : Optional.of(xmx.trim()), useGpu, classpath);
	}

	public EngineSettings withGpu(final boolean use) {
		return new EngineSettings(java, maxHeap, use, classpath);
	}

	public EngineSettings withClasspath(final List<Path> entries) {
		return new EngineSettings(java, maxHeap, useGpu, Optional.of(entries));
	}
}

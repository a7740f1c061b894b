package sauron.imagej;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Edit > Options > Sauron U-Net...: whether the engine may use the GPU build, and its Java heap. */
@Plugin(type = Command.class, headless = true, menuPath = "Edit>Options>Sauron U-Net...")
public final class EngineOptionsCommand extends SauronCommand {

	@Parameter(label = "Use the GPU", description = "use the GPU when the Sauron U-Net GPU update site is installed and a GPU is usable (else the CPU)")
	boolean use_gpu = EngineOptions.useGpu();

	@Parameter(label = "Engine memory (GB)", min = "0", description = "Java heap of the engine process in GB; 0: automatic (what Fiji's heap and TensorFlow's own memory leave, see the README)")
	int engine_memory_gb = EngineOptions.memoryGb();
}

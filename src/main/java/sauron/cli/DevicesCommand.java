package sauron.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sauron.net.Devices;

@Command(name = "devices", mixinStandardHelpOptions = true, description = "Say which TensorFlow build runs and on which devices (CPU, GPU).")
final class DevicesCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		final var out = spec.commandLine().getOut();
		final var devices = Devices.list(); // one session for both lines
		out.println(Devices.describe(devices));
		for (final Devices.Device d : devices) out.printf("  %-4s %s%n", d.type(), d.name());
		return 0;
	}
}

package sauron.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DevicesTest {

	@Test
	void aSessionAlwaysHasTheCpu() {
		assertTrue(Devices.list().stream().anyMatch(d -> d.type().equals("CPU")), Devices.list().toString());
	}

	@Test
	void theDescriptionNamesTheVersionAndWhereGraphsRun() {
		final String text = Devices.describe();
		assertTrue(text.matches("TensorFlow \\d+\\.\\d+.* on (the CPU \\(no GPU found\\)|GPU /device:GPU:0.*)"), text);
		assertTrue(text.contains("GPU") == Devices.gpuAvailable() || text.contains("no GPU found"), text);
	}
}

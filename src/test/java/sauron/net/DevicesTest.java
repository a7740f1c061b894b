package sauron.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tensorflow.TensorFlow;

import sauron.net.Devices.Device;

class DevicesTest {

	// What TensorFlow 2.18's session lists on a machine with one GPU (type, name).
	private static final Device CPU = new Device("CPU", "/job:localhost/replica:0/task:0/device:CPU:0");
	private static final Device GPU = new Device("GPU", "/job:localhost/replica:0/task:0/device:GPU:0");

	@Test
	void aSessionAlwaysHasTheCpuNamedAsTensorFlowNamesDevices() {
		final List<Device> devices = Devices.list();
		assertTrue(devices.contains(CPU), devices.toString());
		for (final Device d : devices) assertTrue(d.name().matches("/job:localhost/replica:0/task:0/device:" + d.type() + ":\\d+"), d.toString());
	}

	@Test
	void withAGpuGraphsRunOnItAndTheDescriptionNamesIt() {
		assertTrue(Devices.gpuAvailable(List.of(CPU, GPU)));
		assertEquals("TensorFlow " + TensorFlow.version() + " on GPU /job:localhost/replica:0/task:0/device:GPU:0", Devices.describe(List.of(CPU, GPU)));
	}

	@Test
	void withoutAGpuGraphsRunOnTheCpu() {
		assertFalse(Devices.gpuAvailable(List.of(CPU)));
		assertEquals("TensorFlow " + TensorFlow.version() + " on the CPU (no GPU found)", Devices.describe(List.of(CPU)));
	}

	@Test
	void thisMachinesDescriptionAgreesWithItsDevices() {
		final List<Device> devices = Devices.list();
		assertEquals(Devices.describe(devices), Devices.describe());
		assertEquals(Devices.gpuAvailable(devices), Devices.describe().contains(" on GPU /job:localhost/replica:0/task:0/device:GPU:"));
	}
}

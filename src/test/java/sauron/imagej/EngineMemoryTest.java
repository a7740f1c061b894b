package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The engine's default heap fits beside Fiji's default heap (75 % of the RAM) and TensorFlow's native memory. */
class EngineMemoryTest {

	private static final long GIB = EngineMemory.GIB;

	@Test
	void besideFijisDefaultHeapTheEngineGetsWhatTensorFlowLeavesOfTheLastQuarter() {
		// 16 GiB: Fiji 12, TensorFlow 3 (its floor), the engine the last 1; 64 GiB: Fiji 48, TensorFlow 8 (an eighth), the engine 8.
		assertEquals(GIB, EngineMemory.defaultHeapBytes(16 * GIB, 12 * GIB));
		assertEquals(4 * GIB, EngineMemory.defaultHeapBytes(32 * GIB, 24 * GIB));
		assertEquals(8 * GIB, EngineMemory.defaultHeapBytes(64 * GIB, 48 * GIB));
		for (final long ram : new long[] { 16 * GIB, 32 * GIB, 64 * GIB, 256 * GIB }) {
			final long fiji = ram * 3 / 4, engine = EngineMemory.defaultHeapBytes(ram, fiji);
			assertTrue(fiji + engine + EngineMemory.tensorFlowBytes(ram) <= ram, ram / GIB + " GiB: Fiji, engine and TensorFlow overcommit");
		}
	}

	@Test
	void neverMoreThanAQuarterOfTheRamNorLessThanTheFloor() {
		assertEquals(4 * GIB, EngineMemory.defaultHeapBytes(16 * GIB, 2 * GIB), "a small Fiji heap still leaves the engine only the JVM's default");
		assertEquals(EngineMemory.FLOOR_BYTES, EngineMemory.defaultHeapBytes(8 * GIB, 6 * GIB), "8 GiB leave nothing after Fiji and TensorFlow: the floor");
		assertEquals(EngineMemory.FLOOR_BYTES, EngineMemory.defaultHeapBytes(16 * GIB, 15 * GIB));
		assertEquals(3 * GIB, EngineMemory.tensorFlowBytes(8 * GIB), "TensorFlow's floor: one default 3D training took 2.7 GiB");
	}

	@Test
	void theHeapIsGivenToTheEngineInWholeMebibytes() {
		assertEquals("2048m", EngineMemory.xmx(2 * GIB));
		assertEquals("1536m", EngineMemory.xmx(3 * GIB / 2));
	}
}

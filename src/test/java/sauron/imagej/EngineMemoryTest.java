package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The engine's default heap fits beside Fiji's default heap (75 % of the RAM) and TensorFlow's native memory. */
class EngineMemoryTest {

	private static final long GIB = EngineMemory.GIB;

	@Test
	void besideFijisDefaultHeapTheEngineGetsWhatTensorFlowLeavesOfTheLastQuarter() {
		// 16 GiB: Fiji 12, TensorFlow 2 (an eighth), the engine the other 2.
		assertEquals(2 * GIB, EngineMemory.defaultHeapBytes(16 * GIB, 12 * GIB));
		assertEquals(8 * GIB, EngineMemory.defaultHeapBytes(64 * GIB, 48 * GIB));
		for (final long ram : new long[] { 16 * GIB, 32 * GIB, 64 * GIB, 256 * GIB }) {
			final long fiji = ram * 3 / 4, engine = EngineMemory.defaultHeapBytes(ram, fiji);
			assertTrue(fiji + engine + (long) (ram * EngineMemory.TENSORFLOW_SHARE) <= ram, ram / GIB + " GiB: Fiji, engine and TensorFlow overcommit");
		}
	}

	@Test
	void neverMoreThanAQuarterOfTheRamNorLessThanTheFloor() {
		assertEquals(4 * GIB, EngineMemory.defaultHeapBytes(16 * GIB, 2 * GIB), "a small Fiji heap still leaves the engine only the JVM's default");
		assertEquals(EngineMemory.FLOOR_BYTES, EngineMemory.defaultHeapBytes(8 * GIB, 6 * GIB), "8 GiB leave nothing after Fiji and TensorFlow: the floor");
		assertEquals(EngineMemory.FLOOR_BYTES, EngineMemory.defaultHeapBytes(16 * GIB, 15 * GIB));
	}

	@Test
	void theHeapIsGivenToTheEngineInWholeMebibytes() {
		assertEquals("2048m", EngineMemory.xmx(2 * GIB));
		assertEquals("1536m", EngineMemory.xmx(3 * GIB / 2));
	}
}

package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A yes/no input as a macro line gives it: Fiji's recorded key=true/false and ImageJ 1's bare key. */
class MacroOptionsTest {

	@Test
	void keyEqualsTrueOrFalseAsFijiRecordsThem() {
		assertEquals(Boolean.TRUE, MacroOptions.flag("image=cells probabilities=true ", "probabilities"));
		assertEquals(Boolean.FALSE, MacroOptions.flag("image=cells probabilities=false ", "probabilities"));
		assertEquals(Boolean.FALSE, MacroOptions.flag("sauron=FALSE lambda=0 ", "sauron"));
	}

	@Test
	void aBareKeyAsImageJ1RecordsItIsTrue() {
		assertEquals(Boolean.TRUE, MacroOptions.flag("image=cells model_dir=[/m] probabilities ", "probabilities"));
		assertEquals(Boolean.TRUE, MacroOptions.flag("use_gpu engine_memory_gb=16", "use_gpu"));
	}

	@Test
	void anAbsentKeyKeepsTheDefault() {
		assertNull(MacroOptions.flag("image=cells model_dir=[/m] ", "probabilities"));
		assertNull(MacroOptions.flag(null, "probabilities"));
		// Only whole words count: a longer key, a value or text inside [brackets] is not the flag.
		assertNull(MacroOptions.flag("use_gpu_too image=sauron ", "use_gpu"));
		assertNull(MacroOptions.flag("image=cells model_dir=[/models/a probabilities b] ", "probabilities"));
		assertNull(MacroOptions.flag("image=cells model_dir=[/models/sauron] ", "sauron"));
	}

	@Test
	void anyOtherValueIsAnErrorNamingTheKeyAndWhatWasExpected() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacroOptions.flag("probabilities=yes ", "probabilities"));
		assertEquals("probabilities=yes: expected probabilities=true or probabilities=false", e.getMessage());
	}
}

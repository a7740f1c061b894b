package sauron.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The runner of the nibabel cross-checks: a script that hangs fails its test instead of hanging the build. */
class PythonNibabelTest {

	private static String python() {
		try {
			Assumptions.assumeTrue(PythonNibabel.run("python3", "print(1)").exitCode == 0, "no python3");
		} catch (final IOException e) {
			Assumptions.abort("no python3: " + e.getMessage());
		}
		return "python3";
	}

	@Test
	void aScriptsExitCodeAndOutputComeBack() throws IOException {
		final PythonNibabel.Result r = PythonNibabel.run(python(), "import sys; print('out'); sys.stderr.write('err\\n'); sys.exit(3)");
		assertEquals(3, r.exitCode);
		assertTrue(r.output.contains("out") && r.output.contains("err"), r.output);
	}

	@Test
	void aHungScriptIsEndedAtItsTimeoutWithWhatItPrinted() {
		final String python = python();
		// The script keeps its output open while it hangs: reading it to the end before the clock starts would block.
		final IOException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(IOException.class,
				() -> PythonNibabel.run(python, Duration.ofSeconds(2), "import time; print('started', flush=True); time.sleep(600)")));
		assertTrue(e.getMessage().contains("did not end within 2 s") && e.getMessage().contains("started"), e.getMessage());
	}
}

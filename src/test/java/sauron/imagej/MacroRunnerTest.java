package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner the macro tests start ImageJ with. */
class MacroRunnerTest {

	@Test
	void aHungMacroFailsItsRunAtTheTimeoutInsteadOfHangingTheBuild(@TempDir final Path dir) throws Exception {
		final Path macro = dir.resolve("hang.ijm");
		Files.writeString(macro, "while (true) {}\n"); // ImageJ's JVM stays up and keeps its output open
		final String surefire = System.getProperty("surefire.test.class.path");
		final String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
		final List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-opens=java.base/java.lang=ALL-UNNAMED",
				"-Djava.awt.headless=true", "-cp", classPath, MacroRunner.class.getName(), classPath, macro.toString());
		final AssertionError e = assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> assertThrows(AssertionError.class, () -> MacroRunner.run(command, dir.resolve("hang.log"), Duration.ofSeconds(5))));
		assertTrue(e.getMessage().contains("did not end within 5 s"), e.getMessage());
	}
}

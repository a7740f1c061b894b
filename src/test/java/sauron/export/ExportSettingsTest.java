package sauron.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExportSettingsTest {

	@Test
	void aCitationIsTextAndADoiOrAWebAddress() {
		assertEquals(new ExportSettings.Citation("Isensee F. et al. nnU-Net. Nat Methods 2021", "10.1038/s41592-020-01008-z", null),
				ExportSettings.Citation.parse("Isensee F. et al. nnU-Net. Nat Methods 2021|10.1038/s41592-020-01008-z", "--cite"));
		assertEquals("10.1038/s41592-020-01008-z", ExportSettings.Citation.parse("nnU-Net|https://doi.org/10.1038/s41592-020-01008-z", "--cite").doi());
		assertEquals("https://example.org/paper", ExportSettings.Citation.parse("A | B|https://example.org/paper", "--cite").url());
		for (final String bad : new String[] { "no link", "|10.1038/x", "text|not-a-link", "text|ftp://x" }) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportSettings.Citation.parse(bad, "--cite"));
			assertTrue(e.getMessage().startsWith("--cite '" + bad + "'") && e.getMessage().contains("TEXT|"), e.getMessage());
		}
	}

	@Test
	void defaultsArePlaceholdersForPeopleAndSauronsPaperForTheMethod() {
		final ExportSettings s = ExportSettings.of(null, "brain.v2", 3, List.of(), List.of(), null);
		assertEquals("Sauron U-Net 3D brain v2", s.name(), "'.' is not allowed in bioimage.io names");
		assertEquals(List.of(ExportSettings.PLACEHOLDER_AUTHOR), s.authors());
		assertEquals(List.of(ExportSettings.SAURON), s.cites());
		assertEquals("CC-BY-4.0", s.license());
		assertEquals(List.of("authors"), s.placeholders());
		final ExportSettings given = ExportSettings.of("Brain MRI (T1)", "m", 3, List.of("Jane Doe", "John Roe"),
				List.of(ExportSettings.Citation.parse("Data|https://example.org", "--cite")), "MIT");
		assertEquals(List.of(), given.placeholders());
		assertEquals(2, given.cites().size(), "Sauron's paper and the user's");
	}

	@Test
	void namesAndLicencesBioimageioWouldRefuseAreRefusedHere() {
		for (final String name : new String[] { "Unet", "brain.model", "a/b c", "x".repeat(129) }) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportSettings.of(name, "m", 2, List.of(), List.of(), null));
			assertTrue(e.getMessage().contains("5 to 128 letters, digits, spaces or _ + - ( )"), e.getMessage());
		}
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportSettings.of(null, "m", 2, List.of(), List.of(), "CC BY 4.0"));
		assertTrue(e.getMessage().contains("SPDX"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> ExportSettings.of(null, "m", 2, List.of(" "), List.of(), null));
	}
}

package sauron.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class YamlWriterTest {

	/** Strings that a careless writer turns into numbers, booleans, nulls, dates, comments or broken YAML. */
	private static final List<String> TRICKY = List.of("yes", "No", "y", "n", "on", "OFF", "true", "null", "~", "", " ", "0.5.7", "1.0", "1e-8", "012",
			"2026-12-01T10:00:00Z", "a: b", "#not a comment", "- item", "[list]", "{map}", "quote \" and \\ backslash", "line\nbreak\ttab",
			"Müller, Zoë", "ends with space ", "& anchor", "*alias", "!tag", "%directive", "@at", "`tick`", "'single'", "x", "dec0_1", "CC-BY-4.0", "Jane  Doe", "zscore per image", "yes no", "on",
			"https://arxiv.org/abs/2209.13590", "10.1038/s41592-020-01008-z", "\u0007bell", "\uD83D\uDE00");

	private static Map<String, Object> document() {
		final Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("strings", TRICKY);
		doc.put("numbers", List.of(0, -7, 1234567890123L, 1e-8, 0.1, -2.5, 1e20, 0.0));
		doc.put("flags", List.of(true, false));
		final Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("empty_list", List.of());
		nested.put("empty_map", Map.of());
		nested.put("items", List.of(Map.of("type", "batch"), new LinkedHashMap<>(Map.of("id", "z")), "plain", List.of(1, 2)));
		final Map<String, Object> deep = new LinkedHashMap<>();
		deep.put("a", Map.of("b", List.of(Map.of("c", "d"))));
		nested.put("deep", deep);
		doc.put("nested", nested);
		for (final String s : TRICKY.subList(0, 5)) doc.put("key_" + TRICKY.indexOf(s), s);
		return doc;
	}

	@Test
	void everyValueReadsBackAsItselfInYaml12() {
		final Map<String, Object> doc = document();
		final String yaml = YamlWriter.write(List.of("a comment", ""), doc);
		assertEquals(RdfSchema.tree(doc), RdfSchema.read(yaml), yaml);
	}

	@Test
	void everyValueReadsBackAsItselfInYaml11() {
		final Map<String, Object> doc = document();
		final String yaml = YamlWriter.write(List.of(), doc);
		assertEquals(RdfSchema.tree(doc), RdfSchema.tree(RdfSchema.readAsYaml11(yaml)), yaml);
	}

	@Test
	void itIsBlockStyleAndReadable() {
		final Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("type", "model");
		doc.put("inputs", List.of(new LinkedHashMap<>(Map.of("id", "image")), Map.of("axes", List.of("z", "y", "x"))));
		doc.put("weights", Map.of("eps", 1e-8));
		assertEquals("# bioimage.io\ntype: model\ninputs:\n  - id: image\n  - axes: [z, \"y\", x]\nweights:\n  eps: 0.00000001\n",
				YamlWriter.write(List.of("bioimage.io"), doc));
	}

	@Test
	void valuesYamlCannotHoldAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> YamlWriter.write(List.of(), Map.of("nan", Double.NaN)));
		assertThrows(IllegalArgumentException.class, () -> YamlWriter.write(List.of(), Map.of("bad key", 1)));
		final Map<String, Object> withNull = new LinkedHashMap<>();
		withNull.put("x", null);
		assertThrows(IllegalArgumentException.class, () -> YamlWriter.write(List.of(), withNull));
		assertEquals("100000000000000000000.0", YamlWriter.scalar(1e20));
		assertEquals("0.1", YamlWriter.scalar(0.1f), "a float's own shortest decimal, not its double's");
	}
}

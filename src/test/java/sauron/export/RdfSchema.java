package sauron.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The bioimage.io spec's published JSON schema of model descriptions, format 0.5 (test data in
 * src/test/resources/bioimageio/, with its origin and licence), and the YAML 1.2 reading that turns an rdf.yaml into
 * the JSON it validates. The schema names no dialect; pydantic writes draft 2020-12.
 */
final class RdfSchema {

	static final String RESOURCE = "/bioimageio/bioimageio_schema_model_0.5.json";
	private static final Schema SCHEMA = load();
	private static final YAMLMapper YAML = new YAMLMapper();

	private RdfSchema() {}

	private static Schema load() {
		try (InputStream in = RdfSchema.class.getResourceAsStream(RESOURCE)) {
			if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the test resources");
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
		} catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The schema's complaints about an rdf, one line each; empty when it is valid. */
	static List<String> errors(final JsonNode rdf) {
		return SCHEMA.validate(rdf).stream().map(Object::toString).toList();
	}

	/** An rdf.yaml as YAML 1.2 reads it (the bioimage.io tools read YAML 1.2). */
	static JsonNode read(final String yaml) {
		return YAML.readTree(yaml);
	}

	/** Plain Java maps, lists and values as the JSON tree they make. */
	static JsonNode tree(final Object value) {
		return YAML.valueToTree(value);
	}

	/** The same text as SnakeYAML reads it (YAML 1.1), the reader DeepImageJ uses. */
	static Object readAsYaml11(final String yaml) {
		return new org.yaml.snakeyaml.Yaml().load(yaml);
	}
}

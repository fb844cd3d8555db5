package io.github.dynacrud.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * Checks JSON against a schema of {@link JsonSchemas} with a third-party JSON Schema 2020-12 validator (networknt),
 * formats asserted, with the registered components in the same document so that every {@code $ref} resolves.
 */
final class SchemaValidator {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));

    private final Schema schema;

    private SchemaValidator(Schema schema) {
        this.schema = schema;
    }

    /**
     * Prepares a schema.
     *
     * @param schemas the registry holding the components
     * @param root    the schema to check against, such as a {@code $ref}
     * @return a validator
     */
    static SchemaValidator of(JsonSchemas schemas, JsonNode root) {
        ObjectNode document = JsonNodeFactory.instance.objectNode()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema");
        document.setAll((ObjectNode) root);
        document.putObject("components").set("schemas", schemas.components());
        return new SchemaValidator(REGISTRY.getSchema(document.toString(), InputFormat.JSON));
    }

    /**
     * Validates JSON.
     *
     * @param json the JSON text
     * @return the errors, empty when valid
     */
    List<String> errors(String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}

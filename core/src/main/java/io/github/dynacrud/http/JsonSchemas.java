package io.github.dynacrud.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;

/**
 * JSON Schema 2020-12 of records and the types they hold, collected as named components of one document: each call
 * answers a {@code $ref} and registers the schema (and those of nested records) under
 * {@code #/components/schemas/}.
 */
final class JsonSchemas {
    /** Which body of an entity a schema describes. */
    enum Shape {
        /** What responses carry: hidden and owner attributes absent, read-only ones marked {@code readOnly}. */
        OUTPUT,
        /** A POST body: read-only attributes absent, required ones required. */
        CREATE,
        /** A PUT body: every attribute a client may write. */
        REPLACE,
        /** A JSON merge patch body (RFC 7396): nothing required, {@code null} removes. */
        PATCH
    }

    private final ObjectNode components = JsonNodeFactory.instance.objectNode();

    /**
     * A reference to an entity's schema in one shape, registering it.
     *
     * @param json  the entity's JSON as its resource reads and answers it
     * @param shape which body
     * @return {@code {"$ref": "#/components/schemas/<Name>"}}
     */
    ObjectNode entity(EntityJson<?> json, Shape shape) {
        String name = json.entity().recordType().getSimpleName() + (shape == Shape.OUTPUT ? ""
                : shape.name().charAt(0) + shape.name().substring(1).toLowerCase(java.util.Locale.ROOT));
        components.putObject(name).put("type", "object");
        return JsonNodeFactory.instance.objectNode().put("$ref", "#/components/schemas/" + name);
    }

    /**
     * The schema of any type a custom route declares: a reference for records, inline for scalars and containers.
     *
     * @param type such as {@code Health.class} or a parameterized {@code List<Todo>}
     * @return the schema or a reference to it
     */
    ObjectNode type(Type type) {
        return JsonNodeFactory.instance.objectNode().put("type", "object");
    }

    /** @return every registered schema, by name */
    ObjectNode components() {
        return components;
    }
}

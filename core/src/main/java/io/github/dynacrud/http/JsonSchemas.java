package io.github.dynacrud.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.internal.ValueChecks;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schema 2020-12 of records and the types they hold, collected as named components of one document: each call
 * answers a {@code $ref} and registers the schema (and those of nested records) under
 * {@code #/components/schemas/}. An entity's schemas describe its bodies exactly as its resource writes and reads
 * them; a name two different schemas would share goes to the second one qualified, never overwriting the first.
 */
final class JsonSchemas {
    private static final String REF = "#/components/schemas/";

    /** Which body of an entity a schema describes. */
    enum Shape {
        /** What responses carry: hidden and owner attributes absent, read-only ones marked {@code readOnly}. */
        OUTPUT,
        /** A POST body: read-only attributes accepted and ignored, required ones required. */
        CREATE,
        /** A PUT body: every attribute a client may write. */
        REPLACE,
        /** A JSON merge patch body (RFC 7396): nothing required, {@code null} removes. */
        PATCH
    }

    private final ObjectNode components = JsonNodeFactory.instance.objectNode();
    private final Map<Object, String> names = new HashMap<>();
    private final ObjectMapper mapper = Json.mapper();
    private final TypeSchemas types = new TypeSchemas(mapper, this::record);

    /**
     * A reference to an entity's schema in one shape, registering it.
     *
     * @param json  the entity's JSON as its resource reads and answers it
     * @param shape which body
     * @return {@code {"$ref": "#/components/schemas/<Name>"}}
     * @throws IllegalStateException naming the attribute when one has a type dynacrud cannot describe
     */
    ObjectNode entity(EntityJson<?> json, Shape shape) {
        Entity<?> entity = json.entity();
        Set<String> writable = json.representation().replaceable();
        String suffix = shape == Shape.OUTPUT ? "" : shape.name().charAt(0)
                + shape.name().substring(1).toLowerCase(Locale.ROOT);
        Object key = List.of(entity, shape, writable);
        if (!names.containsKey(key)) {
            components.set(reserve(key, List.of(entity.type() + suffix)),
                    new EntitySchema(types, mapper, entity, writable, shape).schema());
        }
        return ref(names.get(key));
    }

    /**
     * The schema of any type a custom route declares, as the mapper writes and reads it without validation: a
     * reference for records, inline for scalars and containers.
     *
     * @param type such as {@code Health.class} or a parameterized {@code List<Todo>}
     * @return the schema or a reference to it
     * @throws IllegalStateException when dynacrud cannot describe the type
     */
    ObjectNode type(Type type) {
        return types.schema(type, ValueChecks.NONE, false, false, type.getTypeName());
    }

    /** @return every registered schema, by name */
    ObjectNode components() {
        return components;
    }

    private ObjectNode record(Class<?> type, boolean validated) {
        // Unconstrained records look alike validated or not: one schema serves both.
        boolean checked = validated && ValueChecks.constrained(type);
        Object key = List.of(type, checked);
        if (!names.containsKey(key)) {
            String name = reserve(key, candidates(type));
            ObjectNode schema = object();
            ObjectNode properties = schema.putObject("properties");
            ArrayNode required = JsonNodeFactory.instance.arrayNode();
            for (RecordProperties.Property property : RecordProperties.of(mapper, type).written()) {
                ValueChecks checks = ValueChecks.of(type, property.internal());
                ObjectNode value = types.schema(property.type(), checks, checked, true,
                        type.getSimpleName() + "." + property.internal());
                properties.set(property.name(), value);
                if (!property.isComponent()) {
                    value.put("readOnly", true);
                } else if (property.type() instanceof Class<?> raw && raw.isPrimitive()
                        || checked && checks.forbidNull()) {
                    // The mapper refuses a nested record without its primitives; validation refuses nulls.
                    required.add(property.name());
                }
            }
            finish(schema, required);
            components.set(name, schema);
        }
        return ref(names.get(key));
    }

    /** Names a record's schema: its simple name, or a qualified one when another schema has that. */
    private static List<String> candidates(Class<?> type) {
        String binary = type.getName().substring(type.getPackageName().isEmpty() ? 0
                : type.getPackageName().length() + 1).replace('$', '.');
        return List.of(type.getSimpleName(), binary, type.getName().replace('$', '.'));
    }

    /** Names a new schema: the first free candidate, or the last one numbered. */
    private String reserve(Object key, List<String> candidates) {
        String name = candidates.stream().filter(c -> !components.has(c)).findFirst().orElse(null);
        String last = candidates.get(candidates.size() - 1);
        for (int n = 2; name == null; n++) {
            name = components.has(last + n) ? null : last + n;
        }
        names.put(key, name);
        // Reserved before it is built, so a record that holds itself refers to its own name.
        components.putObject(name);
        return name;
    }

    private static ObjectNode ref(String name) {
        return JsonNodeFactory.instance.objectNode().put("$ref", REF + name);
    }

    /** @return a new schema of a JSON object */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode().put("type", "object");
    }

    /** Closes an object's schema: its required properties, if any, and no others than those it lists. */
    static void finish(ObjectNode schema, ArrayNode required) {
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
    }
}

package io.github.dynacrud.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.Index;
import io.github.dynacrud.entity.KeyParts;
import io.github.dynacrud.entity.KeyTemplate;
import io.github.dynacrud.http.JsonSchemas.Shape;
import io.github.dynacrud.internal.RecordModel;
import io.github.dynacrud.internal.SchemaKeywords;
import io.github.dynacrud.internal.Validation;
import io.github.dynacrud.internal.ValueChecks;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The schema of one body of an entity, as its resource writes it ({@link Shape#OUTPUT}) or reads it: hidden
 * attributes absent, read-only ones marked, what validation refuses when missing required, {@code null} allowed where
 * validation takes it, and the rules of key parts on the strings that go into keys.
 */
final class EntitySchema {
    private final TypeSchemas types;
    private final ObjectMapper mapper;
    private final Entity<?> entity;
    private final Set<String> writable;
    private final Shape shape;
    private final Set<String> visible = new LinkedHashSet<>();
    private final Set<String> keyParts = new LinkedHashSet<>();
    /** What every stored item has: its key and what the server fills. */
    private final Set<String> alwaysSet = new LinkedHashSet<>();
    private final Map<String, Type> componentTypes = new HashMap<>();
    private final Map<String, Class<?>> componentRaw = new HashMap<>();

    EntitySchema(TypeSchemas types, ObjectMapper mapper, Entity<?> entity, Set<String> writable, Shape shape) {
        this.types = types;
        this.mapper = mapper;
        this.entity = entity;
        this.writable = writable;
        this.shape = shape;
        for (RecordComponent component : entity.recordType().getRecordComponents()) {
            componentTypes.put(component.getName(), component.getGenericType());
            componentRaw.put(component.getName(), component.getType());
            if (!entity.hiddenAttributes().contains(component.getName())) {
                visible.add(component.getName());
            }
        }
        keyParts.addAll(entity.keyAttributes());
        alwaysSet.addAll(entity.keyAttributes());
        alwaysSet.addAll(entity.managedAttributes());
        keyParts.addAll(entity.uniqueAttributes());
        for (Index index : entity.indexes()) {
            keyParts.addAll(index.partitionKey().attributes());
            keyParts.addAll(index.sortKey().attributes());
        }
    }

    /** @return the body's schema, with the schemas of the records it holds registered through the type schemas */
    ObjectNode schema() {
        Class<?> type = entity.recordType();
        RecordProperties json = RecordProperties.of(mapper, type);
        ObjectNode schema = JsonSchemas.object();
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        if (shape == Shape.OUTPUT) {
            for (RecordProperties.Property property : json.written()) {
                if (property.isComponent() && !visible.contains(property.internal())) {
                    continue;
                }
                ObjectNode value = property.isComponent() ? attribute(type, property.internal(),
                        !alwaysSet.contains(property.internal()))
                        : types.schema(property.type(), ValueChecks.NONE, false, true,
                                type.getSimpleName() + "." + property.internal());
                if (!writable.contains(property.internal())) {
                    value.put("readOnly", true);
                }
                properties.set(property.name(), value);
                if (property.always()) {
                    required.add(property.name());
                }
            }
        } else {
            json.read().forEach((name, component) -> {
                if (visible.contains(component)) {
                    input(type, name, component, properties, required);
                }
            });
        }
        JsonSchemas.finish(schema, required);
        return schema;
    }

    private void input(Class<?> type, String name, String component, ObjectNode properties, ArrayNode required) {
        boolean chosenId = shape == Shape.CREATE && !entity.generatesId()
                && entity.idAttribute().filter(component::equals).isPresent();
        if (!writable.contains(component) && !chosenId) {
            // The server ignores these whatever their value, so a body may carry anything under their names.
            properties.putObject(name).put("readOnly", true)
                    .put("description", "set by the server; ignored in a request body");
            return;
        }
        // What validation sees: on create a missing or null list, set or map is an empty one, a missing primitive
        // is zero on create and replace; on replace and patch a null is a null.
        Class<?> raw = componentRaw.get(component);
        Object absent = shape == Shape.CREATE || raw.isPrimitive() ? RecordModel.emptyValue(raw) : null;
        Object nullValue = shape == Shape.CREATE ? RecordModel.emptyValue(raw) : null;
        boolean nullable = !raw.isPrimitive() && !chosenId && Validation.accepts(type, component, nullValue);
        properties.set(name, attribute(type, component, nullable));
        if (shape != Shape.PATCH && (chosenId || !Validation.accepts(type, component, absent))) {
            required.add(name);
        }
    }

    /** A component's schema, with the rules of key parts on the strings that go into keys. */
    private ObjectNode attribute(Class<?> type, String component, boolean nullable) {
        Type javaType = componentTypes.get(component);
        ObjectNode value = types.schema(javaType, ValueChecks.of(type, component), true, nullable,
                type.getSimpleName() + "." + component);
        if (keyParts.contains(component) && javaType == String.class) {
            SchemaKeywords.atLeast(value, "minLength", BigDecimal.ONE);
            SchemaKeywords.atMost(value, "maxLength", BigDecimal.valueOf(KeyParts.MAX_LENGTH));
            SchemaKeywords.pattern(value, "^[^" + KeyTemplate.SEPARATOR + "]*$");
        }
        return value;
    }
}

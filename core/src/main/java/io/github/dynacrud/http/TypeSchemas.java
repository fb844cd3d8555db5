package io.github.dynacrud.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.BeanSerializer;
import io.github.dynacrud.internal.ConstraintKeywords;
import io.github.dynacrud.internal.ConstraintKeywords.Kind;
import io.github.dynacrud.internal.ValueChecks;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON Schema of a Java value as dynacrud's mapper writes and reads it, with the keywords of its constraints:
 * scalars inline, containers around their elements' schemas, records as references.
 */
final class TypeSchemas {
    /** Answers a reference to a record's schema, registering it. */
    interface Records {
        /**
         * Refers to a record's schema.
         *
         * @param type      the record class
         * @param validated whether validation checks its constraints where it is used
         * @return {@code {"$ref": ...}}
         */
        ObjectNode ref(Class<?> type, boolean validated);
    }

    private static final Map<Class<?>, String> SCALARS = new HashMap<>();

    static {
        scalar("{\"type\":\"string\"}", String.class);
        scalar("{\"type\":\"boolean\"}", boolean.class, Boolean.class);
        scalar("{\"type\":\"integer\",\"format\":\"int32\"}", int.class, Integer.class);
        scalar("{\"type\":\"integer\",\"format\":\"int64\"}", long.class, Long.class);
        scalar("{\"type\":\"integer\",\"format\":\"int16\",\"minimum\":-32768,\"maximum\":32767}", short.class,
                Short.class);
        scalar("{\"type\":\"integer\",\"format\":\"int8\",\"minimum\":-128,\"maximum\":127}", byte.class, Byte.class);
        scalar("{\"type\":\"number\",\"format\":\"float\"}", float.class, Float.class);
        scalar("{\"type\":\"number\",\"format\":\"double\"}", double.class, Double.class);
        scalar("{\"type\":\"number\",\"format\":\"decimal\"}", BigDecimal.class);
        scalar("{\"type\":\"integer\"}", BigInteger.class);
        scalar("{\"type\":\"string\",\"minLength\":1,\"maxLength\":1}", char.class, Character.class);
        scalar("{\"type\":\"string\",\"format\":\"date-time\"}", Instant.class, OffsetDateTime.class);
        scalar("{\"type\":\"string\",\"format\":\"date\"}", LocalDate.class);
        // ISO-8601 local time, as LocalTime writes it: no offset, which RFC 3339's "time" format requires.
        scalar("{\"type\":\"string\",\"pattern\":\"^\\\\d{2}:\\\\d{2}(:\\\\d{2}(\\\\.\\\\d{1,9})?)?$\"}",
                LocalTime.class);
        scalar("{\"type\":\"string\",\"format\":\"uuid\"}", UUID.class);
        // A java.net.URI holds relative references too.
        scalar("{\"type\":\"string\",\"format\":\"uri-reference\"}", URI.class);
        scalar("{\"type\":\"string\",\"contentEncoding\":\"base64\"}", byte[].class);
        scalar("{}", Object.class, JsonNode.class);
    }

    private final ObjectMapper mapper;
    private final Records records;

    TypeSchemas(ObjectMapper mapper, Records records) {
        this.mapper = mapper;
        this.records = records;
    }

    private static void scalar(String schema, Class<?>... types) {
        for (Class<?> type : types) {
            SCALARS.put(type, schema);
        }
    }

    /**
     * Describes a value.
     *
     * @param type      its Java type
     * @param checks    what validation checks on it
     * @param validated whether validation checks this value at all: a record's components are, a record reached
     *                  without {@code @Valid} is not, nor is a custom route's body
     * @param nullable  whether {@code null} is a value of it, unless a constraint forbids it
     * @param where     the value's place, named in failures, such as {@code Todo.title}
     * @return its schema
     * @throws IllegalStateException when dynacrud cannot describe the type
     */
    ObjectNode schema(Type type, ValueChecks checks, boolean validated, boolean nullable, String where) {
        Class<?> raw = raw(type, where);
        ValueChecks own = validated ? checks : ValueChecks.NONE;
        boolean orNull = nullable && !raw.isPrimitive() && !own.forbidNull();
        ObjectNode schema;
        Kind kind;
        if (SCALARS.containsKey(raw) && type instanceof Class) {
            schema = parse(SCALARS.get(raw));
            kind = kind(schema);
        } else if (raw.isEnum()) {
            schema = enumeration(raw);
            kind = kind(schema);
        } else if (raw.isRecord() && type instanceof Class) {
            checkWritable(raw, where);
            schema = records.ref(raw, own.cascaded());
            kind = Kind.OTHER;
        } else if (raw.isArray() || Collection.class.isAssignableFrom(raw) && (raw == java.util.List.class
                || raw == Set.class || raw == Collection.class)) {
            schema = JsonNodeFactory.instance.objectNode().put("type", "array");
            Type element = raw.isArray() ? raw.getComponentType() : argument(type, 0, where);
            // DynamoDB sets hold no null, so an entity refuses a null element in one.
            schema.set("items", schema(element, own.element(0), validated, raw != Set.class, where + "[]"));
            if (raw == Set.class) {
                schema.put("uniqueItems", true);
            }
            kind = Kind.ARRAY;
        } else if (raw == Map.class) {
            schema = map(type, own, validated, where);
            kind = Kind.OBJECT;
        } else {
            throw unsupported(type, where);
        }
        if (orNull) {
            schema = orNull(schema);
        }
        ConstraintKeywords.apply(schema, kind, orNull, own.constraints());
        return schema;
    }

    private ObjectNode map(Type type, ValueChecks checks, boolean validated, String where) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        Class<?> key = raw(argument(type, 0, where), where);
        ObjectNode names;
        if (key == String.class) {
            names = JsonNodeFactory.instance.objectNode();
        } else if (key.isEnum()) {
            names = enumeration(key);
        } else if (key == Integer.class || key == Long.class) {
            names = JsonNodeFactory.instance.objectNode().put("pattern", "^-?[0-9]+$");
        } else {
            throw new IllegalStateException("cannot describe " + where + ": a map key of type " + key.getName()
                    + " has no JSON Schema in dynacrud; use String, an enum, Integer or Long keys");
        }
        ConstraintKeywords.apply(names, Kind.STRING, false, validated ? checks.element(0).constraints() : Set.of());
        if (!names.isEmpty()) {
            schema.set("propertyNames", names);
        }
        schema.set("additionalProperties", schema(argument(type, 1, where), checks.element(1), validated, true,
                where + "{}"));
        return schema;
    }

    /** An enum as the mapper writes its constants: their names, or what {@code @JsonValue} or {@code @JsonProperty} say. */
    private static ObjectNode enumeration(Class<?> type) {
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        boolean strings = true;
        for (Object constant : type.getEnumConstants()) {
            JsonNode value = Json.tree(constant);
            strings &= value.isTextual();
            values.add(value);
        }
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        if (strings) {
            schema.put("type", "string");
        }
        schema.set("enum", values);
        return schema;
    }

    private static ObjectNode orNull(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (schema.has("enum")) {
            ((ArrayNode) schema.get("enum")).addNull();
        }
        if (type != null && type.isTextual()) {
            schema.putArray("type").add(type.asText()).add("null");
            return schema;
        }
        if (schema.has("$ref")) {
            ObjectNode either = JsonNodeFactory.instance.objectNode();
            either.putArray("anyOf").add(schema).addObject().put("type", "null");
            return either;
        }
        return schema;
    }

    private static Kind kind(ObjectNode schema) {
        JsonNode type = schema.get("type");
        return type == null ? Kind.OTHER : Kind.valueOf(type.asText().toUpperCase(java.util.Locale.ROOT));
    }

    /** A record the mapper writes with its own serializer ({@code @JsonValue}, {@code @JsonSerialize}) has no known JSON. */
    private void checkWritable(Class<?> type, String where) {
        JsonSerializer<?> serializer;
        try {
            serializer = mapper.getSerializerProviderInstance().findValueSerializer(type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalStateException("cannot describe " + where + ": dynacrud's JSON mapper cannot write "
                    + type.getName(), e);
        }
        if (!(serializer instanceof BeanSerializer)) {
            throw new IllegalStateException("cannot describe " + where + ": " + type.getName()
                    + " is written by " + serializer.getClass().getName() + ", whose JSON dynacrud does not know");
        }
    }

    private static Class<?> raw(Type type, String where) {
        if (type instanceof Class<?> raw) {
            return raw;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            return raw;
        }
        throw unsupported(type, where);
    }

    private static Type argument(Type type, int index, String where) {
        if (type instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[index];
        }
        throw new IllegalStateException("cannot describe " + where + ": the raw type " + type.getTypeName()
                + " does not say what it holds; give its type arguments");
    }

    private static IllegalStateException unsupported(Type type, String where) {
        return new IllegalStateException("cannot describe " + where + ": dynacrud has no JSON Schema for "
                + type.getTypeName() + (type.getTypeName().startsWith("java.util.Optional")
                        ? ", which its JSON mapper cannot write" : "")
                + "; use a scalar, an enum, a record, or a List, Set or Map of them");
    }

    private static ObjectNode parse(String schema) {
        try {
            return (ObjectNode) Json.mapper().readTree(schema);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

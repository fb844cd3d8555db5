package io.github.dynacrud.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.UnsupportedMediaTypeException;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one Jackson {@link ObjectMapper} of dynacrud, built once: records, {@code java.time} as ISO-8601 strings, unknown
 * properties and wrong types refused (no coercion of {@code "true"} to {@code true} or of {@code 1} to {@code "1"}),
 * duplicate keys refused, and limits on nesting depth, string and number length.
 *
 * <pre>{@code
 * Todo todo = Json.read(request, Todo.class);   // 415, or 400 naming the field, on bad input
 * }</pre>
 */
public final class Json {
    /** The deepest nesting of objects and arrays accepted in a request body. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = build();

    private Json() {
    }

    private static ObjectMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(Router.DEFAULT_BODY_LIMIT)
                        .maxNumberLength(64)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** @return the shared mapper; configure nothing on it */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Serializes a value.
     *
     * @param value a record, map, list or scalar
     * @return its JSON in UTF-8
     */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * Reads a request's JSON body as a value.
     *
     * @param request the request
     * @param type    the value's class
     * @param <T>     the value's type
     * @return the value
     * @throws UnsupportedMediaTypeException when the body is not declared as JSON
     * @throws BadRequestException           naming the field when the body is malformed or does not fit the type
     */
    public static <T> T read(HttpRequest request, Class<T> type) {
        return convert(readTree(request), MAPPER.constructType(type), "");
    }

    /**
     * Reads a request's JSON body as a tree.
     *
     * @param request the request
     * @return the tree
     * @throws UnsupportedMediaTypeException when the body is not declared as JSON
     * @throws BadRequestException           when the body is empty or not valid JSON
     */
    public static JsonNode readTree(HttpRequest request) {
        checkMediaType(request);
        if (request.bodyLength() == 0) {
            throw new BadRequestException("the request needs a JSON body");
        }
        try {
            return MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw badRequest(e, "");
        }
    }

    /**
     * Converts a part of a JSON tree to a value.
     *
     * @param node  the JSON
     * @param type  the value's type
     * @param field the field the JSON came from, named in failures; empty for the whole body
     * @param <T>   the value's type
     * @return the value
     * @throws BadRequestException naming the field when the JSON does not fit the type
     */
    public static <T> T convert(JsonNode node, JavaType type, String field) {
        try {
            return MAPPER.readerFor(type).readValue(MAPPER.treeAsTokens(node));
        } catch (IOException e) {
            throw badRequest(e, field);
        }
    }

    /**
     * Tells whether a request declares a JSON body: {@code application/json}, {@code application/merge-patch+json}
     * or any {@code +json} type.
     *
     * @param request the request
     * @throws UnsupportedMediaTypeException when it does not
     */
    public static void checkMediaType(HttpRequest request) {
        String mediaType = request.header("Content-Type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/")
                && mediaType.endsWith("+json"))) {
            throw new UnsupportedMediaTypeException("send the body as application/json or application/merge-patch+json");
        }
    }

    private static BadRequestException badRequest(IOException failure, String prefix) {
        if (failure instanceof StreamConstraintsException) {
            return new BadRequestException("the JSON body is nested too deeply or holds a value that is too long");
        }
        if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(prefix, mapping);
            if (failure instanceof UnrecognizedPropertyException) {
                return new BadRequestException(field, "is not a known field");
            }
            if (failure instanceof MismatchedInputException) {
                return new BadRequestException(field, "has the wrong type or format");
            }
            return new BadRequestException(field, "is invalid");
        }
        if (failure instanceof MismatchedInputException) {
            return prefix.isEmpty() ? new BadRequestException("the JSON body has the wrong shape")
                    : new BadRequestException(prefix, "has the wrong type or format");
        }
        return new BadRequestException("the body is not valid JSON");
    }

    private static String path(String prefix, JsonMappingException failure) {
        String path = failure.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        String full = prefix + path;
        return full.startsWith(".") ? full.substring(1) : full;
    }
}

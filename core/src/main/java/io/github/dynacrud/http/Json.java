package io.github.dynacrud.http;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.LocalDateSerializer;
import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.UnsupportedMediaTypeException;
import io.github.dynacrud.http.internal.LazyJavaTimeModule;
import io.github.dynacrud.internal.IsoTime;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one Jackson {@link ObjectMapper} of dynacrud, built once and never handed out ({@link #mapper()} gives copies):
 * records, {@code java.time} as ISO-8601 strings, unknown properties and wrong types refused (no coercion of
 * {@code "true"} to {@code true} or of {@code 1} to {@code "1"}), duplicate keys refused, and limits on nesting depth
 * and number length (strings are bounded by the router's body limit).
 *
 * <pre>{@code
 * Todo todo = Json.read(request, Todo.class);   // 415, or 400 naming the field, on bad input
 * }</pre>
 */
public final class Json {
    /** The deepest nesting of objects and arrays accepted in a request body. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{1,200})'");
    private static final ObjectMapper MAPPER = build();

    private Json() {
    }

    private static ObjectMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        // A string is never longer than the body that holds it, which the router has already
                        // held to its configured limit: a second, fixed limit here would refuse bodies it accepts.
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNumberLength(64)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        SimpleModule strictTime = new SimpleModule("dynacrud-strict-time")
                .addDeserializer(LocalDate.class, new IsoStringDeserializer<>(LocalDate.class, IsoTime::parseDate,
                        Pattern.compile("\\d{4}-\\d{2}-\\d{2}")))
                .addDeserializer(Instant.class, new IsoStringDeserializer<>(Instant.class, IsoTime::parseInstant,
                        Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.+")))
                .addSerializer(Instant.class, new IsoInstantSerializer())
                // The JSR-310 module's own, so that writing a date does not set the whole module up.
                .addSerializer(LocalDate.class, LocalDateSerializer.INSTANCE)
                .addSerializer(Representation.Shown.class, new ShownSerializer());
        JsonMapper mapper = JsonMapper.builder(factory)
                .addModule(new LazyJavaTimeModule())
                .addModule(strictTime)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultLeniency(false)
                .build();
        // Jackson reads a blank string as null for a boxed number, boolean or enum even with scalar coercion off: refuse it
        // like any other string, so " " is never a number, nor a null inside a list or map that storage cannot hold.
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Enum}) {
            mapper.coercionConfigFor(type).setAcceptBlankAsEmpty(false)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Returns a copy of dynacrud's mapper, configured the same way, for your own JSON work: configuring it changes
     * nothing in how dynacrud reads and writes. Each call makes a new copy, so keep the one you configure.
     *
     * <pre>{@code
     * ObjectMapper mine = Json.mapper().enable(SerializationFeature.INDENT_OUTPUT);
     * }</pre>
     *
     * @return a new copy of the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /**
     * The mapper itself, for reading its configuration (introspecting a type) inside this package: copying it, as
     * {@link #mapper()} does, costs a deep copy of its configuration and its own caches per caller.
     *
     * @return the mapper, never to be configured
     */
    static ObjectMapper shared() {
        return MAPPER;
    }

    /**
     * Serializes a value as a JSON tree, exactly as {@link #write} would write it.
     *
     * @param value a record, map, list or scalar
     * @return its JSON as a tree of its own
     */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Describes a Java type as {@link #convert} takes it.
     *
     * @param type a class or a generic type, such as a record component's {@code getGenericType()}
     * @return the type
     */
    public static JavaType type(Type type) {
        return MAPPER.constructType(type);
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
        JsonNode tree;
        try {
            tree = MAPPER.readTree(request.bodyBytes());
        } catch (IOException e) {
            throw badRequest(e, "");
        }
        if (tree == null || tree.isMissingNode()) {
            throw new BadRequestException("the request needs a JSON body");
        }
        if (tree.isNull()) {
            throw new BadRequestException("the JSON body must not be null");
        }
        return tree;
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
        String mediaType = request.header("content-type").map(Json::mediaType).orElse("");
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/")
                && mediaType.endsWith("+json"))) {
            throw new UnsupportedMediaTypeException("send the body as application/json or application/merge-patch+json");
        }
    }

    /** The media type of a {@code Content-Type} value, without parameters, in lower case. */
    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a {@code java.time} value from an ISO-8601 string only, with a four-digit year: no numbers, arrays,
     * date-times for dates or signed years, which the JSR-310 module and {@code java.time} would accept.
     */
    private static final class IsoStringDeserializer<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;
        private final transient Function<String, T> parse;
        private final Pattern shape;

        IsoStringDeserializer(Class<T> type, Function<String, T> parse, Pattern shape) {
            super(type);
            this.type = type;
            this.parse = parse;
            this.shape = shape;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return type.cast(context.handleUnexpectedToken(type, parser));
            }
            try {
                // java.time also takes signed and five-digit years ("+12026-01-01"), which are not YYYY-MM-DD.
                if (!shape.matcher(parser.getText()).matches()) {
                    throw new DateTimeException("not a four-digit year");
                }
                return parse.apply(parser.getText());
            } catch (DateTimeException e) {
                return type.cast(context.handleWeirdStringValue(type, parser.getText(),
                        "not an ISO-8601 value"));
            }
        }
    }

    /**
     * Writes an instant as {@link Instant#toString()} does, as the JSR-310 module would, only faster; an instant with a
     * {@code @JsonFormat}, or written with {@code WRITE_DATES_AS_TIMESTAMPS}, is left to the JSR-310 module.
     */
    private static final class IsoInstantSerializer extends StdSerializer<Instant> implements ContextualSerializer {
        private static final long serialVersionUID = 1L;

        IsoInstantSerializer() {
            super(Instant.class);
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            // Only a property can carry @JsonFormat (this mapper sets none for Instant itself). Jackson asks again
            // for every value of a map, as every served item is, so those skip the lookup.
            if (property == null) {
                return this;
            }
            JsonFormat.Value format = findFormatOverrides(provider, property, handledType());
            if (format != null && !format.equals(JsonFormat.Value.empty())) {
                return InstantSerializer.INSTANCE.createContextual(provider, property);
            }
            return this;
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
                InstantSerializer.INSTANCE.serialize(value, generator, provider);
            } else {
                generator.writeString(IsoTime.format(value));
            }
        }
    }

    /** Writes a served item's visible components as one JSON object, as a map of them would be written. */
    @SuppressWarnings("rawtypes")
    private static final class ShownSerializer extends StdSerializer<Representation.Shown> {
        private static final long serialVersionUID = 1L;

        ShownSerializer() {
            super(Representation.Shown.class);
        }

        @Override
        public void serialize(Representation.Shown shown, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            shown.serialize(generator, provider);
        }
    }

    private static BadRequestException badRequest(IOException failure, String prefix) {
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(failure.getMessage()));
        if (failure instanceof JsonParseException && duplicate.find()) {
            return new BadRequestException(join(prefix, duplicate.group(1)), "appears twice");
        }
        if (failure instanceof StreamConstraintsException) {
            return new BadRequestException("the JSON body is nested too deeply or holds a value that is too long");
        }
        if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(prefix, mapping);
            if (failure instanceof UnrecognizedPropertyException) {
                return new BadRequestException(field, "is not a known field");
            }
            if (String.valueOf(failure.getMessage()).startsWith("Cannot map `null`")) {
                return new BadRequestException(field, "must be given and not null");
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
        return join(prefix, path);
    }

    private static String join(String prefix, String path) {
        String full = prefix + (path.startsWith(".") || path.startsWith("[") || prefix.isEmpty() ? path : "." + path);
        return full.startsWith(".") ? full.substring(1) : full;
    }
}

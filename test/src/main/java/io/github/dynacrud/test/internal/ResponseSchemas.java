package io.github.dynacrud.test.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Validates JSON bodies against schemas of one OpenAPI 3.1 document, addressed by JSON pointer: the document is the
 * only schema resource, so {@code $ref}s into its components resolve and nothing is fetched. Formats are asserted;
 * {@code email} as JSON Schema defines it, by RFC 5321's mailbox syntax, without the validator's list of top-level
 * domains (which refuses reserved ones such as {@code .example}).
 */
public final class ResponseSchemas {
    /** The document's identifier: never fetched, only named. */
    private static final String DOCUMENT = "urn:dynacrud:openapi-document";
    /** RFC 5321's mailbox: a dot-atom local part, {@code @}, and a domain of letter-digit-hyphen labels. */
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
    private static final Pattern MAILBOX = Pattern.compile(
            ATOM + "(\\." + ATOM + ")*@" + LABEL + "(\\." + LABEL + ")*");
    private static final Dialect DIALECT = Dialect.builder(Dialects.getOpenApi31()).format(new Format() {
        @Override
        public String getName() {
            return "email";
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            return MAILBOX.matcher(value).matches();
        }
    }).build();

    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /**
     * Reads a document's schemas.
     *
     * @param documentJson the OpenAPI document as JSON
     */
    public ResponseSchemas(String documentJson) {
        this.registry = SchemaRegistry.withDefaultDialect(DIALECT,
                builder -> builder.schemas(Map.of(DOCUMENT, documentJson)));
    }

    /**
     * Follows a node's local {@code $ref}s, such as a response that refers to {@code #/components/responses/...}.
     *
     * @param document the document
     * @param pointer  the node's JSON pointer
     * @return the pointer of the node it stands for
     */
    public static String dereference(JsonNode document, String pointer) {
        String current = pointer;
        for (int hops = 0; hops < 16; hops++) {
            String ref = document.at(current).path("$ref").asText("");
            if (!ref.startsWith("#/")) {
                return current;
            }
            current = ref.substring(1);
        }
        throw new AssertionError("the OpenAPI document's $ref chain from " + pointer + " does not end");
    }

    /**
     * Escapes one JSON pointer token.
     *
     * @param token such as {@code /todos/{id}}
     * @return such as {@code ~1todos~1{id}}
     */
    public static String token(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Validates a JSON body.
     *
     * @param schemaPointer the JSON pointer of the schema in the document
     * @param body          the JSON body
     * @return the violations, each with where in the body it is; empty when the body matches
     */
    public List<String> validate(String schemaPointer, String body) {
        Schema schema = compiled.computeIfAbsent(schemaPointer,
                pointer -> registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + fragment(pointer))));
        List<Error> errors = schema.validate(body, InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true).locale(Locale.ROOT)));
        return errors.stream().map(Error::toString).toList();
    }

    /** A JSON pointer as a URI fragment: the characters a fragment may not hold, percent-encoded. */
    private static String fragment(String pointer) {
        StringBuilder fragment = new StringBuilder();
        for (char c : pointer.toCharArray()) {
            if (c == '%' || c == '{' || c == '}' || c == ' ' || c == '"' || c == '<' || c == '>' || c == '^'
                    || c == '`' || c == '|' || c == '\\' || c == '#') {
                fragment.append(String.format(Locale.ROOT, "%%%02X", (int) c));
            } else {
                fragment.append(c);
            }
        }
        return fragment.toString();
    }
}

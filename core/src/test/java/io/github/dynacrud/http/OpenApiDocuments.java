package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Writes routers' OpenAPI documents, checks them with swagger-parser, and reads their parts. */
final class OpenApiDocuments {
    static final OpenApi.Info INFO = OpenApi.Info.of("Test API", "1.0.0");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES);

    private OpenApiDocuments() {
    }

    /**
     * Writes a router's document and requires swagger-parser to report nothing about it.
     *
     * @param router the router
     * @return the document
     */
    static JsonNode valid(Router router) {
        String document = OpenApi.document(router, INFO);
        assertThat(messages(document)).as("swagger-parser's messages on %s", document).isEmpty();
        return json(document);
    }

    /**
     * Parses a document with swagger-parser, resolving its references.
     *
     * @param document an OpenAPI document
     * @return what swagger-parser reports about it
     */
    static List<String> messages(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(document, null, options);
        List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            messages.add("no document could be read");
        }
        return messages;
    }

    /**
     * Reads JSON written with single quotes, as the tests write what they expect.
     *
     * @param text such as {@code {'type': 'string'}}
     * @return the tree
     */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lists an object's field names in order.
     *
     * @param node an object
     * @return its field names
     */
    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Lists the value of one field of each element of an array.
     *
     * @param array such as an operation's parameters
     * @param field such as {@code "name"}
     * @return the values, as text
     */
    static List<String> each(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.path(field).asText()));
        return values;
    }
}

package io.github.dynacrud.test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.http.Json;
import io.github.dynacrud.test.internal.OperationPaths;
import io.github.dynacrud.test.internal.ResponseSchemas;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An OpenAPI 3.1 document read as a contract: {@link #check} fails when a response's status, media type or body is
 * not what the document says the route answers, so a test that sends every response through it keeps the document
 * and the behaviour from drifting apart. Bodies are validated against their JSON Schema 2020-12, with references into
 * the document's components resolved.
 *
 * <pre>{@code
 * OpenApiContract contract = OpenApiContract.of(documentJson);
 * HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
 * contract.check(response);
 * }</pre>
 */
public final class OpenApiContract {
    private final JsonNode document;
    private final OperationPaths paths;
    private final ResponseSchemas schemas;

    private OpenApiContract(JsonNode document, String json) {
        this.document = document;
        this.paths = new OperationPaths(document.path("paths"));
        this.schemas = new ResponseSchemas(json);
    }

    /**
     * Reads a document.
     *
     * @param documentJson the OpenAPI 3.1 document as JSON
     * @return its contract
     * @throws IllegalArgumentException when the text is not a JSON object with {@code paths}
     */
    public static OpenApiContract of(String documentJson) {
        JsonNode document;
        try {
            document = Json.mapper().readTree(Objects.requireNonNull(documentJson, "documentJson"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the OpenAPI document is not JSON: " + e.getOriginalMessage(), e);
        }
        if (document == null || !document.path("paths").isObject()) {
            throw new IllegalArgumentException("the OpenAPI document has no 'paths' object");
        }
        return new OpenApiContract(document, documentJson);
    }

    /**
     * What a third-party reader, swagger-parser, reports about a document: errors and warnings in its words. A
     * document other tools read as written has none.
     *
     * <pre>{@code
     * assertThat(OpenApiContract.parserMessages(Files.readString(Path.of("target/openapi.json")))).isEmpty();
     * }</pre>
     *
     * @param documentJson the OpenAPI document as JSON
     * @return the parser's messages, empty for a valid document
     */
    public static List<String> parserMessages(String documentJson) {
        ParseOptions options = new ParseOptions();
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(documentJson, null, options);
        List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null && messages.isEmpty()) {
            messages.add("swagger-parser read no OpenAPI document");
        }
        return messages;
    }

    /**
     * Checks one response against the document: the path matches a documented path (templates included), the method
     * is an operation there, the status has a response (its exact code, else its range such as {@code 4XX}, else
     * {@code default}), the media type is documented for it, and a JSON body validates against its schema.
     *
     * <p>A request the document has no operation for passes only when it is answered as a server that serves exactly
     * the document answers it: 404 when no documented path matches, 405 when the path has no such method. A
     * {@code HEAD} response is checked against the {@code GET} operation when no {@code head} one is documented, and
     * has no body to check.
     *
     * @param method      the request's method, such as {@code "GET"}
     * @param path        the request's path, such as {@code "/todos/01J9"}; a query string is ignored, and so is the
     *                    path of the document's first server (a router's base path, such as {@code /v1})
     * @param status      the response's status code
     * @param contentType the response's {@code Content-Type}, or {@code null} when it has none
     * @param body        the response's body, or {@code null} or empty when it has none
     * @throws AssertionError naming what the document does not describe, or the body's schema violations
     */
    public void check(String method, String path, int status, String contentType, String body) {
        String verb = Objects.requireNonNull(method, "method").toLowerCase(Locale.ROOT);
        String route = withoutServerPath(Objects.requireNonNull(path, "path").split("\\?", 2)[0]);
        Optional<String> matched = paths.match(route);
        if (matched.isEmpty()) {
            if (status == 404) {
                return;
            }
            throw new AssertionError("the OpenAPI document has no path matching " + route + ", yet " + method + " "
                    + route + " answered " + status + " (documented: " + paths.templates() + ")");
        }
        String itemPointer = "/paths/" + ResponseSchemas.token(matched.get());
        boolean head = verb.equals("head") && !document.at(itemPointer).has("head");
        String operationPointer = itemPointer + "/" + (head ? "get" : verb);
        String operationName = method.toUpperCase(Locale.ROOT) + " " + matched.get();
        if (!document.at(operationPointer).isObject()) {
            if (status == 405) {
                return;
            }
            throw new AssertionError("the OpenAPI document has no operation " + operationName + ", yet it answered "
                    + status);
        }
        JsonNode responses = document.at(operationPointer + "/responses");
        String responseKey = responseKey(responses, status).orElseThrow(() -> new AssertionError(
                operationName + " documents no response for status " + status + " (documented: " + names(responses)
                        + ")"));
        if (!head) {
            checkBody(operationName + " response " + responseKey, ResponseSchemas.dereference(document,
                    operationPointer + "/responses/" + ResponseSchemas.token(responseKey)), contentType, body);
        }
    }

    /** Checks a body against what a response object documents: none, or one of its media types and its schema. */
    private void checkBody(String where, String responsePointer, String contentType, String body) {
        JsonNode content = document.at(responsePointer).path("content");
        boolean documented = content.isObject() && !content.isEmpty();
        boolean hasBody = body != null && !body.isEmpty();
        if (!hasBody && !documented) {
            return;
        }
        if (!hasBody) {
            throw new AssertionError(where + " documents a body (" + names(content) + ") but the response has none");
        }
        if (!documented) {
            throw new AssertionError(where + " documents no body but the response has one of type " + contentType);
        }
        String mediaType = mediaType(content, contentType).orElseThrow(() -> new AssertionError(
                where + " does not document media type " + contentType + " (documented: " + names(content) + ")"));
        if (isJson(mediaType) && content.path(mediaType).has("schema")) {
            List<String> errors = schemas.validate(
                    responsePointer + "/content/" + ResponseSchemas.token(mediaType) + "/schema", body);
            if (!errors.isEmpty()) {
                throw new AssertionError(where + " " + mediaType + ": the body does not match its schema: "
                        + String.join("; ", errors) + "\nbody: " + body);
            }
        }
    }

    /** A path without the path of the document's first server, such as {@code /v1} for a router's base path. */
    private String withoutServerPath(String path) {
        String server = document.path("servers").path(0).path("url").asText("");
        return server.startsWith("/") && server.length() > 1 && path.startsWith(server + "/")
                ? path.substring(server.length()) : path;
    }

    /**
     * Checks a response a test received over HTTP against the document, reading the method and path from its request,
     * as {@link #check(String, String, int, String, String)} does. A CORS preflight ({@code OPTIONS} with
     * {@code Access-Control-Request-Method}) is the browser's protocol, answered before routing: it is checked only
     * when the document has an {@code options} operation for the path.
     *
     * <pre>{@code
     * HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
     * contract.check(response);
     * }</pre>
     *
     * @param response the response, with the request that was sent
     * @throws AssertionError naming what the document does not describe, or the body's schema violations
     */
    public void check(HttpResponse<String> response) {
        HttpRequest request = response.request();
        String path = request.uri().getRawPath();
        boolean preflight = request.method().equals("OPTIONS")
                && request.headers().firstValue("Access-Control-Request-Method").isPresent();
        if (preflight && paths.match(path).map(t -> !document.path("paths").path(t).has("options")).orElse(true)) {
            return;
        }
        check(request.method(), path, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    /**
     * Checks one response event against the document, as {@link #check(String, String, int, String, String)} does.
     *
     * <pre>{@code
     * APIGatewayV2HTTPEvent request = HttpApiEvents.get("/users/42").build();
     * contract.check(request, handler.handleRequest(request, null));
     * }</pre>
     *
     * @param request  the request event
     * @param response the handler's response event
     * @throws AssertionError naming what the document does not describe, or the body's schema violations
     */
    public void check(APIGatewayV2HTTPEvent request, APIGatewayV2HTTPResponse response) {
        check(request.getRequestContext().getHttp().getMethod(), request.getRawPath(), response.getStatusCode(),
                HttpApiEvents.header(response, "Content-Type").orElse(null), HttpApiEvents.text(response));
    }

    private static Optional<String> responseKey(JsonNode responses, int status) {
        String code = Integer.toString(status);
        for (String key : List.of(code, code.charAt(0) + "XX", code.charAt(0) + "xx", "default")) {
            if (responses.has(key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** The documented media type a response's {@code Content-Type} falls under: exact, then {@code type/*}, then any. */
    private static Optional<String> mediaType(JsonNode content, String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String actual = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String range = actual.split("/", 2)[0] + "/*";
        for (String candidate : List.of(actual, range, "*/*")) {
            for (String name : names(content)) {
                if (name.toLowerCase(Locale.ROOT).equals(candidate)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isJson(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(field -> names.add(field.getKey()));
        return names;
    }
}

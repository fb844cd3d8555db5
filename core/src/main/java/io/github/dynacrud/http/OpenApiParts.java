package io.github.dynacrud.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynacrud.http.internal.PathTemplate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pieces of an OpenAPI document that resource and custom operations share: parameters, headers, bodies, problem
 * responses, security, and the {@code Problem} schema every error body refers to.
 */
final class OpenApiParts {
    /** The name of the JWT bearer security scheme. */
    static final String BEARER = "bearer";
    /** The reference to the shared problem schema. */
    static final String PROBLEM_SCHEMA = "Problem";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenApiParts() {
    }

    /** @return an empty JSON object */
    static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * A schema of one JSON type.
     *
     * @param type such as {@code "string"}
     * @return {@code {"type": type}}
     */
    static ObjectNode schema(String type) {
        return object().put("type", type);
    }

    /**
     * The key of a route's template in {@code paths}: OpenAPI names a greedy parameter like any other.
     *
     * @param template such as {@code /files/{path+}}
     * @return such as {@code /files/{path}}
     */
    static String path(PathTemplate template) {
        return template.toString().replace("+}", "}");
    }

    /**
     * Adds a required string path parameter to an operation.
     *
     * @param operation   the operation
     * @param name        the parameter
     * @param description what it names
     */
    static void pathParameter(ObjectNode operation, String name, String description) {
        parameters(operation).addObject().put("name", name).put("in", "path").put("required", true)
                .put("description", description).set("schema", schema("string"));
    }

    /**
     * Adds the path parameters of a template a custom route's handler reads, described as declared or by their shape.
     *
     * @param operation    the operation
     * @param template     the route's template
     * @param descriptions the declared descriptions, by parameter
     */
    static void pathParameters(ObjectNode operation, PathTemplate template, Map<String, String> descriptions) {
        String greedy = template.toString().endsWith("+}") ? template.parameters()
                .get(template.parameters().size() - 1) : null;
        template.parameters().forEach(name -> pathParameter(operation, name, descriptions.getOrDefault(name,
                name.equals(greedy) ? "one or more path segments, '/' included" : "one path segment")));
    }

    /**
     * Adds an optional parameter of the query string or the headers to an operation.
     *
     * @param operation   the operation
     * @param in          {@code "query"} or {@code "header"}
     * @param name        the parameter
     * @param schema      its values
     * @param description what it does
     */
    static void parameter(ObjectNode operation, String in, String name, ObjectNode schema, String description) {
        parameters(operation).addObject().put("name", name).put("in", in).put("description", description)
                .set("schema", schema);
    }

    private static ArrayNode parameters(ObjectNode operation) {
        return operation.has("parameters") ? (ArrayNode) operation.get("parameters")
                : operation.putArray("parameters");
    }

    /**
     * A required request body.
     *
     * @param schema      its schema
     * @param mediaTypes  the media types it may be sent as, preferred first
     * @return the request body object
     */
    static ObjectNode requestBody(ObjectNode schema, String... mediaTypes) {
        ObjectNode body = object().put("required", true);
        ObjectNode content = body.putObject("content");
        for (String mediaType : mediaTypes) {
            content.putObject(mediaType).set("schema", schema.deepCopy());
        }
        return body;
    }

    /**
     * A response.
     *
     * @param description when it is given
     * @param mediaType   its body's media type, or {@code null} for no body
     * @param schema      its body's schema, or {@code null} for no body
     * @return the response object
     */
    static ObjectNode response(String description, String mediaType, ObjectNode schema) {
        ObjectNode response = object().put("description", description);
        if (schema != null) {
            response.putObject("content").putObject(mediaType).set("schema", schema);
        }
        return response;
    }

    /**
     * Adds a header to a response.
     *
     * @param response    the response
     * @param name        such as {@code "ETag"}
     * @param description what it holds
     * @param required    whether every such response has it
     * @return the response
     */
    static ObjectNode header(ObjectNode response, String name, String description, boolean required) {
        ObjectNode headers = response.has("headers") ? (ObjectNode) response.get("headers")
                : response.putObject("headers");
        headers.putObject(name).put("description", description).put("required", required)
                .set("schema", schema("string"));
        return response;
    }

    /**
     * Adds problem responses to an operation's responses.
     *
     * @param responses the operation's responses
     * @param problems  when each status is given, by status
     */
    static void problems(ObjectNode responses, Map<Integer, String> problems) {
        problems.forEach((status, description) -> responses.set(String.valueOf(status), response(description,
                HttpResponse.PROBLEM_JSON, object().put("$ref", "#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    /**
     * Adds the {@code WWW-Authenticate} header the router sends with the 401 of an {@code UnauthorizedException}.
     *
     * @param responses an operation's responses, with a 401
     */
    static void authenticate(ObjectNode responses) {
        header((ObjectNode) responses.get("401"), "WWW-Authenticate", "Bearer: the scheme a request needs", true);
    }

    /**
     * Adds the {@code Retry-After} header the router sends with a 503 of a {@code RetryableException}, or a 409 of an
     * {@code IdempotencyKeyInUseException}.
     *
     * @param responses an operation's responses, with the status
     * @param status    such as {@code "503"}
     * @param when      when the response has the header, such as {@code "always"}
     * @param required  whether every response of the status has it
     */
    static void retryAfter(ObjectNode responses, String status, String when, boolean required) {
        header((ObjectNode) responses.get(status), "Retry-After", "seconds to wait before sending the request again"
                + when, required);
    }

    /**
     * Sorts an operation's responses by status, {@code default} last.
     *
     * @param responses the responses
     * @return the same, sorted
     */
    static ObjectNode sorted(ObjectNode responses) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        responses.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        ObjectNode result = object();
        sorted.forEach(result::set);
        return result;
    }

    /**
     * Requires the bearer scheme, with scopes, for an operation.
     *
     * @param operation the operation
     * @param scopes    the scopes required, possibly none
     */
    static void security(ObjectNode operation, Set<String> scopes) {
        ArrayNode required = operation.putArray("security").addObject().putArray(BEARER);
        scopes.stream().sorted().forEach(required::add);
    }

    /** @return the bearer security scheme: a JWT, as API Gateway's JWT authorizers check */
    static ObjectNode bearerScheme() {
        return object().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "A JWT, as an API Gateway JWT authorizer checks it; its scopes are those the"
                        + " operations list.");
    }

    /** @return the schema of every problem body: RFC 9457 problem details, with the fields at fault */
    static ObjectNode problemSchema() {
        ObjectNode problem = schema("object").put("description", "RFC 9457 problem details");
        problem.putArray("required").add("type").add("title").add("status");
        ObjectNode properties = problem.putObject("properties");
        properties.set("type", schema("string").put("format", "uri-reference")
                .put("description", "the problem type; about:blank when the status says it all"));
        properties.set("title", schema("string").put("description", "the status's reason phrase"));
        properties.set("status", schema("integer").put("description", "the HTTP status"));
        properties.set("detail", schema("string").put("description", "what went wrong in this occurrence"));
        properties.set("instance", schema("string").put("description", "the request id, to quote when reporting it"));
        ObjectNode error = schema("object");
        error.putArray("required").add("field").add("message");
        error.putObject("properties").<ObjectNode>set("field", schema("string")
                .put("description", "the field or parameter, such as title or limit"))
                .set("message", schema("string").put("description", "what is wrong with it"));
        properties.set("errors", schema("array").put("description", "one entry per field at fault (400, 422)")
                .set("items", error));
        return problem;
    }
}

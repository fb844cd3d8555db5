package io.github.dynacrud.benchmarks.baseline;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/** Builds the responses the API answers with: JSON representations and {@code application/problem+json} errors. */
final class Responses {
    private static final String CONTENT_TYPE = "content-type";
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper mapper;

    Responses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Answers 201 with a new todo, where it lives and its version as entity tag. */
    APIGatewayV2HTTPResponse created(ObjectNode todo) {
        return respond(201, Map.of(CONTENT_TYPE, JSON, "location", "/todos/" + todo.get("id").textValue(),
                "etag", etag(todo)), todo);
    }

    /** Answers 200 with one todo and its version as entity tag. */
    APIGatewayV2HTTPResponse found(ObjectNode todo) {
        return respond(200, Map.of(CONTENT_TYPE, JSON, "etag", etag(todo)), todo);
    }

    /** Answers 200 with a JSON body. */
    APIGatewayV2HTTPResponse ok(JsonNode body) {
        return respond(200, Map.of(CONTENT_TYPE, JSON), body);
    }

    /** Answers 405 naming the methods the path does allow. */
    APIGatewayV2HTTPResponse methodNotAllowed(String allow) {
        return respond(405, Map.of(CONTENT_TYPE, PROBLEM_JSON, "allow", allow),
                problemBody(405, "this path allows only " + allow));
    }

    /** Answers an error status with a problem body whose detail is safe to show the caller. */
    APIGatewayV2HTTPResponse problem(int status, String detail) {
        // RFC 9110 asks a 401 to say which scheme would be accepted.
        Map<String, String> headers = status == 401
                ? Map.of(CONTENT_TYPE, PROBLEM_JSON, "www-authenticate", "Bearer")
                : Map.of(CONTENT_TYPE, PROBLEM_JSON);
        return respond(status, headers, problemBody(status, detail));
    }

    private ObjectNode problemBody(int status, String detail) {
        return mapper.createObjectNode()
                .put("title", HttpProblem.reason(status))
                .put("status", status)
                .put("detail", detail);
    }

    private static String etag(ObjectNode todo) {
        return "\"" + todo.get("version").longValue() + "\"";
    }

    private APIGatewayV2HTTPResponse respond(int status, Map<String, String> headers, JsonNode body) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(headers)
                    .withBody(mapper.writeValueAsString(body))
                    .withIsBase64Encoded(false)
                    .build();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

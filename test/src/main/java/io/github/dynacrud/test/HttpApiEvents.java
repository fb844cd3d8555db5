package io.github.dynacrud.test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.http.Json;
import io.github.dynacrud.lambda.internal.SyntheticEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Builds API Gateway HTTP API (payload 2.0) events for tests, shaped as API Gateway sends them, and reads responses.
 * Take it in test scope: a function's jar never needs it.
 *
 * <pre>{@code
 * APIGatewayV2HTTPResponse response = handler.handleRequest(
 *         HttpApiEvents.post("/todos").subject("user-1").json("{\"title\":\"Write docs\"}").build(), null);
 * assertThat(response.getStatusCode()).isEqualTo(201);
 * assertThat(HttpApiEvents.json(response).get("title").asText()).isEqualTo("Write docs");
 * assertThat(HttpApiEvents.header(response, "Location")).isPresent();
 * }</pre>
 */
public final class HttpApiEvents {
    private HttpApiEvents() {
    }

    /**
     * Starts a GET event.
     *
     * @param path the path, such as {@code "/todos/42"}; a query string after {@code ?} is kept raw
     * @return a builder
     */
    public static Builder get(String path) {
        return request("GET", path);
    }

    /**
     * Starts a POST event.
     *
     * @param path the path
     * @return a builder
     */
    public static Builder post(String path) {
        return request("POST", path);
    }

    /**
     * Starts a PUT event.
     *
     * @param path the path
     * @return a builder
     */
    public static Builder put(String path) {
        return request("PUT", path);
    }

    /**
     * Starts a PATCH event.
     *
     * @param path the path
     * @return a builder
     */
    public static Builder patch(String path) {
        return request("PATCH", path);
    }

    /**
     * Starts a DELETE event.
     *
     * @param path the path
     * @return a builder
     */
    public static Builder delete(String path) {
        return request("DELETE", path);
    }

    /**
     * Starts an event with any method.
     *
     * @param method such as {@code "OPTIONS"}
     * @param path   the path; a query string after {@code ?} is kept raw
     * @return a builder
     */
    public static Builder request(String method, String path) {
        return new Builder(method, path);
    }

    /**
     * Reads a response's body as JSON.
     *
     * @param response the response event
     * @return the JSON tree
     * @throws UncheckedIOException when the body is not JSON
     */
    public static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.mapper().readTree(text(response));
        } catch (IOException e) {
            throw new UncheckedIOException("the response body is not JSON", e);
        }
    }

    /**
     * Reads a response's body as UTF-8 text, decoding it when the adapter sent it base64-encoded.
     *
     * @param response the response event
     * @return the body, empty when the response has none
     */
    public static String text(APIGatewayV2HTTPResponse response) {
        if (response.getBody() == null) {
            return "";
        }
        return response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8)
                : response.getBody();
    }

    /**
     * Reads one response header, whatever the case of its name.
     *
     * @param response the response event
     * @param name     the header name
     * @return its value, or empty when the response has no such header
     */
    public static Optional<String> header(APIGatewayV2HTTPResponse response, String name) {
        if (response.getHeaders() == null) {
            return Optional.empty();
        }
        return response.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    /** Collects an event's parts. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final List<String> query = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String> cookies = new ArrayList<>();
        private final Map<String, String> claims = new LinkedHashMap<>();
        private final Set<String> scopes = new LinkedHashSet<>();
        private String stage = "$default";
        private String body;
        private boolean base64;
        private String requestId;

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            int question = path.indexOf('?');
            this.path = question < 0 ? path : path.substring(0, question);
            if (question >= 0 && question < path.length() - 1) {
                query.add(path.substring(question + 1));
            }
        }

        /**
         * Adds a query parameter, percent-encoded as a browser would.
         *
         * @param name  the parameter name
         * @param value its value
         * @return this builder
         */
        public Builder query(String name, String value) {
            query.add(encode(name) + "=" + encode(value));
            return this;
        }

        /**
         * Adds a header; API Gateway sends names in lower case.
         *
         * @param name  the header name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.merge(name.toLowerCase(java.util.Locale.ROOT), value, (a, b) -> a + "," + b);
            return this;
        }

        /**
         * Adds a request cookie.
         *
         * @param name  the cookie name
         * @param value its value
         * @return this builder
         */
        public Builder cookie(String name, String value) {
            cookies.add(name + "=" + value);
            return this;
        }

        /**
         * Makes the request come from a caller authenticated by a JWT authorizer.
         *
         * @param subject the token's {@code sub}
         * @return this builder
         */
        public Builder subject(String subject) {
            return claim("sub", subject);
        }

        /**
         * Adds a JWT claim.
         *
         * @param name  the claim name
         * @param value its value
         * @return this builder
         */
        public Builder claim(String name, String value) {
            claims.put(name, value);
            return this;
        }

        /**
         * Adds JWT scopes.
         *
         * @param granted such as {@code "todos:write"}
         * @return this builder
         */
        public Builder scopes(String... granted) {
            scopes.addAll(List.of(granted));
            return this;
        }

        /**
         * Sends a JSON body with {@code Content-Type: application/json}.
         *
         * @param json the body
         * @return this builder
         */
        public Builder json(String json) {
            header("content-type", "application/json");
            return body(json);
        }

        /**
         * Sends a text body as is.
         *
         * @param text the body
         * @return this builder
         */
        public Builder body(String text) {
            this.body = text;
            this.base64 = false;
            return this;
        }

        /**
         * Sends a binary body, base64-encoded as API Gateway does.
         *
         * @param bytes the body
         * @return this builder
         */
        public Builder body(byte[] bytes) {
            this.body = Base64.getEncoder().encodeToString(bytes);
            this.base64 = true;
            return this;
        }

        /**
         * Deploys the API on a named stage, so {@code rawPath} starts with {@code /stage}.
         *
         * @param name the stage name
         * @return this builder
         */
        public Builder stage(String name) {
            this.stage = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets the request id; a new random one otherwise.
         *
         * @param id the request id
         * @return this builder
         */
        public Builder requestId(String id) {
            this.requestId = id;
            return this;
        }

        /** @return the event */
        public APIGatewayV2HTTPEvent build() {
            return new SyntheticEvent(method, path, String.join("&", query), headers, cookies, claims, scopes, stage,
                    body, base64, requestId != null ? requestId : UUID.randomUUID().toString()).toEvent();
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}

package io.github.dynacrud.http;

import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.http.internal.PercentDecoding;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request, independent of how it arrived (an API Gateway event, a local server, a test). Immutable.
 *
 * <pre>{@code
 * HttpRequest request = HttpRequest.builder()
 *         .method("POST").path("/todos")
 *         .header("Content-Type", "application/json")
 *         .body("{\"title\":\"Write docs\"}")
 *         .principal(Principal.of("user-1"))
 *         .build();
 * }</pre>
 */
public final class HttpRequest {
    private final String method;
    private final String basePath;
    private final String path;
    private final Headers headers;
    private final Map<String, List<String>> query;
    private final Map<String, String> cookies;
    private final Map<String, String> pathParameters;
    private final byte[] body;
    private final Principal principal;
    private final String requestId;

    private HttpRequest(Builder b) {
        this.method = b.method;
        this.basePath = b.basePath;
        this.path = b.path;
        this.headers = b.headers;
        this.query = copy(b.query);
        this.cookies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.cookies));
        this.pathParameters = Map.copyOf(b.pathParameters);
        this.body = b.body;
        this.principal = b.principal;
        this.requestId = b.requestId;
    }

    /** A copy that shares this request's immutable parts: every request is copied twice on its way to a handler. */
    private HttpRequest(HttpRequest source, Map<String, String> pathParameters, String requestId) {
        this.method = source.method;
        this.basePath = source.basePath;
        this.path = source.path;
        this.headers = source.headers;
        this.query = source.query;
        this.cookies = source.cookies;
        this.pathParameters = pathParameters;
        this.body = source.body;
        this.principal = source.principal;
        this.requestId = requestId;
    }

    /**
     * Starts a request.
     *
     * @return a builder for a {@code GET /} request with no headers and no body
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the method, upper-case, such as {@code "GET"} */
    public String method() {
        return method;
    }

    /**
     * Returns the path routes match: the path as sent, still percent-encoded, without the query string and without
     * the {@linkplain #basePath() base path}.
     *
     * @return such as {@code "/todos/a%20b"}
     */
    public String path() {
        return path;
    }

    /**
     * Returns the part of the path the client sent before {@link #path()}: the {@code /{stage}} of an API Gateway
     * stage other than {@code $default}, or the {@linkplain Router.Builder#basePath(String) base path} of a custom
     * domain's API mapping.
     *
     * @return such as {@code "/prod"} or {@code "/v1"}; empty when the API is served at the root
     */
    public String basePath() {
        return basePath;
    }

    /**
     * Turns a path routes match into the path a client must send, for links and {@code Location} headers.
     *
     * <pre>{@code
     * HttpResponse.empty(303).withHeader("Location", request.link("/todos/" + id));   // "/prod/todos/..."
     * }</pre>
     *
     * @param routedPath a path starting with {@code /}, such as {@code "/todos/42"}
     * @return the base path followed by it, such as {@code "/prod/todos/42"}
     */
    public String link(String routedPath) {
        if (!Objects.requireNonNull(routedPath, "routedPath").startsWith("/")) {
            throw new IllegalArgumentException("path '" + routedPath + "' must start with '/'");
        }
        return basePath + routedPath;
    }

    /** @return the headers, case-insensitive */
    public Headers headers() {
        return headers;
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, in any case
     * @return its value, or empty when absent
     */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** @return the query parameters, decoded, each with its values in order */
    public Map<String, List<String>> query() {
        return query;
    }

    /**
     * Returns the values of one query parameter.
     *
     * @param name the parameter name
     * @return its values, possibly empty
     */
    public List<String> queryParameters(String name) {
        return query.getOrDefault(name, List.of());
    }

    /**
     * Returns the first value of one query parameter.
     *
     * @param name the parameter name
     * @return its first value, or empty when absent
     */
    public Optional<String> queryParameter(String name) {
        return queryParameters(name).stream().findFirst();
    }

    /** @return the request cookies by name, in the order they were sent */
    public Map<String, String> cookies() {
        return cookies;
    }

    /** @return the path parameters of the matched route, decoded; empty before routing */
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    /**
     * Returns one path parameter of the matched route.
     *
     * @param name the parameter's name in the route template
     * @return its decoded value
     * @throws IllegalArgumentException when the matched route has no such parameter
     */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path parameter '" + name + "'; it has "
                    + pathParameters.keySet());
        }
        return value;
    }

    /** @return a copy of the body bytes, empty when there is no body */
    public byte[] body() {
        return body.clone();
    }

    /** The body itself, not a copy, for this package's readers, which never change it: a copy per read is waste. */
    byte[] bodyBytes() {
        return body;
    }

    /** @return the body's length in bytes */
    public int bodyLength() {
        return body.length;
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the authenticated caller, when the request carries one */
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    /** @return the request id, such as API Gateway's {@code requestContext.requestId}; never empty once routed */
    public String requestId() {
        return requestId;
    }

    /**
     * Returns a copy with other path parameters; the router calls it once a route matches.
     *
     * @param parameters the decoded path parameters
     * @return the new request
     */
    public HttpRequest withPathParameters(Map<String, String> parameters) {
        return new HttpRequest(this, Map.copyOf(parameters), requestId);
    }

    /**
     * Returns a copy with another request id.
     *
     * @param id the request id
     * @return the new request
     */
    public HttpRequest withRequestId(String id) {
        return new HttpRequest(this, pathParameters, Objects.requireNonNull(id, "requestId"));
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.method = method;
        b.basePath = basePath;
        b.path = path;
        b.headers = headers;
        b.query = new LinkedHashMap<>(query);
        b.cookies = cookies;
        b.pathParameters = pathParameters;
        b.body = body;
        b.principal = principal;
        b.requestId = requestId;
        return b;
    }

    @Override
    public String toString() {
        return "HttpRequest[" + method + " " + basePath + path + ", requestId=" + requestId + "]";
    }

    /**
     * Checks a base path: empty, or segments each after one {@code /}.
     *
     * @param basePath the base path
     * @return it
     * @throws IllegalArgumentException when it is not of that form
     */
    static String checkBasePath(String basePath) {
        if (!Objects.requireNonNull(basePath, "basePath").isEmpty() && (!basePath.startsWith("/")
                || basePath.endsWith("/") || basePath.contains("//") || basePath.contains("?"))) {
            throw new IllegalArgumentException("base path '" + basePath
                    + "' must be empty or start with '/', without a trailing '/', '//' or '?'");
        }
        return basePath;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> query) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        query.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** Collects a request's parts. */
    public static final class Builder {
        private String method = "GET";
        private String basePath = "";
        private String path = "/";
        private Headers headers = Headers.empty();
        private Map<String, List<String>> query = new LinkedHashMap<>();
        private Map<String, String> cookies = Map.of();
        private Map<String, String> pathParameters = Map.of();
        private byte[] body = new byte[0];
        private Principal principal;
        private String requestId = "";

        private Builder() {
        }

        /**
         * Sets the method.
         *
         * @param method such as {@code "get"} or {@code "POST"}; kept upper-case
         * @return this builder
         */
        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            return this;
        }

        /**
         * Sets the path, still percent-encoded, without a query string.
         *
         * @param path such as {@code "/todos/42"}
         * @return this builder
         */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * Sets the base path: what the client sent before the path routes match.
         *
         * @param basePath empty, or {@code /} followed by segments and no trailing {@code /}, such as {@code "/prod"}
         * @return this builder
         * @throws IllegalArgumentException when the base path is not of that form
         */
        public Builder basePath(String basePath) {
            this.basePath = checkBasePath(basePath);
            return this;
        }

        /**
         * Sets all headers.
         *
         * @param headers the headers
         * @return this builder
         */
        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /**
         * Adds one header value.
         *
         * @param name  the header name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            this.headers = headers.add(name, value);
            return this;
        }

        /**
         * Sets all query parameters.
         *
         * @param query decoded values by name
         * @return this builder
         */
        public Builder query(Map<String, List<String>> query) {
            this.query = new LinkedHashMap<>(query);
            return this;
        }

        /**
         * Sets all query parameters from a raw query string ({@code a=1&b=x%20y}), decoded as a form: {@code +} is a
         * space, escapes are UTF-8, a repeated name keeps every value in order, and empty pairs are skipped.
         *
         * @param rawQuery the query string, without its {@code ?}
         * @return this builder
         * @throws BadRequestException when the query string is not correctly percent-encoded
         */
        public Builder rawQuery(String rawQuery) {
            Map<String, List<String>> parsed = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                if (!pair.isEmpty()) {
                    int equals = pair.indexOf('=');
                    String name = decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
                    String value = equals < 0 ? "" : decodeQuery(pair.substring(equals + 1));
                    parsed.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
                }
            }
            this.query = parsed;
            return this;
        }

        private static String decodeQuery(String text) {
            return PercentDecoding.decodeQuery(text).orElseThrow(() ->
                    new BadRequestException("the query string is not correctly percent-encoded"));
        }

        /**
         * Adds one query parameter value.
         *
         * @param name  the parameter name
         * @param value its decoded value
         * @return this builder
         */
        public Builder queryParameter(String name, String value) {
            List<String> values = new java.util.ArrayList<>(query.getOrDefault(name, List.of()));
            values.add(value);
            query.put(name, values);
            return this;
        }

        /**
         * Sets the cookies.
         *
         * @param cookies values by name
         * @return this builder
         */
        public Builder cookies(Map<String, String> cookies) {
            this.cookies = new LinkedHashMap<>(cookies);
            return this;
        }

        /**
         * Sets the path parameters.
         *
         * @param parameters decoded values by name
         * @return this builder
         */
        public Builder pathParameters(Map<String, String> parameters) {
            this.pathParameters = Map.copyOf(parameters);
            return this;
        }

        /**
         * Sets the body.
         *
         * @param body the bytes; copied
         * @return this builder
         */
        public Builder body(byte[] body) {
            this.body = body.clone();
            return this;
        }

        /**
         * Sets the body as UTF-8 text.
         *
         * @param body the text
         * @return this builder
         */
        public Builder body(String body) {
            this.body = body.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Sets the authenticated caller.
         *
         * @param principal the caller, or {@code null} for none
         * @return this builder
         */
        public Builder principal(Principal principal) {
            this.principal = principal;
            return this;
        }

        /**
         * Sets the request id.
         *
         * @param requestId such as API Gateway's request id
         * @return this builder
         */
        public Builder requestId(String requestId) {
            this.requestId = Objects.requireNonNull(requestId, "requestId");
            return this;
        }

        /** @return the request */
        public HttpRequest build() {
            return new HttpRequest(this);
        }
    }
}

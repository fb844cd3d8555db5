package io.github.dynacrud.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.github.dynacrud.lambda.internal.SyntheticEvent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A request that {@link SnapStartPriming} runs through a handler before the snapshot: a method, a path, an optional
 * caller, headers and a JSON body. Choose requests that reach your routes but stop before DynamoDB, such as a create
 * with an empty body that fails validation.
 *
 * <pre>{@code
 * SnapStartPriming.register(this, PrimingRequest.post("/todos").subject("priming").json("{}").build());
 * }</pre>
 */
public final class PrimingRequest {
    private final SyntheticEvent event;

    private PrimingRequest(SyntheticEvent event) {
        this.event = event;
    }

    /**
     * Starts a GET request.
     *
     * @param path the path, such as {@code "/todos"}; a query string after {@code ?} is kept raw
     * @return a builder
     */
    public static Builder get(String path) {
        return request("GET", path);
    }

    /**
     * Starts a POST request.
     *
     * @param path the path
     * @return a builder
     */
    public static Builder post(String path) {
        return request("POST", path);
    }

    /**
     * Starts a request with any method.
     *
     * @param method such as {@code "OPTIONS"}
     * @param path   the path; a query string after {@code ?} is kept raw
     * @return a builder
     */
    public static Builder request(String method, String path) {
        return new Builder(method, path);
    }

    /** The API Gateway event this request is, with the request id given. */
    APIGatewayV2HTTPEvent toEvent(String requestId) {
        return new SyntheticEvent(event.method(), event.path(), event.rawQuery(), event.headers(), event.cookies(),
                event.claims(), event.scopes(), event.stage(), event.body(), false, requestId).toEvent();
    }

    /** Collects a priming request's parts. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final String rawQuery;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> claims = new LinkedHashMap<>();
        private final Set<String> scopes = new LinkedHashSet<>();
        private String body;

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            if (!Objects.requireNonNull(path, "path").startsWith("/")) {
                throw new IllegalArgumentException("a priming request's path starts with '/': '" + path + "'");
            }
            int question = path.indexOf('?');
            this.path = question < 0 ? path : path.substring(0, question);
            this.rawQuery = question < 0 ? "" : path.substring(question + 1);
        }

        /**
         * Adds a header.
         *
         * @param name  the header name, sent in lower case as API Gateway does
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.merge(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(value, "value"),
                    (a, b) -> a + "," + b);
            return this;
        }

        /**
         * Makes the request come from a caller authenticated by a JWT authorizer.
         *
         * @param subject the token's {@code sub}
         * @return this builder
         */
        public Builder subject(String subject) {
            claims.put("sub", Objects.requireNonNull(subject, "subject"));
            return this;
        }

        /**
         * Grants the caller JWT scopes.
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
            this.body = Objects.requireNonNull(json, "json");
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalStateException when scopes are granted without a {@linkplain #subject(String) subject}
         */
        public PrimingRequest build() {
            if (!scopes.isEmpty() && claims.isEmpty()) {
                throw new IllegalStateException("scopes " + scopes + " need a subject: call subject(..) too");
            }
            return new PrimingRequest(new SyntheticEvent(method, path, rawQuery, Map.copyOf(headers), List.of(),
                    Map.copyOf(claims), Set.copyOf(scopes), "$default", body, false, "priming"));
        }
    }
}

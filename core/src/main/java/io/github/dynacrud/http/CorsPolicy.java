package io.github.dynacrud.http;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which browser origins may call the API (CORS). Preflight requests are answered with 204 before routing and
 * without authentication; other responses carry {@code Access-Control-Allow-Origin} when the origin is allowed.
 *
 * <pre>{@code
 * CorsPolicy cors = CorsPolicy.builder()
 *         .allowedOrigins("https://app.example.com")
 *         .allowedHeaders("Content-Type", "Authorization", "If-Match")
 *         .exposedHeaders("ETag", "Location")
 *         .allowCredentials()
 *         .build();
 * }</pre>
 */
public final class CorsPolicy {
    private final Set<String> origins;
    private final boolean anyOrigin;
    private final List<String> methods;
    private final List<String> headers;
    private final List<String> exposedHeaders;
    private final Duration maxAge;
    private final boolean credentials;

    private CorsPolicy(Builder b) {
        this.origins = Set.copyOf(b.origins);
        this.anyOrigin = b.anyOrigin;
        this.methods = List.copyOf(b.methods);
        this.headers = List.copyOf(b.headers);
        this.exposedHeaders = List.copyOf(b.exposedHeaders);
        this.maxAge = b.maxAge;
        this.credentials = b.credentials;
    }

    /** @return a builder allowing no origin until told otherwise */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tells whether a request is a CORS preflight: {@code OPTIONS} with {@code Origin} and
     * {@code Access-Control-Request-Method}.
     *
     * @param request the request
     * @return {@code true} for a preflight
     */
    public static boolean isPreflight(HttpRequest request) {
        return request.method().equals("OPTIONS") && request.headers().contains("Origin")
                && request.headers().contains("Access-Control-Request-Method");
    }

    /**
     * Tells whether an origin may call the API.
     *
     * @param origin such as {@code https://app.example.com}
     * @return {@code true} when allowed
     */
    public boolean allows(String origin) {
        return anyOrigin || origins.contains(origin);
    }

    /**
     * Answers a preflight request: 204 with the {@code Access-Control-Allow-*} headers, or 403 when the origin or
     * method is not allowed.
     *
     * @param request a preflight request
     * @return the response
     */
    public HttpResponse preflight(HttpRequest request) {
        String origin = request.header("Origin").orElse("");
        String method = request.header("Access-Control-Request-Method").orElse("").toUpperCase(Locale.ROOT);
        if (!allows(origin) || !methods.contains(method)) {
            return HttpResponse.problem(Problem.of(403, "this origin or method may not call the API",
                    request.requestId())).addHeader("Vary", "Origin");
        }
        HttpResponse response = HttpResponse.empty(204)
                .withHeader("Access-Control-Allow-Origin", anyOrigin ? "*" : origin)
                .withHeader("Access-Control-Allow-Methods", String.join(", ", methods))
                .withHeader("Access-Control-Max-Age", Long.toString(maxAge.toSeconds()));
        if (!headers.isEmpty()) {
            response = response.withHeader("Access-Control-Allow-Headers", String.join(", ", headers));
        }
        if (credentials) {
            response = response.withHeader("Access-Control-Allow-Credentials", "true");
        }
        return anyOrigin ? response : varyByOrigin(response);
    }

    /**
     * Adds the CORS headers of an actual (not preflight) response.
     *
     * @param request  the request
     * @param response the response
     * @return the response with {@code Access-Control-Allow-Origin} when the origin is allowed, and
     *         {@code Vary: Origin} when the answer depends on the origin
     */
    public HttpResponse decorate(HttpRequest request, HttpResponse response) {
        HttpResponse decorated = anyOrigin ? response : varyByOrigin(response);
        String origin = request.header("Origin").orElse(null);
        if (origin == null || !allows(origin)) {
            return decorated;
        }
        decorated = decorated.withHeader("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        if (!exposedHeaders.isEmpty()) {
            decorated = decorated.withHeader("Access-Control-Expose-Headers", String.join(", ", exposedHeaders));
        }
        return credentials ? decorated.withHeader("Access-Control-Allow-Credentials", "true") : decorated;
    }

    /** Adds {@code Origin} to the response's {@code Vary} header, keeping what the handler put there. */
    private static HttpResponse varyByOrigin(HttpResponse response) {
        boolean present = response.headers().all("Vary").stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .anyMatch(value -> value.trim().equalsIgnoreCase("Origin") || value.trim().equals("*"));
        return present ? response : response.addHeader("Vary", "Origin");
    }

    /** Collects a policy's settings. */
    public static final class Builder {
        private final Set<String> origins = new LinkedHashSet<>();
        private boolean anyOrigin;
        private List<String> methods = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
        private List<String> headers = List.of("Content-Type", "Authorization", "If-Match", "If-None-Match");
        private List<String> exposedHeaders = List.of("ETag", "Location");
        private Duration maxAge = Duration.ofMinutes(10);
        private boolean credentials;

        private Builder() {
        }

        /**
         * Allows these origins exactly; {@code "*"} allows any.
         *
         * @param allowed such as {@code "https://app.example.com"}
         * @return this builder
         */
        public Builder allowedOrigins(String... allowed) {
            for (String origin : allowed) {
                if ("*".equals(origin)) {
                    anyOrigin = true;
                } else if (origin == null || !origin.matches("https?://[^/\\s]+")) {
                    throw new IllegalArgumentException("origin '" + origin
                            + "' must be a scheme and host such as 'https://app.example.com', without a path");
                } else {
                    origins.add(origin);
                }
            }
            return this;
        }

        /**
         * Allows any origin ({@code Access-Control-Allow-Origin: *}).
         *
         * @return this builder
         */
        public Builder anyOrigin() {
            return allowedOrigins("*");
        }

        /**
         * Sets the methods a preflight allows; GET, HEAD, POST, PUT, PATCH and DELETE by default.
         *
         * @param allowed method names
         * @return this builder
         */
        public Builder allowedMethods(String... allowed) {
            this.methods = List.of(allowed).stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
            return this;
        }

        /**
         * Sets the request headers a preflight allows; Content-Type, Authorization, If-Match and If-None-Match by
         * default.
         *
         * @param allowed header names
         * @return this builder
         */
        public Builder allowedHeaders(String... allowed) {
            this.headers = List.of(allowed);
            return this;
        }

        /**
         * Sets the response headers scripts may read; ETag and Location by default.
         *
         * @param exposed header names
         * @return this builder
         */
        public Builder exposedHeaders(String... exposed) {
            this.exposedHeaders = List.of(exposed);
            return this;
        }

        /**
         * Sets how long browsers may cache a preflight answer; 10 minutes by default.
         *
         * @param maxAge the duration
         * @return this builder
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
            return this;
        }

        /**
         * Lets browsers send cookies and credentials; needs explicit origins.
         *
         * @return this builder
         */
        public Builder allowCredentials() {
            this.credentials = true;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException when credentials are allowed with any origin
         */
        public CorsPolicy build() {
            if (credentials && anyOrigin) {
                throw new IllegalArgumentException("credentials need explicit origins, not '*'");
            }
            return new CorsPolicy(this);
        }
    }
}

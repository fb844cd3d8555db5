package io.github.dynacrud.http;

import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.PayloadTooLargeException;
import io.github.dynacrud.http.internal.PathTemplate;
import io.github.dynacrud.http.internal.PercentDecoding;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.table.EntityRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Routes HTTP requests to handlers: templates with {@code {name}} and greedy {@code {name+}} parameters, the most
 * specific route first (literal over parameter over greedy), 404 for an unknown path, 405 with {@code Allow} for a
 * known path with another method, HEAD answered like GET without a body, CORS, filters (whose {@code after} sees every
 * response), and every failure as an RFC 9457 problem. Built once; {@link #route} never throws.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .cors(CorsPolicy.builder().anyOrigin().build())
 *         .get("/health", request -> HttpResponse.json(200, Map.of("status", "ok")))
 *         .resource("/todos", todos)
 *         .build();
 * HttpResponse response = router.route(request);
 * }</pre>
 */
public final class Router {
    /** The largest request body accepted by default, in bytes (256 KB). */
    public static final int DEFAULT_BODY_LIMIT = 256 * 1024;

    private final List<Route> routes;
    private final List<Filter> filters;
    private final CorsPolicy cors;
    private final ProblemMapper problems;
    private final int bodyLimit;
    private final String basePath;
    private final List<EntityResource<?>> resources;

    /**
     * A route: its method, its template with the group's prefix, its handler, and the resource operation it serves.
     *
     * @param method    such as {@code "GET"}
     * @param template  such as {@code /todos/{id}}
     * @param handler   the handler
     * @param operation the resource and operation the route serves, or empty for a custom route
     */
    record Route(String method, PathTemplate template, Handler handler, Optional<ResourceOperation> operation) {
    }

    /**
     * What a resource's route does, for the OpenAPI document.
     *
     * @param resource  the mounted resource
     * @param operation its operation the route serves
     */
    record ResourceOperation(EntityResource<?> resource, ResourceOptions.Operation operation) {
    }

    private Router(Builder b) {
        this.routes = List.copyOf(b.routes);
        this.filters = List.copyOf(b.filters);
        this.cors = b.cors;
        this.problems = new ProblemMapper(b.exceptionHandlers);
        this.bodyLimit = b.bodyLimit;
        this.basePath = b.basePath;
        this.resources = List.copyOf(b.resources);
    }

    /** @return every route, in the order they were added, for the OpenAPI document */
    List<Route> routes() {
        return routes;
    }

    /** @return every mounted resource, for the OpenAPI document */
    List<EntityResource<?>> resources() {
        return resources;
    }

    /** @return the base path requests may carry, empty for none */
    String basePath() {
        return basePath;
    }

    /** @return a builder with no routes */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Answers a request; never throws.
     *
     * @param request the request; a request id is made when it has none
     * @return the response
     */
    public HttpResponse route(HttpRequest request) {
        return handle(request).response();
    }

    /**
     * Answers a request and tells which route answered, for logs and metrics; never throws.
     *
     * @param request the request; a request id is made when it has none
     * @return the response and the matched route
     */
    public Routed handle(HttpRequest request) {
        HttpRequest identified = withoutBasePath(request.requestId().isEmpty()
                ? request.withRequestId(UUID.randomUUID().toString()) : request);
        Routed routed = dispatch(identified);
        HttpResponse response = routed.response();
        if (identified.method().equals("HEAD")) {
            response = response.withoutBody();
        }
        if (cors != null && !CorsPolicy.isPreflight(identified)) {
            response = cors.decorate(identified, response);
        }
        return new Routed(response, routed.route());
    }

    /**
     * Answers a failure that happened before a request could be routed (a transport event that is not a request, for
     * instance) as the router answers its own failures: through the exception handlers, as problem details, then
     * through every filter's {@code after}. Transports call it; applications do not need it.
     *
     * <pre>{@code
     * Router.Routed answer = router.handleFailure(HttpRequest.builder().requestId(id).build(), failure);
     * }</pre>
     *
     * @param request what is known of the request, at least its id
     * @param failure what was thrown
     * @return the response, with no route
     */
    public Routed handleFailure(HttpRequest request, Throwable failure) {
        return new Routed(after(request, problems.toResponse(failure, request)), Optional.empty());
    }

    /**
     * A response and the route that produced it.
     *
     * @param response the response
     * @param route    the matched route, such as {@code "GET /todos/{id}"}, or empty when none matched
     */
    public record Routed(HttpResponse response, Optional<String> route) {
        /** Checks that both parts are present. */
        public Routed {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(route, "route");
        }
    }

    /** Moves the configured base path, when the path starts with it, from the path to the request's base path. */
    private HttpRequest withoutBasePath(HttpRequest request) {
        String path = request.path();
        if (basePath.isEmpty() || !path.startsWith(basePath)
                || path.length() > basePath.length() && path.charAt(basePath.length()) != '/') {
            return request;
        }
        String routed = path.length() == basePath.length() ? "/" : path.substring(basePath.length());
        return request.toBuilder().basePath(request.basePath() + basePath).path(routed).build();
    }

    private Routed dispatch(HttpRequest request) {
        if (cors != null && CorsPolicy.isPreflight(request)) {
            return new Routed(after(request, cors.preflight(request)), Optional.of("CORS preflight"));
        }
        HttpRequest routed;
        Route route;
        try {
            if (request.bodyLength() > bodyLimit) {
                throw new PayloadTooLargeException("the body exceeds " + bodyLimit + " bytes");
            }
            List<String> segments = new ArrayList<>();
            for (String raw : PathTemplate.split(request.path())) {
                segments.add(PercentDecoding.decode(raw).orElseThrow(() ->
                        new BadRequestException("the path is not correctly percent-encoded")));
            }
            Map<Route, Map<String, String>> matches = new LinkedHashMap<>();
            for (Route candidate : routes) {
                candidate.template().match(segments).ifPresent(parameters -> matches.put(candidate, parameters));
            }
            if (matches.isEmpty()) {
                return new Routed(after(request, HttpResponse.problem(Problem.of(404, "no route matches this path",
                        request.requestId()))), Optional.empty());
            }
            Optional<Route> chosen = best(matches, request.method())
                    .or(() -> request.method().equals("HEAD") ? best(matches, "GET") : Optional.empty());
            if (chosen.isEmpty()) {
                return new Routed(after(request, methodNotAllowed(request, matches)), Optional.empty());
            }
            route = chosen.get();
            routed = request.withPathParameters(matches.get(route));
        } catch (RuntimeException e) {
            return new Routed(after(request, problems.toResponse(e, request)), Optional.empty());
        }
        return new Routed(run(route, routed), Optional.of(route.method() + " " + route.template()));
    }

    private HttpResponse run(Route route, HttpRequest request) {
        HttpRequest current = request;
        HttpResponse response;
        try {
            for (Filter filter : filters) {
                current = Objects.requireNonNull(filter.before(current), "a filter returned no request");
            }
            response = Objects.requireNonNull(route.handler().handle(current), "a handler returned no response");
        } catch (Exception | Error e) {
            response = problems.toResponse(e, current);
        }
        return after(current, response);
    }

    /**
     * Runs every filter's {@code after}: on routed responses, and on those the router answers itself. A filter that
     * fails turns the response into its problem, which the filters after it still see (CORS, logging, headers).
     */
    private HttpResponse after(HttpRequest request, HttpResponse response) {
        HttpResponse current = response;
        for (Filter filter : filters) {
            try {
                current = Objects.requireNonNull(filter.after(request, current), "a filter returned no response");
            } catch (Exception | Error e) {
                current = problems.toResponse(e, request);
            }
        }
        return current;
    }

    private static Optional<Route> best(Map<Route, Map<String, String>> matches, String method) {
        return matches.keySet().stream().filter(r -> r.method().equals(method))
                .max((a, b) -> a.template().compareSpecificity(b.template()));
    }

    private static HttpResponse methodNotAllowed(HttpRequest request, Map<Route, Map<String, String>> matches) {
        TreeSet<String> allowed = new TreeSet<>();
        matches.keySet().forEach(r -> allowed.add(r.method()));
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return HttpResponse.problem(Problem.of(405, "this path does not answer " + request.method(),
                request.requestId())).withHeader("Allow", String.join(", ", allowed));
    }

    /** Collects routes, filters, exception handlers and settings. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();
        private final List<Filter> filters = new ArrayList<>();
        private final Map<Class<? extends Throwable>, ExceptionHandler<? extends Throwable>> exceptionHandlers =
                new LinkedHashMap<>();
        private CorsPolicy cors;
        private int bodyLimit = DEFAULT_BODY_LIMIT;
        private String basePath = "";
        private String prefix = "";
        private final List<EntityResource<?>> resources = new ArrayList<>();
        private DocumentRoute document;

        private Builder() {
        }

        /** Remembers a mounted resource, so that a parent learns of its children's counts when the router is built. */
        void mounted(EntityResource<?> resource) {
            resources.add(resource);
        }

        /**
         * Adds a route.
         *
         * @param method       such as {@code "GET"}
         * @param pathTemplate such as {@code "/todos/{id}"}
         * @param handler      the handler
         * @return this builder
         * @throws IllegalArgumentException when the template is malformed or another route has the same method and
         *                                  shape
         */
        public Builder route(String method, String pathTemplate, Handler handler) {
            return route(method, pathTemplate, handler, Optional.empty());
        }

        /** Adds a route of a resource, which tells the OpenAPI document what the route does. */
        Builder route(String method, String pathTemplate, Handler handler, Optional<ResourceOperation> operation) {
            String upper = Objects.requireNonNull(method, "method").toUpperCase(java.util.Locale.ROOT);
            PathTemplate template = PathTemplate.parse(join(prefix, pathTemplate));
            for (Route existing : routes) {
                if (existing.method().equals(upper) && existing.template().sameShape(template)) {
                    throw new IllegalArgumentException("routes " + upper + " " + existing.template() + " and " + upper
                            + " " + template + " match the same paths");
                }
            }
            routes.add(new Route(upper, template, Objects.requireNonNull(handler, "handler"), operation));
            return this;
        }

        /**
         * Adds a GET route; HEAD requests are answered by it too, without a body.
         *
         * @param pathTemplate such as {@code "/todos/{id}"}
         * @param handler      the handler
         * @return this builder
         */
        public Builder get(String pathTemplate, Handler handler) {
            return route("GET", pathTemplate, handler);
        }

        /**
         * Adds a POST route.
         *
         * @param pathTemplate the path template
         * @param handler      the handler
         * @return this builder
         */
        public Builder post(String pathTemplate, Handler handler) {
            return route("POST", pathTemplate, handler);
        }

        /**
         * Adds a PUT route.
         *
         * @param pathTemplate the path template
         * @param handler      the handler
         * @return this builder
         */
        public Builder put(String pathTemplate, Handler handler) {
            return route("PUT", pathTemplate, handler);
        }

        /**
         * Adds a PATCH route.
         *
         * @param pathTemplate the path template
         * @param handler      the handler
         * @return this builder
         */
        public Builder patch(String pathTemplate, Handler handler) {
            return route("PATCH", pathTemplate, handler);
        }

        /**
         * Adds a DELETE route.
         *
         * @param pathTemplate the path template
         * @param handler      the handler
         * @return this builder
         */
        public Builder delete(String pathTemplate, Handler handler) {
            return route("DELETE", pathTemplate, handler);
        }

        /**
         * Adds a HEAD route, which takes precedence over answering HEAD with the GET route.
         *
         * @param pathTemplate the path template
         * @param handler      the handler
         * @return this builder
         */
        public Builder head(String pathTemplate, Handler handler) {
            return route("HEAD", pathTemplate, handler);
        }

        /**
         * Adds an OPTIONS route; CORS preflight requests never reach it when a CORS policy is set.
         *
         * @param pathTemplate the path template
         * @param handler      the handler
         * @return this builder
         */
        public Builder options(String pathTemplate, Handler handler) {
            return route("OPTIONS", pathTemplate, handler);
        }

        /**
         * Adds routes under a common prefix.
         *
         * <pre>{@code
         * builder.group("/admin", admin -> admin.get("/stats", stats).delete("/cache", clearCache));
         * }</pre>
         *
         * @param pathPrefix such as {@code "/admin"}
         * @param routes     adds the group's routes, with templates relative to the prefix
         * @return this builder
         */
        public Builder group(String pathPrefix, Consumer<Builder> routes) {
            String outer = prefix;
            prefix = join(outer, pathPrefix);
            try {
                routes.accept(this);
            } finally {
                prefix = outer;
            }
            return this;
        }

        /**
         * Mounts the CRUD routes of an entity with default options.
         *
         * @param path       such as {@code "/todos"}
         * @param repository the entity's repository
         * @return this builder
         * @see #resource(String, EntityRepository, ResourceOptions)
         */
        public Builder resource(String path, EntityRepository<?> repository) {
            return resource(path, repository, ResourceOptions.defaults());
        }

        /**
         * Mounts the CRUD routes of an entity: {@code POST path}, {@code GET path}, {@code GET path/{id}},
         * {@code PUT path/{id}}, {@code PATCH path/{id}} and {@code DELETE path/{id}}, as the options allow.
         * Each parameter of the path fills the key attribute it names, as the owner is filled from the principal:
         * under {@code /notebooks/{notebookId}/notes}, a note of another notebook does not exist.
         *
         * <pre>{@code
         * Router.builder().resource("/notebooks/{notebookId}/notes", notes).build();
         * }</pre>
         *
         * @param path       such as {@code "/todos"}
         * @param repository the entity's repository
         * @param options    which operations, scopes, filters and page sizes
         * @return this builder
         * @throws IllegalArgumentException naming the parameter and the entity when a path parameter names no String
         *                                  attribute of the entity's key, names its id or owner, or when a key
         *                                  attribute is given neither by the path, the principal nor the id
         */
        public Builder resource(String path, EntityRepository<?> repository, ResourceOptions options) {
            EntityResource.mount(this, path, join(prefix, path), repository, options);
            return this;
        }

        /**
         * Adds a filter; filters run in registration order: {@code before} ahead of the handler of a matched route,
         * {@code after} on every response, including the 404, 405, 413, 400 and CORS preflight answers of the router.
         *
         * @param filter the filter
         * @return this builder
         */
        public Builder filter(Filter filter) {
            filters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /**
         * Answers an exception type (and its subclasses) with a handler of yours; the closest registered
         * superclass wins.
         *
         * @param type    the exception type
         * @param handler turns it into a response
         * @param <E>     the exception type
         * @return this builder
         */
        public <E extends Throwable> Builder exception(Class<E> type, ExceptionHandler<? super E> handler) {
            exceptionHandlers.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Sets the CORS policy.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder cors(CorsPolicy policy) {
            this.cors = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the largest request body accepted; larger ones get 413.
         *
         * @param bytes at least 1; 256 KB by default
         * @return this builder
         */
        public Builder bodyLimit(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("body limit " + bytes + " must be at least 1 byte");
            }
            this.bodyLimit = bytes;
            return this;
        }

        /**
         * Serves the API under a base path, as a custom domain's API mapping does ({@code api.example.com/v1} passes
         * {@code /v1/todos} on to the function): a request whose path starts with it is routed without it, and the
         * links the router writes, such as {@code Location}, keep it. Requests through the API's own endpoint, without
         * the base path, are routed as they come.
         *
         * <pre>{@code
         * Router.builder().basePath("/v1").resource("/todos", todos).build();
         * }</pre>
         *
         * @param path such as {@code "/v1"}; empty (the default) for none
         * @return this builder
         * @throws IllegalArgumentException when the path does not start with {@code /} or ends with one
         */
        public Builder basePath(String path) {
            this.basePath = HttpRequest.checkBasePath(path);
            return this;
        }

        /**
         * Serves the router's {@linkplain OpenApi OpenAPI document} at a path with {@code GET} (and {@code HEAD}); no
         * route serves it unless this is called. The document is generated on its first request, never at start-up,
         * and kept; it lists its own route. When the router is built, it refuses what the document could not say
         * (two routes declaring one {@linkplain Described#operationId operation id}, a method OpenAPI 3.1 has no
         * field for), as {@link OpenApi#document} does.
         *
         * <pre>{@code
         * Router.builder().resource("/todos", todos).openApi("/openapi.json", OpenApi.Info.of("Todo API", "1.0.0"));
         * }</pre>
         *
         * @param path such as {@code "/openapi.json"}
         * @param info the API's title and version
         * @return this builder
         * @throws IllegalArgumentException when the path is malformed, another GET route has the same shape, or the
         *                                  document is served at another path already
         */
        public Builder openApi(String path, OpenApi.Info info) {
            if (document != null) {
                throw new IllegalArgumentException("the OpenAPI document is served already; serve it at one path");
            }
            DocumentRoute route = new DocumentRoute(Objects.requireNonNull(info, "info"));
            route("GET", path, route);
            document = route;
            return this;
        }

        /**
         * Builds the router.
         *
         * @return the router
         * @throws IllegalArgumentException when a route's template starts with the base path, which requests never
         *                                  reach it with
         */
        public Router build() {
            Map<Entity<?>, Set<String>> counts = new HashMap<>();
            resources.forEach(resource -> resource.parent().ifPresent(link -> counts.computeIfAbsent(
                    link.parent().entity(), e -> new LinkedHashSet<>()).add(link.count())));
            for (EntityResource<?> resource : resources) {
                Set<String> own = counts.getOrDefault(resource.entity(), Set.of());
                resource.parent().filter(link -> !own.isEmpty()).ifPresent(link -> {
                    String type = resource.entity().type();
                    String children = resources.stream()
                            .filter(r -> r.parent().filter(l -> l.parent().entity() == resource.entity()).isPresent())
                            .map(r -> r.entity().type()).distinct().collect(java.util.stream.Collectors.joining(", "));
                    throw new IllegalArgumentException("resource " + type + " names a parent, "
                            + link.parent().entity().type() + ", and counts children of its own (" + children
                            + ", in " + String.join(", ", own) + "); its delete would not check them, so a "
                            + "child that is also a parent with counted children is not supported");
                });
            }
            resources.forEach(resource -> resource.countChildren(counts.getOrDefault(resource.entity(), Set.of())));
            for (EntityResource<?> resource : resources) {
                resource.options().includes().forEach((name, children) -> resources.stream()
                        .filter(r -> r.entity() == children.entity() && r.options().operations()
                                .contains(ResourceOptions.Operation.LIST))
                        .filter(r -> {
                            io.github.dynacrud.table.Query list = r.options().listQuery().get().build();
                            return list.index().isPresent() || list.descending();
                        })
                        .findFirst().ifPresent(r -> {
                            throw new IllegalArgumentException("include '" + name + "' of "
                                    + resource.entity().type() + ": the list of " + r.entity().type()
                                    + " queries another index or order than the table's ascending one, so the "
                                    + "include's nextCursor could not continue on it");
                        }));
            }
            for (Route route : routes) {
                String template = route.template().toString();
                if (!basePath.isEmpty() && (template.equals(basePath) || template.startsWith(basePath + "/"))) {
                    throw new IllegalArgumentException("route " + route.method() + " " + template
                            + " starts with the base path '" + basePath + "'; give route templates without it");
                }
            }
            Router router = new Router(this);
            if (document != null) {
                OperationIds.check(routes);
                document.serve(router);
            }
            return router;
        }

        private static String join(String prefix, String path) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("path '" + path + "' must start with '/'");
            }
            String joined = prefix.equals("/") ? path : prefix + path;
            return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
        }
    }
}

package io.github.dynacrud.http;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operation ids of one document, unique: those the routes declare, refused when two routes declare one id, then
 * one made per route from what it does ({@code createTodo}, {@code listTodos}, {@code getAdminStats}), with a number
 * after it when another route has it already ({@code getTodo2}).
 */
final class OperationIds {
    /** The methods an OpenAPI 3.1 path item has a field for. */
    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH",
            "TRACE");

    private final Set<String> taken = new HashSet<>();

    private OperationIds() {
    }

    /**
     * Refuses what a router's document could not say, without writing it, and reserves the ids routes declare. The
     * router runs it when it is built, if it serves its document.
     *
     * @param routes every route of a router
     * @return the ids, ready to give the others
     * @throws IllegalArgumentException naming the routes when two declare one id, a route's method has no field in
     *                                  an OpenAPI 3.1 path item, or a route describes a path parameter its template
     *                                  does not have
     */
    static OperationIds check(List<Router.Route> routes) {
        OperationIds ids = new OperationIds();
        Map<String, Router.Route> declaring = new HashMap<>();
        for (Router.Route route : routes) {
            if (!METHODS.contains(route.method())) {
                throw new IllegalArgumentException("route " + route.method() + " " + route.template() + " cannot be"
                        + " described: OpenAPI 3.1 has no field for the method " + route.method());
            }
            checkPathParameters(route);
            declared(route).ifPresent(id -> {
                Router.Route other = declaring.putIfAbsent(id, route);
                if (other != null) {
                    throw new IllegalArgumentException("routes " + other.method() + " " + other.template() + " and "
                            + route.method() + " " + route.template() + " both declare the operation id '" + id
                            + "'; give each its own");
                }
                ids.taken.add(id);
            });
        }
        return ids;
    }

    private static void checkPathParameters(Router.Route route) {
        List<String> parameters = route.template().parameters();
        HandlerFacts.of(route.handler()).described().ifPresent(described -> described.pathParameters().keySet()
                .stream().filter(name -> !parameters.contains(name)).findFirst().ifPresent(name -> {
                    throw new IllegalArgumentException("route " + route.method() + " " + route.template()
                            + " describes the path parameter '" + name + "', which its template does not have; it"
                            + " has " + parameters);
                }));
    }

    /**
     * Gives a route its id: the declared one, or one made from what it does that no other route has.
     *
     * @param route the route
     * @return its id
     */
    String of(Router.Route route) {
        Optional<String> declared = declared(route);
        if (declared.isPresent()) {
            return declared.get();
        }
        String wanted = route.operation().map(OperationIds::ofResource).orElseGet(() ->
                route.handler() instanceof DocumentRoute ? "getOpenApiDocument" : ofPath(route));
        String id = wanted;
        for (int n = 2; !taken.add(id); n++) {
            id = wanted + n;
        }
        return id;
    }

    private static Optional<String> declared(Router.Route route) {
        return route.operation().isPresent() ? Optional.empty()
                : HandlerFacts.of(route.handler()).described().flatMap(Described::operationId);
    }

    private static String ofResource(Router.ResourceOperation served) {
        String type = words(served.resource().entity().type());
        return switch (served.operation()) {
            case CREATE -> "create" + type;
            case LIST -> "list" + plural(type);
            case READ -> "get" + type;
            case REPLACE -> "replace" + type;
            case PATCH -> "patch" + type;
            case DELETE -> "delete" + type;
        };
    }

    /** Such as {@code getAdminStats} for {@code GET /admin/stats}, {@code postTodosByIdArchive} for a parameter. */
    private static String ofPath(Router.Route route) {
        StringBuilder id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        Set<String> parameters = Set.copyOf(route.template().parameters());
        for (String segment : route.template().toString().split("/")) {
            String name = segment.replaceAll("[{}+]", "");
            id.append(segment.startsWith("{") && parameters.contains(name) ? "By" + words(name) : words(segment));
        }
        return id.toString().equals(route.method().toLowerCase(Locale.ROOT)) ? id + "Root" : id.toString();
    }

    /** Letters and digits of a text, each word capitalized: {@code "api-keys"} gives {@code "ApiKeys"}. */
    private static String words(String text) {
        StringBuilder result = new StringBuilder();
        for (String word : text.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                result.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return result.toString();
    }

    private static String plural(String noun) {
        if (noun.matches(".*[^aeiouAEIOU]y")) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun.matches(".*(s|x|z|ch|sh)") ? noun + "es" : noun + "s";
    }
}

package io.github.dynacrud.http;

/**
 * Answers one HTTP request. Throw a {@link io.github.dynacrud.DynacrudException} (or any exception with a registered
 * handler) to answer with a problem; anything else becomes a 500 without its message.
 *
 * <pre>{@code
 * Handler hello = request -> HttpResponse.json(200, Map.of("hello", request.pathParameter("name")));
 * }</pre>
 */
@FunctionalInterface
public interface Handler {
    /**
     * Answers a request.
     *
     * @param request the request, with its path parameters once routed
     * @return the response
     * @throws Exception any failure, mapped to a problem response by the router
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}

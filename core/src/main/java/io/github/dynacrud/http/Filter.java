package io.github.dynacrud.http;

/**
 * A hook around requests: {@link #before} may change or refuse a request before its route's handler, {@link #after}
 * may change every response, a problem response too, including those the router answers without a handler (404,
 * 405, 413, a malformed path, a CORS preflight). Both do nothing by default; filters run in registration order.
 *
 * <pre>{@code
 * router.filter(new Filter() {
 *     @Override
 *     public HttpResponse after(HttpRequest request, HttpResponse response) {
 *         return response.withHeader("Cache-Control", "no-store");
 *     }
 * });
 * }</pre>
 */
public interface Filter {
    /**
     * Runs before the handler of the route a request matched; never for requests the router answers itself.
     *
     * @param request the routed request, with its path parameters
     * @return the request the handler sees
     * @throws Exception to answer with a problem instead of calling the handler
     */
    default HttpRequest before(HttpRequest request) throws Exception {
        return request;
    }

    /**
     * Runs on every response: after the handler, after its failure became a problem response, and on the router's own
     * answers (no route, method not allowed, body too large, malformed path, CORS preflight).
     *
     * @param request  the request the handler saw, or the request as it came when no handler ran
     * @param response the response so far
     * @return the response to send
     * @throws Exception to answer with a problem instead, which the filters registered after this one still see
     */
    default HttpResponse after(HttpRequest request, HttpResponse response) throws Exception {
        return response;
    }
}

package io.github.dynacrud.http;

/**
 * A hook around every routed request: {@link #before} may change or refuse the request, {@link #after} may change
 * the response (a problem response too). Both do nothing by default; filters run in registration order.
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
     * Runs before the route's handler.
     *
     * @param request the routed request, with its path parameters
     * @return the request the handler sees
     * @throws Exception to answer with a problem instead of calling the handler
     */
    default HttpRequest before(HttpRequest request) throws Exception {
        return request;
    }

    /**
     * Runs after the handler, or after its failure became a problem response.
     *
     * @param request  the request the handler saw
     * @param response the response so far
     * @return the response to send
     * @throws Exception to answer with a problem instead
     */
    default HttpResponse after(HttpRequest request, HttpResponse response) throws Exception {
        return response;
    }
}

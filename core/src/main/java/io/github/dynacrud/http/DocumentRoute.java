package io.github.dynacrud.http;

import java.nio.charset.StandardCharsets;

/**
 * Serves a router's OpenAPI document, generated on its first request and kept: a function that never answers it never
 * generates it, and one that does generates it once.
 */
final class DocumentRoute implements Handler {
    private final OpenApi.Info info;
    private Router router;
    private byte[] document;

    /**
     * Makes the route of a router being built.
     *
     * @param info the API's title and version
     */
    DocumentRoute(OpenApi.Info info) {
        this.info = info;
    }

    /**
     * Names the router the document describes, once it is built.
     *
     * @param built the router
     */
    synchronized void serve(Router built) {
        this.router = built;
    }

    @Override
    public synchronized HttpResponse handle(HttpRequest request) {
        if (document == null) {
            document = OpenApi.document(router, info).getBytes(StandardCharsets.UTF_8);
        }
        return HttpResponse.bytes(200, HttpResponse.JSON, document);
    }
}

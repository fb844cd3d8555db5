package io.github.dynacrud.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a deployed handler class over real HTTP on 127.0.0.1, for local development: each request becomes an API
 * Gateway HTTP API (payload 2.0) event, exactly as API Gateway would send it, and the handler's response event
 * becomes the HTTP response. What runs locally is the code that runs on Lambda.
 *
 * <p><strong>Development only.</strong> There is no authorizer: the caller comes from the <em>unverified</em> claims
 * of an {@code Authorization: Bearer <JWT>} header, or is the default development user. The server binds the
 * loopback address only.
 *
 * <pre>{@code
 * try (LocalServer server = LocalServer.builder().handler(new TodoHandler(table)).port(3000).build().start()) {
 *     System.out.println("Serving on " + server.uri());
 *     server.awaitStop();
 * }
 * }</pre>
 */
public final class LocalServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);
    /** The body size API Gateway accepts at most. */
    private static final int MAX_BODY = 10 * 1024 * 1024;

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final int port;
    private final String defaultSubject;
    private final ApiPage apiPage;
    private final Object stopped = new Object();
    private HttpServer server;
    private ExecutorService executor;

    private LocalServer(Builder b) {
        this.handler = b.handler;
        this.port = b.port;
        this.defaultSubject = b.defaultSubject;
        this.apiPage = b.documentPath == null ? null : new ApiPage(b.documentPath);
    }

    /** @return a builder for port 3000 and the development user {@code dev-user} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts serving.
     *
     * @return this server
     * @throws IOException when the port cannot be bound
     */
    public synchronized LocalServer start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("the server is already started");
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "dynacrud-local-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        return this;
    }

    /** @return the base URI, such as {@code http://127.0.0.1:3000} */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** @return the API page's URI, such as {@code http://127.0.0.1:3000/docs}, when the server has one */
    public Optional<URI> apiPage() {
        return apiPage == null ? Optional.empty() : Optional.of(uri().resolve(ApiPage.PATH));
    }

    /**
     * Blocks until {@link #close()} is called, from another thread or a shutdown hook.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitStop() throws InterruptedException {
        synchronized (stopped) {
            while (server != null) {
                stopped.wait();
            }
        }
    }

    /** Stops serving, waiting up to a second for requests in flight. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(1);
            executor.shutdown();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
        synchronized (stopped) {
            stopped.notifyAll();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (apiPage != null && ApiPage.owns(exchange.getRequestURI().getRawPath())) {
                apiPage.serve(exchange);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                send(exchange, 413, Map.of("content-type", "text/plain"), "request body too large".getBytes(
                        StandardCharsets.UTF_8));
                return;
            }
            APIGatewayV2HTTPEvent event = LocalEvents.toEvent(exchange, body, defaultSubject);
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
            byte[] responseBody = response.getBody() == null ? new byte[0]
                    : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getCookies() != null) {
                response.getCookies().forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
            }
            send(exchange, response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(),
                    responseBody);
        } catch (RuntimeException | IOException e) {
            LOG.error("local request failed", e);
        }
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = body.length == 0 || status == 204 || status == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Collects the server's settings. */
    public static final class Builder {
        private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
        private int port = 3000;
        private String defaultSubject = "dev-user";
        private String documentPath;

        private Builder() {
        }

        /**
         * Sets the handler to serve: the same class that is deployed.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder handler(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets the port on 127.0.0.1.
         *
         * @param port 0 for any free port; 3000 by default
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the subject of requests without a bearer token.
         *
         * @param subject a user id, or {@code null} to treat such requests as unauthenticated
         * @return this builder
         */
        public Builder defaultSubject(String subject) {
            this.defaultSubject = subject;
            return this;
        }

        /**
         * Serves an API page at {@code /docs}: Swagger UI, from the {@code org.webjars:swagger-ui} webjar on the
         * classpath, showing the OpenAPI document the handler serves at a path. Requests below {@code /docs} no longer
         * reach the handler.
         *
         * <pre>{@code
         * LocalServer.builder().handler(new TodoHandler(table)).apiPage("/openapi.json").build().start();
         * }</pre>
         *
         * @param documentPath where the handler serves its document, such as {@code "/openapi.json"}
         * @return this builder
         * @throws IllegalArgumentException when the path is not an absolute path or lies below {@code /docs}
         */
        public Builder apiPage(String documentPath) {
            Objects.requireNonNull(documentPath, "documentPath");
            if (!documentPath.startsWith("/") || !documentPath.matches("[A-Za-z0-9._~/-]+")) {
                throw new IllegalArgumentException("the API page's document path '" + documentPath
                        + "' is not a path such as /openapi.json");
            }
            if (ApiPage.owns(documentPath)) {
                throw new IllegalArgumentException("the API page's document path '" + documentPath
                        + "' lies below " + ApiPage.PATH + ", where the page itself is served");
            }
            this.documentPath = documentPath;
            return this;
        }

        /** @return the server, not yet started */
        public LocalServer build() {
            if (handler == null) {
                throw new IllegalStateException("a local server needs a handler");
            }
            return new LocalServer(this);
        }
    }
}

package io.github.dynacrud.lambda.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Lambda Runtime API (version 2018-06-01) on {@code 127.0.0.1}, as far as a runtime interface client uses it:
 * {@code invocation/next} hands out queued events one at a time, {@code invocation/{id}/response} and
 * {@code invocation/{id}/error} complete them, {@code init/error} records a failed start.
 */
public final class RuntimeApiEmulator implements AutoCloseable {
    private static final String FUNCTION_ARN =
            "arn:aws:lambda:us-east-1:123456789012:function:" + FunctionProcess.FUNCTION_NAME;
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final String TRACE_ID = "Root=1-67b0c0de-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0";

    private final HttpServer server;
    private final ExecutorService threads;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final AtomicReference<String> initError = new AtomicReference<>();
    private final AtomicLong firstNextAt = new AtomicLong();
    private final AtomicInteger nextRequests = new AtomicInteger();
    private volatile boolean closed;

    private RuntimeApiEmulator(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts the emulator on a free loopback port.
     *
     * @return the running emulator
     * @throws IOException when it cannot listen
     */
    public static RuntimeApiEmulator start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        // One thread stays blocked in invocation/next while another takes the response.
        ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "runtime-api-emulator");
            thread.setDaemon(true);
            return thread;
        });
        RuntimeApiEmulator emulator = new RuntimeApiEmulator(server, threads);
        server.createContext(PREFIX, emulator::handle);
        server.setExecutor(threads);
        server.start();
        return emulator;
    }

    /** @return {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API} */
    public String address() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /**
     * Queues one event for the function.
     *
     * @param eventJson the event as Lambda's frontend sends it
     * @return the outcome, completed when the function posts a response or an error
     */
    public CompletableFuture<Outcome> invoke(String eventJson) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), eventJson, new CompletableFuture<>(), 0);
        queue.add(invocation);
        return invocation.outcome;
    }

    /**
     * Waits for the answer to one event for as long as the function runs.
     *
     * @param answer   what {@link #invoke} returned
     * @param function the function that should answer
     * @param timeout  the longest wait
     * @param event    the event, for the failure message
     * @return the function's answer
     * @throws IllegalStateException when the function exits, or the time runs out, before it answers
     * @throws InterruptedException  when the wait is interrupted
     * @throws ExecutionException    when the answer completed exceptionally
     */
    public Outcome await(CompletableFuture<Outcome> answer, FunctionProcess function, Duration timeout, String event)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return answer.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!function.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException((function.isAlive() ? "no answer within " + timeout.toSeconds()
                            + " s to " : "the function exited before answering ") + event + "; init error: "
                            + initError().orElse("none") + "\n" + function.output());
                }
            }
        }
    }

    /** @return the body the client posted to {@code init/error}, if it did */
    public Optional<String> initError() {
        return Optional.ofNullable(initError.get());
    }

    /** @return {@link System#nanoTime()} when the client first asked for an event, that is when init ended; 0 before */
    public long firstNextAt() {
        return firstNextAt.get();
    }

    /** @return how many times the client has asked for an event; one more than it has answered once it waits again */
    public int nextRequests() {
        return nextRequests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError.set(body(exchange) + " (Lambda-Runtime-Function-Error-Type: "
                        + exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type") + ")");
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                complete(exchange, path);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"unknown path " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstNextAt.compareAndSet(0, System.nanoTime());
        nextRequests.incrementAndGet();
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = queue.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            send(exchange, 500, "{\"errorMessage\":\"the emulator is closing\"}");
            return;
        }
        running.put(invocation.requestId, invocation.fetched(System.nanoTime()));
        var headers = exchange.getResponseHeaders();
        // The native client reads all of these; a missing one crashes it. Empty values count as absent.
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        headers.set("Lambda-Runtime-Trace-Id", TRACE_ID);
        headers.set("Lambda-Runtime-Client-Context", "");
        headers.set("Lambda-Runtime-Cognito-Identity", "");
        headers.set("Content-Type", "application/json");
        send(exchange, 200, invocation.eventJson);
    }

    private void complete(HttpExchange exchange, String path) throws IOException {
        String rest = path.substring("invocation/".length());
        String requestId = rest.substring(0, rest.indexOf('/'));
        boolean success = rest.endsWith("/response");
        String body = body(exchange);
        Invocation invocation = running.remove(requestId);
        if (invocation == null) {
            send(exchange, 400, "{\"errorMessage\":\"unknown or completed request id\"}");
            return;
        }
        invocation.outcome.complete(new Outcome(success, body,
                exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"), invocation.fetchedAt,
                System.nanoTime()));
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Stops answering; a client blocked in {@code invocation/next} gets a 500. */
    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Invocation(String requestId, String eventJson, CompletableFuture<Outcome> outcome, long fetchedAt) {
        Invocation fetched(long at) {
            return new Invocation(requestId, eventJson, outcome, at);
        }
    }

    /**
     * What the function answered to one event.
     *
     * @param success    {@code true} for {@code response}, {@code false} for {@code error}
     * @param body       the posted body: the serialized response event, or the error
     * @param errorType  the {@code Lambda-Runtime-Function-Error-Type} header of an error
     * @param fetchedAt  {@link System#nanoTime()} when the client took the event
     * @param receivedAt {@link System#nanoTime()} when its answer arrived
     */
    public record Outcome(boolean success, String body, String errorType, long fetchedAt, long receivedAt) {
        /** @return how long the function took, as Lambda's {@code Duration} counts it */
        public long durationMillis() {
            return TimeUnit.NANOSECONDS.toMillis(receivedAt - fetchedAt);
        }
    }
}

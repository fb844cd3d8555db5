package io.github.dynacrud.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.http.HttpRequest;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.internal.EventMapping;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Lambda entry point of an API Gateway HTTP API (payload format 2.0): turns each event into an
 * {@link HttpRequest}, lets the {@link Router} answer it, and turns the response back into an event. Subclass it, build
 * the router once in the constructor, and give the function's handler as {@code com.example.TodoHandler}. A second
 * constructor taking a {@code SingleTable} lets unit tests pass a table on a mocked client, with no environment.
 *
 * <pre>{@code
 * public class TodoHandler extends HttpApiHandler {
 *     public TodoHandler() {
 *         this(SingleTable.fromEnvironment());
 *     }
 *
 *     public TodoHandler(SingleTable table) {
 *         super(Router.builder().resource("/todos", table.repository(TODO)).build());
 *     }
 * }
 * }</pre>
 *
 * <p>No event, however malformed, makes {@link #handleRequest} throw: a broken event gets a 400 problem, an unexpected
 * failure a 500 problem with the request id. Each request is logged as one event on the SLF4J logger
 * {@code io.github.dynacrud.lambda}, with the key-value pairs {@code method}, {@code route}, {@code status} and
 * {@code latency_ms} (never bodies or tokens), while the MDC holds {@code correlation_id} (API Gateway's request id)
 * and {@code function_request_id} (Lambda's); {@code dynacrud-lambda-logging} writes it as one JSON line.
 */
public class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.dynacrud.lambda");
    /** Powertools' key for the id of the event that caused the invocation: API Gateway's request id. */
    private static final String CORRELATION_ID = "correlation_id";
    /** Powertools' key for Lambda's id of the invocation. */
    private static final String FUNCTION_REQUEST_ID = "function_request_id";

    private final Router router;
    /** Priming resources registered with CRaC, which holds them only weakly. */
    private final java.util.List<Object> kept = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Creates the handler around a router built once per container.
     *
     * @param router the router that answers every request
     */
    protected HttpApiHandler(Router router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    /** Keeps an object reachable as long as this handler is. */
    final void keep(Object resource) {
        kept.add(resource);
    }

    /** @return the router */
    public final Router router() {
        return router;
    }

    /**
     * Answers one API Gateway event; never throws.
     *
     * @param event   the event, however malformed
     * @param context the Lambda context, possibly {@code null} in tests
     * @return the response event
     */
    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        String requestId = requestId(event);
        // Every line logged while this request runs, the request line and the router's own, names the invocation.
        MDC.put(CORRELATION_ID, requestId);
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put(FUNCTION_REQUEST_ID, context.getAwsRequestId());
        }
        try {
            String method = "-";
            Router.Routed routed;
            try {
                HttpRequest request = EventMapping.toRequest(event).withRequestId(requestId);
                method = request.method();
                routed = router.handle(request);
            } catch (RuntimeException | Error e) {
                // An event that is not a request: answered as the router answers its own failures.
                routed = router.handleFailure(HttpRequest.builder().requestId(requestId).build(), e);
            }
            APIGatewayV2HTTPResponse response = EventMapping.toEvent(routed.response());
            log(method, routed, (System.nanoTime() - start) / 1_000_000);
            return response;
        } finally {
            MDC.remove(CORRELATION_ID);
            MDC.remove(FUNCTION_REQUEST_ID);
        }
    }

    /** API Gateway's request id; a new one for an event without, so the log line and the problem agree. */
    private static String requestId(APIGatewayV2HTTPEvent event) {
        String id = event == null || event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        return id == null || id.isEmpty() ? java.util.UUID.randomUUID().toString() : id;
    }

    private static void log(String method, Router.Routed routed, long latencyMs) {
        String route = routed.route().orElse(null);
        int status = routed.response().status();
        LOG.atInfo()
                .addKeyValue("method", method)
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("latency_ms", latencyMs)
                .log("{} {}", route == null ? method + " (no route)" : route, status);
    }
}

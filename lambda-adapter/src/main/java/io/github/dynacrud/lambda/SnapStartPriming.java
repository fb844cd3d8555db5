package io.github.dynacrud.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.github.dynacrud.spi.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Opt-in SnapStart priming: before Lambda takes the snapshot, runs synthetic events through the whole handler path,
 * so the classes of event mapping, routing, JSON, problem responses and (with your events) validation are loaded and
 * compiled in the snapshot instead of on the first request after restore. Priming makes no network call as long as
 * your requests fail before DynamoDB (a validation error, an unknown route); after a restore, the random generator of
 * generated ids is seeded afresh, so restored copies never share one.
 *
 * <pre>{@code
 * public TodoHandler(SingleTable table) {
 *     super(router(table));
 *     SnapStartPriming.register(this, PrimingRequest.post("/todos").subject("priming").json("{}").build());
 * }
 * }</pre>
 *
 * <p>The built-in events are a GET and a JSON POST of an unknown path (404 problems), an OPTIONS preflight and an
 * event without a request context (400); add requests that reach your routes to prime JSON reading and validation.
 */
public final class SnapStartPriming implements Resource {
    private final HttpApiHandler handler;
    private final List<APIGatewayV2HTTPEvent> events;

    private SnapStartPriming(HttpApiHandler handler, List<APIGatewayV2HTTPEvent> events) {
        this.handler = handler;
        this.events = events;
    }

    /**
     * Registers priming of a handler with the CRaC runtime Lambda's SnapStart drives; does nothing visible elsewhere.
     *
     * @param handler the handler to prime
     * @param extra   more requests to run, such as an invalid create that exercises validation without DynamoDB
     * @return the registered resource, which must stay reachable; the handler keeps it
     */
    public static SnapStartPriming register(HttpApiHandler handler, PrimingRequest... extra) {
        SnapStartPriming priming = new SnapStartPriming(Objects.requireNonNull(handler, "handler"),
                events(List.of(extra)));
        handler.keep(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /**
     * Runs the priming events; called by the runtime before the snapshot.
     *
     * @param context the CRaC context
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    /**
     * Forgets the random generator of generated ids and their last value, which priming may have set up in the
     * snapshot: each restored copy then seeds its own on its first id, and no two copies continue one sequence.
     *
     * @param context the CRaC context
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        Snapshots.afterRestore();
    }

    /**
     * Runs the priming events now: the built-in ones, then yours.
     *
     * @return the status of each response, in order
     */
    public List<Integer> prime() {
        List<Integer> statuses = new ArrayList<>();
        for (APIGatewayV2HTTPEvent event : events) {
            statuses.add(handler.handleRequest(event, null).getStatusCode());
        }
        return statuses;
    }

    private static List<APIGatewayV2HTTPEvent> events(List<PrimingRequest> extra) {
        List<PrimingRequest> requests = new ArrayList<>();
        requests.add(PrimingRequest.get("/__dynacrud/priming").build());
        requests.add(PrimingRequest.post("/__dynacrud/priming").json("{\"priming\": [1, 2.5, true, null]}")
                .subject("priming").build());
        requests.add(PrimingRequest.request("OPTIONS", "/__dynacrud/priming").header("Origin", "https://priming.invalid")
                .header("Access-Control-Request-Method", "GET").build());
        requests.addAll(extra);
        List<APIGatewayV2HTTPEvent> events = new ArrayList<>();
        for (PrimingRequest request : requests) {
            events.add(Objects.requireNonNull(request, "priming request").toEvent("priming-" + (events.size() + 1)));
        }
        // An event that is not an HTTP API request primes the adapter's 400 answer.
        events.add(3, new APIGatewayV2HTTPEvent());
        return List.copyOf(events);
    }
}

package io.github.dynacrud.benchmarks;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The warm cost of one request: {@code handleRequest} of a create, a get and a list, against {@link CannedDynamoDb},
 * for each {@link Contender}. Everything a handler does with an event runs here except the DynamoDB client's own work
 * (building, signing and sending the request, parsing the answer), which costs both handlers alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandlerBenchmark {
    /** The handler measured: a {@link Contender} name. */
    @Param({"DYNACRUD", "BASELINE"})
    public String contender;

    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final APIGatewayV2HTTPEvent create = TodoEvents.create();
    private final APIGatewayV2HTTPEvent get = TodoEvents.get(CannedDynamoDb.ID);
    private final APIGatewayV2HTTPEvent list = TodoEvents.list();

    /** Builds the handler, and refuses to measure one that answers with an error. */
    @Setup
    public void setUp() {
        handler = Contender.valueOf(contender).handler(new CannedDynamoDb(), Map.of("TABLE_NAME", "todos"));
        expect(create(), 201);
        expect(get(), 200);
        expect(list(), 200);
    }

    private static void expect(APIGatewayV2HTTPResponse response, int status) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.getStatusCode() + ": "
                    + response.getBody());
        }
    }

    /** @return the answer to {@code POST /todos} */
    @Benchmark
    public APIGatewayV2HTTPResponse create() {
        return handler.handleRequest(create, null);
    }

    /** @return the answer to {@code GET /todos/{id}} */
    @Benchmark
    public APIGatewayV2HTTPResponse get() {
        return handler.handleRequest(get, null);
    }

    /** @return the answer to {@code GET /todos?limit=10} */
    @Benchmark
    public APIGatewayV2HTTPResponse list() {
        return handler.handleRequest(list, null);
    }
}

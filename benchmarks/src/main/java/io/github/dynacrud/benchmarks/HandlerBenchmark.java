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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The warm cost of one request: {@code handleRequest} of a create, a get, a list and a patch, for each
 * {@link Contender}, on a real DynamoDB client whose HTTP client answers from memory ({@link CannedDynamoDbHttp}):
 * everything a handler does with an event runs here, the SDK's marshalling, signing and parsing included, except the
 * network. {@code -p dynamoDb=CLIENT} measures the handlers alone, on {@link CannedDynamoDb} in place of the client.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandlerBenchmark {
    /** The handler measured: a {@link Contender} name. */
    @Param({"DYNACRUD", "BASELINE"})
    public String contender;

    /** What answers the handler's DynamoDB requests: {@code HTTP}, the SDK on a canned HTTP client; or {@code CLIENT}. */
    @Param({"HTTP"})
    public String dynamoDb;

    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final APIGatewayV2HTTPEvent create = TodoEvents.create();
    private final APIGatewayV2HTTPEvent get = TodoEvents.get(CannedDynamoDb.ID);
    private final APIGatewayV2HTTPEvent list = TodoEvents.list();
    private final APIGatewayV2HTTPEvent patch = TodoEvents.patch(CannedDynamoDb.ID, 3);

    /** Builds the handler, and refuses to measure one that answers with an error. */
    @Setup
    public void setUp() {
        DynamoDbClient client = switch (dynamoDb) {
            case "HTTP" -> CannedDynamoDbHttp.client();
            case "CLIENT" -> new CannedDynamoDb();
            default -> throw new IllegalArgumentException("dynamoDb is HTTP or CLIENT, not " + dynamoDb);
        };
        handler = Contender.valueOf(contender).handler(client, Map.of("TABLE_NAME", "todos"));
        expect(create(), 201);
        expect(get(), 200);
        expect(list(), 200);
        expect(patch(), 200);
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

    /** @return the answer to {@code PATCH /todos/{id}} */
    @Benchmark
    public APIGatewayV2HTTPResponse patch() {
        return handler.handleRequest(patch, null);
    }
}

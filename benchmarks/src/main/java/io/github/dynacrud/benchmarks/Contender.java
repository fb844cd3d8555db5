package io.github.dynacrud.benchmarks;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.benchmarks.baseline.BaselineTodoHandler;
import io.github.dynacrud.examples.todo.TodoHandler;
import io.github.dynacrud.table.SingleTable;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The todo handlers the benchmarks compare: the example built on dynacrud, the same routes by hand, and the example
 * without its logging binding (for cold starts only).
 */
enum Contender {
    /** {@code examples/todo}: dynacrud's router, validation, mapping and repository. */
    DYNACRUD("todo example (dynacrud)", TodoHandler.class,
            (client, environment) -> new TodoHandler(SingleTable.fromEnvironment(environment, client))),
    /** {@code benchmarks/baseline}: a switch, the low-level client and Jackson. */
    BASELINE("hand-written baseline", BaselineTodoHandler.class, BaselineTodoHandler::new),
    /** The todo example's jar without its SLF4J binding: SLF4J finds no provider and logs nothing. */
    DYNACRUD_WITHOUT_LOGGING("todo example without a logging binding", TodoHandler.class,
            (client, environment) -> new TodoHandler(SingleTable.fromEnvironment(environment, client)));

    private final String label;
    private final Class<?> handlerClass;
    private final BiFunction<DynamoDbClient, Map<String, String>,
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> factory;

    Contender(String label, Class<?> handlerClass, BiFunction<DynamoDbClient, Map<String, String>,
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> factory) {
        this.label = label;
        this.handlerClass = handlerClass;
        this.factory = factory;
    }

    /** @return how reports name it */
    String label() {
        return label;
    }

    /** @return the function's handler setting, such as {@code com.example.TodoHandler::handleRequest} */
    String handlerName() {
        return handlerClass.getName() + "::handleRequest";
    }

    /**
     * Builds the handler in this JVM, as its tests do.
     *
     * @param dynamoDb    the client it uses
     * @param environment its environment variables, {@code TABLE_NAME} at least
     * @return the handler
     */
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(DynamoDbClient dynamoDb,
            Map<String, String> environment) {
        return factory.apply(dynamoDb, environment);
    }
}

package io.github.dynacrud.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.examples.todo.Todo;
import io.github.dynacrud.examples.todo.TodoHandler;
import io.github.dynacrud.examples.users.User;
import io.github.dynacrud.examples.users.UserHandler;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.test.HttpApiEvents;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How many DynamoDB requests each API call makes, counted by an SDK interceptor on a real client against DynamoDB
 * Local: one per todo operation, and one transaction for a user with a unique email.
 */
class DynamoDbRequestsPerCallIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private final RequestCounter counter = new RequestCounter();
    private DynamoDbClient counted;
    private String table;

    @BeforeEach
    void countedClient() {
        counted = DynamoDbClient.builder()
                .endpointOverride(DYNAMODB.endpoint())
                .region(DynamoDbLocalExtension.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(counter))
                .build();
        table = DynamoDbLocalExtension.uniqueTableName("requests");
        LocalTable.create(DYNAMODB.client(), table, Todo.ENTITY, User.ENTITY);
    }

    @AfterEach
    void closeClient() {
        counted.close();
    }

    @Test
    void everyTodoOperation_makesExactlyOneRequest() {
        // GIVEN
        TodoHandler handler = new TodoHandler(SingleTable.builder().client(counted).tableName(table).build());

        // WHEN / THEN
        String id = HttpApiEvents.json(call(handler, TodoEvents.create(), 201, List.of("PutItem")))
                .path("id").asText();
        call(handler, TodoEvents.get(id), 200, List.of("GetItem"));
        call(handler, TodoEvents.list(), 200, List.of("Query"));
        call(handler, TodoEvents.patch(id, 1), 200, List.of("UpdateItem"));
        call(handler, HttpApiEvents.get("/todos").query("done", "false").subject(TodoEvents.OWNER).build(), 200,
                List.of("Query"));
        call(handler, HttpApiEvents.put("/todos/" + id).subject(TodoEvents.OWNER).header("If-Match", "\"2\"")
                .json("{\"title\": \"Replaced\", \"done\": true}").build(), 200, List.of("UpdateItem"));
        call(handler, HttpApiEvents.patch("/todos/" + id).subject(TodoEvents.OWNER).header("If-Match", "\"3\"")
                .body("{\"done\": false}").header("Content-Type", "application/merge-patch+json").build(), 200,
                List.of("UpdateItem"));
        call(handler, HttpApiEvents.delete("/todos/" + id).subject(TodoEvents.OWNER).header("If-Match", "\"4\"")
                .build(), 204, List.of("DeleteItem"));
        call(handler, TodoEvents.get(id), 404, List.of("GetItem"));
    }

    @Test
    void staleOrMissingWrites_areRefusedWithinTheirOneRequest() {
        // GIVEN
        TodoHandler handler = new TodoHandler(SingleTable.builder().client(counted).tableName(table).build());
        String id = HttpApiEvents.json(call(handler, TodoEvents.create(), 201, List.of("PutItem")))
                .path("id").asText();

        // WHEN / THEN: conditions tell a stale version from a missing item without a second read
        call(handler, HttpApiEvents.delete("/todos/" + id).subject(TodoEvents.OWNER).header("If-Match", "\"7\"")
                .build(), 412, List.of("DeleteItem"));
        call(handler, HttpApiEvents.delete("/todos/01JD0000000000000000000404").subject(TodoEvents.OWNER).build(),
                404, List.of("DeleteItem"));
    }

    @Test
    void baselineOperations_makeExactlyOneRequestEach() {
        // GIVEN
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                Contender.BASELINE.handler(counted, Map.of("TABLE_NAME", table));

        // WHEN / THEN
        String id = HttpApiEvents.json(call(handler, TodoEvents.create(), 201, List.of("PutItem")))
                .path("id").asText();
        call(handler, TodoEvents.get(id), 200, List.of("GetItem"));
        call(handler, TodoEvents.list(), 200, List.of("Query"));
        APIGatewayV2HTTPResponse patched = call(handler, TodoEvents.patch(id, 1), 200, List.of("UpdateItem"));
        assertThat(HttpApiEvents.json(patched).path("title").asText()).isEqualTo("Measure the warm cost");
        assertThat(HttpApiEvents.json(patched).path("version").asLong()).isEqualTo(2);
        call(handler, TodoEvents.patch(id, 1), 412, List.of("UpdateItem"));
    }

    @Test
    void userWithUniqueEmail_isCreatedInOneTransaction() {
        // GIVEN
        UserHandler handler = new UserHandler(SingleTable.builder().client(counted).tableName(table).build());

        // WHEN / THEN
        call(handler, HttpApiEvents.post("/users").subject("admin").scopes(UserHandler.WRITE)
                .json("{\"email\": \"ada@example.com\", \"name\": \"Ada Lovelace\"}").build(), 201,
                List.of("TransactWriteItems"));
        call(handler, HttpApiEvents.post("/users").subject("admin").scopes(UserHandler.WRITE)
                .json("{\"email\": \"ada@example.com\", \"name\": \"Someone Else\"}").build(), 409,
                List.of("TransactWriteItems"));
    }

    private APIGatewayV2HTTPResponse call(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            APIGatewayV2HTTPEvent event, int status, List<String> operations) {
        counter.drain();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertThat(response.getStatusCode()).as("%s %s: %s", event.getRequestContext().getHttp().getMethod(),
                event.getRawPath(), response.getBody()).isEqualTo(status);
        assertThat(counter.drain()).as("DynamoDB requests of %s %s", event.getRequestContext().getHttp().getMethod(),
                event.getRawPath()).isEqualTo(operations);
        return response;
    }
}

package io.github.dynacrud.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.http.HttpRequest;
import io.github.dynacrud.http.HttpResponse;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
// tag::idempotency-imports[]
import io.github.dynacrud.UnauthorizedException;
import io.github.dynacrud.http.EntityJson;
import io.github.dynacrud.http.Idempotency;
import io.github.dynacrud.http.Principal;
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.table.IdempotencyStore;
import io.github.dynacrud.table.Scope;
import java.time.Duration;
// end::idempotency-imports[]
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The code of docs/idempotency.md, run against DynamoDB Local; {@link DocSnippetsTest} fails when the two drift apart.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class IdempotencyGuideIT {
    private SingleTable table;
    private EntityRepository<Todo> todos;

    @BeforeEach
    void createTable(DynamoDbClient dynamoDb) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("idempotency-guide");
        LocalTable.create(dynamoDb, tableName, Todo.ENTITY);
        table = SingleTable.builder().client(dynamoDb).tableName(tableName).build();
        todos = table.repository(Todo.ENTITY);
    }

    private static HttpRequest post(String path, String key) {
        return HttpRequest.builder().method("POST").path(path).principal(Principal.of("alice"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .body("{\"title\": \"Pay rent\"}").build();
    }

    private static void assertReplayed(Router router, String path) {
        HttpResponse first = router.route(post(path, "rent-2026-03"));
        HttpResponse again = router.route(post(path, "rent-2026-03"));
        assertThat(first.status()).as(first.bodyText()).isEqualTo(201);
        assertThat(first.headers().first("Idempotent-Replayed")).isEmpty();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().first("Location")).isEqualTo(first.headers().first("Location"));
        assertThat(again.headers().first("Idempotent-Replayed")).contains("true");
    }

    @Test
    void resource_replaysARepeatedCreate() {
        // tag::idempotency-resource[]
        Router router = Router.builder()
                .resource("/todos", todos, ResourceOptions.builder()
                        .idempotency(Idempotency.of(IdempotencyStore.builder()
                                .expiryAttribute("expiresAt")   // the table's TTL attribute
                                .period(Duration.ofHours(24))
                                .build()))
                        .build())
                .build();
        // end::idempotency-resource[]

        assertReplayed(router, "/todos");
    }

    @Test
    void customRoute_replaysARepeatedCreate() {
        // tag::idempotency-custom-route[]
        var json = EntityJson.of(todos.entity());
        Idempotency idempotency = Idempotency.of(IdempotencyStore.defaults());
        Router router = Router.builder()
                .post("/inbox", request -> {
                    Principal caller = request.principal()
                            .orElseThrow(() -> new UnauthorizedException("sign in first"));
                    Scope scope = Scope.owner(caller.subject());
                    return idempotency.respond(request, caller.subject(), table, transaction ->
                            json.created(request, json.withJsonNames(() ->
                                    transaction.create(todos, scope, json.read(request)))));
                })
                .build();
        // end::idempotency-custom-route[]

        assertReplayed(router, "/inbox");
    }
}

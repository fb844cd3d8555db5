package io.github.dynacrud.lambda.docs;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiEvents;
import io.github.dynacrud.lambda.HttpApiHandler;
import io.github.dynacrud.lambda.SnapStartPriming;
import io.github.dynacrud.table.SingleTable;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

// tag::handler[]
public class GuideTodoHandler extends HttpApiHandler {
    public record Todo(String ownerId, String id, @NotBlank String title, boolean done, Long version,
            Instant createdAt, Instant updatedAt) {
    }

    static final Entity<Todo> TODO = Entity.of(Todo.class)
            .partitionKey("USER#{ownerId}").sortKey("TODO#{id}")
            .generatedId("id").owner("ownerId").version("version").timestamps("createdAt", "updatedAt")
            .build();

    /** The constructor Lambda calls. */
    public GuideTodoHandler() {
        this(SingleTable.defaultClient(System.getenv()));
    }

    /** The constructor unit tests call with a mocked client. */
    public GuideTodoHandler(DynamoDbClient dynamoDb) {
        super(Router.builder()
                .cors(CorsPolicy.builder().anyOrigin().build())
                .resource("/todos", SingleTable.fromEnvironment(System.getenv(), dynamoDb).repository(TODO))
                .build());
        SnapStartPriming.register(this, HttpApiEvents.post("/todos").subject("priming").json("{}").build());
    }
}
// end::handler[]

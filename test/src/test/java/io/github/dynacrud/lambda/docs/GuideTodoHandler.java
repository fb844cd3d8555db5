package io.github.dynacrud.lambda.docs;

// tag::handler[]
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiHandler;
import io.github.dynacrud.lambda.PrimingRequest;
import io.github.dynacrud.lambda.SnapStartPriming;
import io.github.dynacrud.table.SingleTable;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;

public class GuideTodoHandler extends HttpApiHandler {
    public record Todo(String ownerId, String id, @NotBlank String title, boolean done, Long version,
            Instant createdAt, Instant updatedAt) {
    }

    static final Entity<Todo> TODO = Entity.of(Todo.class)
            .partitionKey("USER#{ownerId}").sortKey("TODO#{id}")
            .generatedId("id").owner("ownerId").version("version").timestamps("createdAt", "updatedAt")
            .build();

    /** The constructor Lambda calls: the table named by TABLE_NAME, in AWS_REGION. */
    public GuideTodoHandler() {
        this(SingleTable.fromEnvironment());
    }

    /** The constructor unit tests call, with a table on a mocked client: no environment needed. */
    public GuideTodoHandler(SingleTable table) {
        super(Router.builder()
                .cors(CorsPolicy.builder().anyOrigin().build())
                .resource("/todos", table.repository(TODO))
                .build());
        SnapStartPriming.register(this, PrimingRequest.post("/todos").subject("priming").json("{}").build());
    }
}
// end::handler[]

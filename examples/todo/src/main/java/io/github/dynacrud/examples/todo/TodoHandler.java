package io.github.dynacrud.examples.todo;

// tag::todo-handler[]
import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.Idempotency;
import io.github.dynacrud.http.OpenApi;
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiHandler;
import io.github.dynacrud.lambda.PrimingRequest;
import io.github.dynacrud.lambda.SnapStartPriming;
import io.github.dynacrud.table.IdempotencyStore;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import java.util.Map;

/** The todo API: the Lambda handler named in template.yaml. */
public class TodoHandler extends HttpApiHandler {
    /** The constructor Lambda calls: TABLE_NAME, ALLOWED_ORIGINS, AWS_REGION and the endpoint from the environment. */
    public TodoHandler() {
        this(SingleTable.fromEnvironment(), System.getenv().getOrDefault("ALLOWED_ORIGINS", "*"));
    }

    /** The constructor unit tests and the local runner call: a table on their own client, any origin. */
    public TodoHandler(SingleTable table) {
        this(table, "*");
    }

    /** Serves the todos of a table to browsers on comma-separated origins, such as "https://a.example, http://b.example". */
    public TodoHandler(SingleTable table, String allowedOrigins) {
        super(Router.builder()
                .cors(CorsPolicy.builder().allowedOrigins(allowedOrigins.split("\\s*,\\s*"))
                        .allowedHeaders("Content-Type", "Authorization", "If-Match", "If-None-Match",
                                Idempotency.KEY_HEADER)
                        .exposedHeaders("ETag", "Location", Idempotency.REPLAYED_HEADER)
                        .build())
                .resource("/todos", table.repository(Todo.ENTITY), ResourceOptions.builder()
                        .idempotency(Idempotency.of(IdempotencyStore.defaults()))
                        .listFilter("done", Boolean.class, done -> Query.index("GSI1")
                                .sortKey(SortKeyCondition.beginsWith(Map.of("done", done))))
                        .build())
                .openApi("/openapi.json", OpenApi.Info.of("Todo API", "1.0.0"))
                .build());
        SnapStartPriming.register(this, PrimingRequest.post("/todos").subject("priming").json("{}").build());
    }
}
// end::todo-handler[]

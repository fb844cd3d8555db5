package io.github.dynacrud.examples.notes;

import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.Idempotency;
import io.github.dynacrud.http.OpenApi;
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiHandler;
import io.github.dynacrud.lambda.PrimingRequest;
import io.github.dynacrud.lambda.SnapStartPriming;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.IdempotencyStore;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import java.util.Map;

/** The notes API: the Lambda handler named in template.yaml. */
public class NotesHandler extends HttpApiHandler {
    /** The constructor Lambda calls: TABLE_NAME, ALLOWED_ORIGINS, AWS_REGION and the endpoint from the environment. */
    public NotesHandler() {
        this(SingleTable.fromEnvironment(), System.getenv().getOrDefault("ALLOWED_ORIGINS", "*"));
    }

    /** The constructor unit tests and the local runner call: a table on their own client, any origin. */
    public NotesHandler(SingleTable table) {
        this(table, "*");
    }

    /** Serves the notebooks and notes of a table to browsers on comma-separated origins. */
    public NotesHandler(SingleTable table, String allowedOrigins) {
        super(router(table.repository(Notebook.ENTITY), table.repository(Note.ENTITY), allowedOrigins));
        SnapStartPriming.register(this, PrimingRequest.post("/notebooks").subject("priming").json("{}").build());
    }

    private static Router router(EntityRepository<Notebook> notebooks, EntityRepository<Note> notes, String origins) {
        return Router.builder()
                .cors(CorsPolicy.builder().allowedOrigins(origins.split("\\s*,\\s*")).allowedHeaders("Content-Type",
                        "Authorization", "If-Match", "If-None-Match", Idempotency.KEY_HEADER)
                        .exposedHeaders("ETag", "Location", Idempotency.REPLAYED_HEADER).build())
                .resource("/notebooks", notebooks, ResourceOptions.builder().listQuery(() -> Query.index("GSI1"))
                        .include("notes", notes).idempotency(Idempotency.of(IdempotencyStore.defaults())).build())
                .resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
                        .parent(notebooks, "noteCount").idempotency(Idempotency.of(IdempotencyStore.defaults()))
                        .listFilter("pinned", Boolean.class, pinned -> Query.index("GSI1")
                                .sortKey(SortKeyCondition.beginsWith(Map.of("pinned", pinned)))).build())
                .openApi("/openapi.json", OpenApi.Info.of("Notes API", "1.0.0"))
                .build();
    }
}

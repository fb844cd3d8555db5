package io.github.dynacrud.examples.todo;

import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiEvents;
import io.github.dynacrud.lambda.HttpApiHandler;
import io.github.dynacrud.lambda.SnapStartPriming;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

// tag::todo-handler[]
/** The todo API: the Lambda handler named in template.yaml. */
public class TodoHandler extends HttpApiHandler {
    /** The constructor Lambda calls: TABLE_NAME, AWS_REGION and AWS_ENDPOINT_URL_DYNAMODB from the environment. */
    public TodoHandler() {
        this(SingleTable.defaultClient(System.getenv()), System.getenv());
    }

    /** The constructor tests and the local runner call, with their own client and environment. */
    public TodoHandler(DynamoDbClient dynamoDb, Map<String, String> environment) {
        super(Router.builder()
                .cors(CorsPolicy.builder()
                        .allowedOrigins(environment.getOrDefault("ALLOWED_ORIGINS", "*").split("\\s*,\\s*"))
                        .build())
                .resource("/todos", SingleTable.fromEnvironment(environment, dynamoDb).repository(Todo.ENTITY),
                        ResourceOptions.builder()
                                .listFilter("done", Boolean.class, done -> Query.index("GSI1")
                                        .sortKey(SortKeyCondition.beginsWith(Map.of("done", done))))
                                .build())
                .build());
        SnapStartPriming.register(this, HttpApiEvents.post("/todos").subject("priming").json("{}").build());
    }
}
// end::todo-handler[]

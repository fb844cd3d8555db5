package io.github.dynacrud.lambda;

import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A handler as a user writes it: the todo resource on a router, with a constructor for a mocked client. */
public class TodoTestHandler extends HttpApiHandler {
    public TodoTestHandler(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, "");
    }

    /** The same behind a custom domain whose API mapping adds a base path, such as {@code /v1}. */
    public TodoTestHandler(DynamoDbClient dynamoDb, String tableName, String basePath) {
        super(Router.builder()
                .basePath(basePath)
                .cors(CorsPolicy.builder().anyOrigin().build())
                .resource("/todos", SingleTable.fromEnvironment(Map.of("TABLE_NAME", tableName), dynamoDb)
                        .repository(Todo.ENTITY), ResourceOptions.builder()
                        .listFilter("done", Boolean.class, done -> Query.index("GSI1")
                                .sortKey(SortKeyCondition.beginsWith(Map.of("done", done))))
                        .build())
                .build());
    }
}

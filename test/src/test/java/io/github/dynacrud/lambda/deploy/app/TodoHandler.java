package io.github.dynacrud.lambda.deploy.app;

import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiHandler;
import io.github.dynacrud.table.SingleTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The function LambdaRuntimeDeploymentIT deploys, written as a user writes one: Lambda calls the no-argument
 * constructor, which reads {@code TABLE_NAME}, {@code AWS_REGION} and {@code AWS_ENDPOINT_URL_DYNAMODB} from the
 * environment.
 */
public class TodoHandler extends HttpApiHandler {
    public TodoHandler() {
        this(SingleTable.defaultClient(System.getenv()));
    }

    public TodoHandler(DynamoDbClient dynamoDb) {
        super(Router.builder()
                .resource("/todos", SingleTable.fromEnvironment(System.getenv(), dynamoDb).repository(Todo.ENTITY))
                .build());
    }
}

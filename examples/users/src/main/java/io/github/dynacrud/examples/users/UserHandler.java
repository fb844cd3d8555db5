package io.github.dynacrud.examples.users;

import static io.github.dynacrud.http.ResourceOptions.Operation.CREATE;
import static io.github.dynacrud.http.ResourceOptions.Operation.DELETE;
import static io.github.dynacrud.http.ResourceOptions.Operation.PATCH;
import static io.github.dynacrud.http.ResourceOptions.Operation.REPLACE;

import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiEvents;
import io.github.dynacrud.lambda.HttpApiHandler;
import io.github.dynacrud.lambda.SnapStartPriming;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

// tag::user-handler[]
/** The users API: the Lambda handler named in template.yaml. Any caller reads; writes need {@value #WRITE}. */
public class UserHandler extends HttpApiHandler {
    /** The JWT scope that creating, replacing, patching and deleting users require. */
    public static final String WRITE = "users:write";

    /** The constructor Lambda calls: TABLE_NAME, AWS_REGION and AWS_ENDPOINT_URL_DYNAMODB from the environment. */
    public UserHandler() {
        this(SingleTable.defaultClient(System.getenv()), System.getenv());
    }

    /** The constructor tests and the local runner call, with their own client and environment. */
    public UserHandler(DynamoDbClient dynamoDb, Map<String, String> environment) {
        super(Router.builder()
                .cors(CorsPolicy.builder()
                        .allowedOrigins(environment.getOrDefault("ALLOWED_ORIGINS", "*").split("\\s*,\\s*"))
                        .build())
                .resource("/users", SingleTable.fromEnvironment(environment, dynamoDb).repository(User.ENTITY),
                        ResourceOptions.builder()
                                .listFilter("email", String.class, email -> Query.index("GSI1")
                                        .partition("email", email))
                                .scopes(CREATE, WRITE).scopes(REPLACE, WRITE).scopes(PATCH, WRITE)
                                .scopes(DELETE, WRITE)
                                .build())
                .build());
        // An empty user fails validation before DynamoDB, so priming makes no network call.
        SnapStartPriming.register(this,
                HttpApiEvents.post("/users").subject("priming").scopes(WRITE).json("{}").build());
    }
}
// end::user-handler[]

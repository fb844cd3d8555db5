package io.github.dynacrud.examples.users;

import static io.github.dynacrud.http.ResourceOptions.Operation.CREATE;
import static io.github.dynacrud.http.ResourceOptions.Operation.DELETE;
import static io.github.dynacrud.http.ResourceOptions.Operation.PATCH;
import static io.github.dynacrud.http.ResourceOptions.Operation.REPLACE;

import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.OpenApi;
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiHandler;
import io.github.dynacrud.lambda.PrimingRequest;
import io.github.dynacrud.lambda.SnapStartPriming;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;

// tag::user-handler[]
/** The users API: the Lambda handler named in template.yaml. Any caller reads; writes need {@value #WRITE}. */
public class UserHandler extends HttpApiHandler {
    /** The JWT scope that creating, replacing, patching and deleting users require. */
    public static final String WRITE = "users:write";

    /** The constructor Lambda calls: TABLE_NAME, ALLOWED_ORIGINS, AWS_REGION and the endpoint from the environment. */
    public UserHandler() {
        this(SingleTable.fromEnvironment(), System.getenv().getOrDefault("ALLOWED_ORIGINS", "*"));
    }

    /** The constructor unit tests and the local runner call: a table on their own client, any origin. */
    public UserHandler(SingleTable table) {
        this(table, "*");
    }

    /** Serves the users of a table to browsers on comma-separated origins, such as "https://a.example, http://b.example". */
    public UserHandler(SingleTable table, String allowedOrigins) {
        super(Router.builder()
                .cors(CorsPolicy.builder().allowedOrigins(allowedOrigins.split("\\s*,\\s*")).build())
                .resource("/users", table.repository(User.ENTITY), ResourceOptions.builder()
                        .listFilter("email", String.class, email -> Query.index("GSI1").partition("email", email))
                        .scopes(CREATE, WRITE).scopes(REPLACE, WRITE).scopes(PATCH, WRITE).scopes(DELETE, WRITE)
                        .build())
                .openApi("/openapi.json", OpenApi.Info.of("Users API", "1.0.0"))
                .build());
        // An empty user fails validation before DynamoDB, so priming makes no network call.
        SnapStartPriming.register(this,
                PrimingRequest.post("/users").subject("priming").scopes(WRITE).json("{}").build());
    }
}
// end::user-handler[]

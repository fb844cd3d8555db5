package io.github.dynacrud.benchmarks;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.dynacrud.benchmarks.baseline.BaselineTodoHandler;
import io.github.dynacrud.examples.todo.Todo;
import io.github.dynacrud.examples.todo.TodoHandler;
import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.internal.Validation;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Times the steps of a todo handler's construction in a fresh JVM, in the order its constructor takes them, and
 * prints one {@code step<TAB>milliseconds} line per step. {@link ColdStart} runs it with only the function's jar and
 * this class on the class path, so each step pays for the classes it loads first.
 */
public final class InitSteps {
    /** As Lambda sets it without SnapStart, credentials included. */
    private static final Map<String, String> ENVIRONMENT = Map.of("AWS_REGION", "us-east-1",
            "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9", "TABLE_NAME", "todos",
            "AWS_ACCESS_KEY_ID", "ASIAINITSTEPS", "AWS_SECRET_ACCESS_KEY", "secret");

    private long lapStart = System.nanoTime();

    private InitSteps() {
    }

    /**
     * Times one handler's construction.
     *
     * @param args {@code dynacrud} or {@code baseline}; not a {@link Contender}, whose constants name both handlers'
     *             classes while only one handler's jar is on the class path
     */
    public static void main(String[] args) {
        InitSteps steps = new InitSteps();
        boolean dynacrud = args[0].equals("dynacrud");
        DynamoDbClient client = dynacrud ? Dynacrud.client() : Baseline.client();
        steps.lap("DynamoDB client (dynacrud's `SingleTable.defaultClient`, the baseline's own)");
        JsonMapper.builder().build();
        steps.lap("a plain Jackson JsonMapper (both)");
        if (dynacrud) {
            Dynacrud.steps(steps, client);
        } else {
            Baseline.steps(steps, client);
        }
    }

    private void lap(String step) {
        long now = System.nanoTime();
        System.out.println(step + "\t" + (now - lapStart) / 1e6);
        lapStart = System.nanoTime();
    }

    /** The todo example's steps; a class of its own, so the baseline's run never loads dynacrud. */
    private static final class Dynacrud {
        static DynamoDbClient client() {
            return SingleTable.defaultClient(ENVIRONMENT);
        }

        static void steps(InitSteps steps, DynamoDbClient client) {
            Objects.requireNonNull(Todo.ENTITY);
            steps.lap("`Todo.ENTITY`: the entity and its checks");
            Validation.prepare(Todo.class);
            steps.lap("validation: `Todo`'s constraints, read for the built-in checks");
            EntityRepository<Todo> todos = SingleTable.fromEnvironment(ENVIRONMENT, client).repository(Todo.ENTITY);
            steps.lap("the repository: the static table schema");
            Router.builder().cors(CorsPolicy.builder().allowedOrigins("*").build())
                    .resource("/todos", todos, ResourceOptions.builder()
                            .listFilter("done", Boolean.class, done -> Query.index("GSI1")
                                    .sortKey(SortKeyCondition.beginsWith(Map.of("done", done))))
                            .build())
                    .build();
            steps.lap("the router: dynacrud's JSON mapper, CORS and the resource");
            new TodoHandler(SingleTable.fromEnvironment(ENVIRONMENT, client));
            steps.lap("the handler as Lambda builds it, once the steps above are warm");
        }
    }

    /** The baseline's one step beyond the client and the mapper. */
    private static final class Baseline {
        /** As the baseline builds it: the default credentials chain. */
        static DynamoDbClient client() {
            return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .region(Region.of(ENVIRONMENT.get("AWS_REGION")))
                    .endpointOverride(URI.create(ENVIRONMENT.get("AWS_ENDPOINT_URL_DYNAMODB"))).build();
        }

        static void steps(InitSteps steps, DynamoDbClient client) {
            new BaselineTodoHandler(client, ENVIRONMENT);
            steps.lap("the baseline handler: its own mapper and helpers");
        }
    }
}

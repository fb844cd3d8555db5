package io.github.dynacrud.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.http.Access;
import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.Filter;
import io.github.dynacrud.http.HttpRequest;
import io.github.dynacrud.http.HttpResponse;
import io.github.dynacrud.http.Principal;
import io.github.dynacrud.http.Problem;
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The code of docs/routing.md, run against DynamoDB Local; {@link DocSnippetsTest} fails when the two drift apart.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class RoutingGuideIT {
    /** Thrown by the example's quota check. */
    static class QuotaExceededException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private Router router;

    @BeforeEach
    void buildRouter(DynamoDbClient dynamoDb) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("routing");
        LocalTable.create(dynamoDb, tableName, Todo.ENTITY);
        EntityRepository<Todo> todos = SingleTable.builder().client(dynamoDb).tableName(tableName).build()
                .repository(Todo.ENTITY);

        // tag::router[]
        Router router = Router.builder()
                .cors(CorsPolicy.builder().allowedOrigins("https://app.example.com").build())
                .get("/health", request -> HttpResponse.json(200, Map.of("status", "ok")))
                .group("/admin", admin -> admin
                        .get("/whoami", Access.scopes(request ->
                                HttpResponse.json(200, Map.of("subject", request.principal().orElseThrow().subject())),
                                "admin")))
                .resource("/todos", todos, ResourceOptions.builder()
                        .listFilter("done", Boolean.class, done -> Query.index("GSI1")
                                .sortKey(SortKeyCondition.beginsWith(Map.of("done", done))))
                        .scopes(ResourceOptions.Operation.DELETE, "todos:delete")
                        .build())
                .filter(new Filter() {
                    @Override
                    public HttpResponse after(HttpRequest request, HttpResponse response) {
                        return response.withHeader("Cache-Control", "no-store");
                    }
                })
                .exception(QuotaExceededException.class, (e, request) ->
                        HttpResponse.problem(Problem.of(429, "slow down", request.requestId())))
                .build();
        // end::router[]
        this.router = router;
    }

    @Test
    void crud_asTheGuideShowsIt() {
        // tag::request[]
        HttpResponse created = router.route(HttpRequest.builder()
                .method("POST").path("/todos")
                .header("Content-Type", "application/json")
                .body("{\"title\": \"Write the routing guide\"}")
                .principal(Principal.of("alice"))
                .build());
        // created.status() == 201, Location: /todos/<id>, ETag: "1"
        // end::request[]

        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        assertThat(created.headers().first("ETag")).contains("\"1\"");
        String location = created.headers().first("Location").orElseThrow();
        assertThat(location).matches("/todos/[0-9A-Z]{26}");
        assertThat(created.headers().first("Cache-Control")).contains("no-store");
        assertThat(created.bodyText()).contains("\"title\":\"Write the routing guide\"").doesNotContain("ownerId");

        HttpResponse read = router.route(HttpRequest.builder().path(location).principal(Principal.of("alice")).build());
        assertThat(read.status()).isEqualTo(200);
        HttpResponse otherOwner = router.route(HttpRequest.builder().path(location)
                .principal(Principal.of("bob")).build());
        assertThat(otherOwner.status()).isEqualTo(404);
        assertThat(otherOwner.headers().first("Content-Type")).contains("application/problem+json");

        HttpResponse patched = router.route(HttpRequest.builder().method("PATCH").path(location)
                .header("Content-Type", "application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"done\": true}").principal(Principal.of("alice")).build());
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.headers().first("ETag")).contains("\"2\"");

        HttpResponse stale = router.route(HttpRequest.builder().method("PATCH").path(location)
                .header("Content-Type", "application/json").header("If-Match", "\"1\"")
                .body("{\"done\": false}").principal(Principal.of("alice")).build());
        assertThat(stale.status()).isEqualTo(412);

        HttpResponse done = router.route(HttpRequest.builder().path("/todos").queryParameter("done", "true")
                .principal(Principal.of("alice")).build());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.bodyText()).contains("Write the routing guide").contains("\"nextCursor\":null");

        HttpResponse forbidden = router.route(HttpRequest.builder().method("DELETE").path(location)
                .principal(Principal.of("alice")).build());
        assertThat(forbidden.status()).isEqualTo(403);
    }

    @Test
    void errorsAndCors_asTheGuideShowsThem() {
        HttpResponse wrongMethod = router.route(HttpRequest.builder().method("DELETE").path("/health").build());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers().first("Allow")).contains("GET, HEAD");

        HttpResponse preflight = router.route(HttpRequest.builder().method("OPTIONS").path("/todos")
                .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST").build());
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.headers().first("Access-Control-Allow-Origin")).contains("https://app.example.com");

        HttpResponse unauthenticated = router.route(HttpRequest.builder().path("/todos").build());
        assertThat(unauthenticated.status()).isEqualTo(401);

        HttpResponse whoami = router.route(HttpRequest.builder().path("/admin/whoami")
                .principal(new Principal("root", Map.of("sub", "root"), java.util.Set.of("admin"))).build());
        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.bodyText()).isEqualTo("{\"subject\":\"root\"}");
    }
}

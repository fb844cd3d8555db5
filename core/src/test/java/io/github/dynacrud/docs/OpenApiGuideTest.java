package io.github.dynacrud.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.http.Access;
import io.github.dynacrud.http.Described;
import io.github.dynacrud.http.Handler;
import io.github.dynacrud.http.HttpRequest;
import io.github.dynacrud.http.HttpResponse;
import io.github.dynacrud.http.OpenApi;
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.SingleTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The code of docs/openapi.md: no data moves, so the table's client is a mock that is never called;
 * {@link DocSnippetsTest} fails when the page and this code drift apart.
 */
class OpenApiGuideTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // tag::openapi-records[]
    /** What the health route answers. */
    record Health(String status) {
    }

    /** Why a todo is archived. */
    record Archive(String reason) {
    }
    // end::openapi-records[]

    private final EntityRepository<Todo> todos = SingleTable.builder().client(mock(DynamoDbClient.class))
            .tableName("todos").build().repository(Todo.ENTITY);

    @Test
    void servedDocument_describesTheResource() throws IOException {
        // GIVEN
        // tag::openapi-serve[]
        Router router = Router.builder()
                .resource("/todos", todos, ResourceOptions.builder()
                        .scopes(ResourceOptions.Operation.DELETE, "todos:delete")
                        .build())
                .openApi("/openapi.json", OpenApi.Info.of("Todo API", "1.0.0"))
                .build();
        // end::openapi-serve[]

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/openapi.json").build());

        // THEN
        assertThat(response.status()).isEqualTo(200);
        JsonNode document = JSON.readTree(response.body());
        assertThat(document.at("/paths/~1todos~1{id}/delete/operationId").asText()).isEqualTo("deleteTodo");
        assertThat(document.at("/paths/~1todos~1{id}/delete/security/0/bearer/0").asText())
                .isEqualTo("todos:delete");
    }

    @Test
    void writtenDocument_isTheServedOne(@TempDir Path target) throws IOException {
        // GIVEN
        Router router = Router.builder().resource("/todos", todos)
                .openApi("/openapi.json", OpenApi.Info.of("Todo API", "1.0.0")).build();

        // WHEN
        // tag::openapi-write[]
        String document = OpenApi.document(router, OpenApi.Info.of("Todo API", "1.0.0"));
        Files.writeString(target.resolve("openapi.json"), document);
        // end::openapi-write[]

        // THEN
        assertThat(Files.readString(target.resolve("openapi.json")))
                .isEqualTo(router.route(HttpRequest.builder().path("/openapi.json").build()).bodyText());
    }

    @Test
    void customRoutes_appearAsDeclared() {
        // GIVEN
        Handler archive = request -> HttpResponse.empty(204);
        // tag::openapi-custom-routes[]
        Router router = Router.builder()
                .get("/health", Described.handler(request -> HttpResponse.json(200, new Health("ok")))
                        .summary("Tells that the function is up")
                        .response(200, Health.class))
                .post("/todos/{id}/archive", Access.scopes(Described.handler(archive)
                        .summary("Archives a todo")
                        .operationId("archiveTodo")
                        .tags("Todo")
                        .pathParameter("id", "the todo's id")
                        .request(Archive.class)
                        .response(204)
                        .problem(404, "the todo does not exist"), "todos:write"))
                .get("/version", request -> HttpResponse.json(200, Map.of("version", "1.0.0")))
                .build();
        // end::openapi-custom-routes[]

        // WHEN
        JsonNode document = read(OpenApi.document(router, OpenApi.Info.of("Todo API", "1.0.0")));

        // THEN
        assertThat(document.at("/paths/~1health/get/summary").asText()).isEqualTo("Tells that the function is up");
        JsonNode archiving = document.at("/paths/~1todos~1{id}~1archive/post");
        assertThat(archiving.get("operationId").asText()).isEqualTo("archiveTodo");
        assertThat(archiving.at("/security/0/bearer/0").asText()).isEqualTo("todos:write");
        assertThat(archiving.at("/responses/404/description").asText()).isEqualTo("the todo does not exist");
        assertThat(document.at("/paths/~1version/get/responses/default/description").asText())
                .isEqualTo("what the route answers, which it does not describe");
    }

    private static JsonNode read(String document) {
        try {
            return JSON.readTree(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

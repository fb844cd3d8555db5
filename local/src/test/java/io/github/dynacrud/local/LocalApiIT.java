package io.github.dynacrud.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.http.Json;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiHandler;
import io.github.dynacrud.table.SingleTable;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The local API over real HTTP and embedded DynamoDB Local, with no native library path set by the build. */
class LocalApiIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void localApi_createsTheTableAndServesTheHandler_withThePackedSqliteLibraries() throws Exception {
        // GIVEN no library path but the one the packed libraries set
        assertThat(System.getProperty("sqlite4java.library.path")).isNull();

        try (LocalApi api = LocalApi.start(0, null, "local-todos", LocalApiIT::handler, Todo.ENTITY)) {
            // WHEN
            var created = http.send(HttpRequest.newBuilder(api.uri().resolve("/todos"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Run locally\"}")).build(),
                    BodyHandlers.ofString());
            var listed = http.send(HttpRequest.newBuilder(api.uri().resolve("/todos")).GET().build(),
                    BodyHandlers.ofString());

            // THEN
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(Json.mapper().readTree(created.body()).get("title").asText()).isEqualTo("Run locally");
            assertThat(listed.statusCode()).isEqualTo(200);
            JsonNode items = Json.mapper().readTree(listed.body()).get("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("title").asText()).isEqualTo("Run locally");
            Path libraries = Path.of(System.getProperty("sqlite4java.library.path"));
            try (var unpacked = Files.list(libraries)) {
                assertThat(unpacked.map(file -> file.getFileName().toString())).anyMatch(name -> name.contains("sqlite4java"));
            }
        }
    }

    private static HttpApiHandler handler(DynamoDbClient client) {
        return new HttpApiHandler(Router.builder()
                .resource("/todos", SingleTable.builder().client(client).tableName("local-todos").build()
                        .repository(Todo.ENTITY))
                .build()) {
        };
    }
}

package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynacrud.local.LocalApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API as its clients see it: the local run over real HTTP, on DynamoDB Local. */
class TaskApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalApi api;

    @BeforeAll
    static void startApi() throws Exception {
        api = LocalRun.start(0, null);
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void createdTask_isReadAndListedBackFromDynamoDb() throws Exception {
        // GIVEN
        HttpResponse<String> created = send(HttpRequest.newBuilder(api.uri().resolve("/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Ship it\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();

        // WHEN
        HttpResponse<String> read = send(HttpRequest.newBuilder(api.uri().resolve(location)).GET());
        HttpResponse<String> listed = send(HttpRequest.newBuilder(api.uri().resolve("/tasks")).GET());

        // THEN
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(JSON.readTree(read.body())).isEqualTo(JSON.readTree(created.body()));
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode items = JSON.readTree(listed.body()).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("title").asText()).isEqualTo("Ship it");
        assertThat(URI.create(location).getPath()).isEqualTo("/tasks/" + items.get(0).get("id").asText());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

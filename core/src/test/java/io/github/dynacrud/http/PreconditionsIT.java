package io.github.dynacrud.http;

import static io.github.dynacrud.testing.JsonBodies.body;
import static io.github.dynacrud.testing.JsonBodies.tree;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.http.ResourceOptions.Operation;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import io.github.dynacrud.testing.RecordingDynamoDb;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * {@code If-Match} as RFC 9110 says, against DynamoDB Local: 412 only when the client sent a precondition that fails,
 * 404 for a missing item whatever the precondition, {@code *} and tags on an entity without versions, retried
 * read-then-writes, and merge patches that change nothing.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class PreconditionsIT {
    private static final Principal ALICE = Principal.of("alice");
    private static final String STALE = "was changed by another request; read it again and retry";

    /** An entity without a version attribute. */
    public record Note(String id, @NotBlank String text) {
        static final Entity<Note> ENTITY = Entity.of(Note.class).partitionKey("NOTE#{id}").sortKey("NOTE").id("id")
                .build();
    }

    private final AtomicReference<Runnable> beforeNextTransaction = new AtomicReference<>();
    private DynamoDbClient dynamoDb;
    private String tableName;
    private Router router;

    @BeforeEach
    void mount(DynamoDbClient client) {
        dynamoDb = client;
        tableName = DynamoDbLocalExtension.uniqueTableName("preconditions");
        LocalTable.create(client, tableName, Todo.ENTITY, User.ENTITY, Note.ENTITY);
        SingleTable table = SingleTable.builder().client(interrupting(client)).tableName(tableName)
                .cursorSecret("a secret that signs page cursors".getBytes(UTF_8)).build();
        ResourceOptions noList = ResourceOptions.builder().operations(Operation.CREATE, Operation.READ,
                Operation.REPLACE, Operation.PATCH, Operation.DELETE).build();
        router = Router.builder()
                .resource("/todos", table.repository(Todo.ENTITY))
                .resource("/users", table.repository(User.ENTITY), noList)
                .resource("/notes", table.repository(Note.ENTITY), noList)
                .build();
    }

    // ---------------------------------------------------------------- patches that change nothing

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"id\": \"other\", \"version\": 9, \"createdAt\": \"2020-01-01T00:00:00Z\"}"})
    void mergePatchOfNothingOrReadOnlyFields_writesNothingAndAnswersTheItemWithItsETag(String patch) {
        for (String[] resource : List.of(new String[] {"/todos", "{\"title\": \"Draft\"}"},
                new String[] {"/users", "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}"})) {
            // GIVEN
            HttpResponse created = send(json("POST", resource[0], resource[1]));
            String location = created.headers().first("Location").orElseThrow();

            // WHEN
            HttpResponse patched = send(mergePatch(location, patch));
            HttpResponse matching = send(mergePatch(location, patch).header("If-Match", "\"1\""));
            HttpResponse stale = send(mergePatch(location, patch).header("If-Match", "\"2\""));
            HttpResponse missing = send(mergePatch(resource[0] + "/nobody", patch));

            // THEN
            assertThat(patched.status()).as(patched.bodyText()).isEqualTo(200);
            assertThat(patched.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/json"),
                    "etag", List.of("\"1\"")));
            assertThat(body(patched)).isEqualTo(body(created));
            assertThat(matching.status()).isEqualTo(200);
            assertThat(body(matching)).isEqualTo(body(created));
            assertProblem(stale, 412, STALE);
            assertProblem(missing, 404, "not found");
            HttpResponse read = send(request("GET", location));
            assertThat(read.headers().first("ETag")).contains("\"1\"");
            assertThat(body(read)).isEqualTo(body(created));
        }
    }

    // ---------------------------------------------------------------- lists of entity tags

    @Test
    void ifMatchList_holdsWhenAnyStrongTagIsTheStoredVersion_weakTagsNeverMatch() {
        // GIVEN a todo at version 1
        HttpResponse created = send(json("POST", "/todos", "{\"title\": \"Draft\"}"));
        String location = created.headers().first("Location").orElseThrow();

        // WHEN
        HttpResponse weakOnly = send(mergePatch(location, "{\"title\": \"weak\"}")
                .header("If-Match", "W/\"1\", \"7\""));
        HttpResponse patched = send(mergePatch(location, "{\"title\": \"listed\"}").header("If-Match", "\"0\", \"1\""));
        HttpResponse replaced = send(json("PUT", location, "{\"title\": \"one tag\"}").header("If-Match", " \"2\" "));
        HttpResponse stale = send(request("DELETE", location).header("If-Match", "\"1\",\"2\" , \"x\""));
        HttpResponse missing = send(request("DELETE", "/todos/nothing").header("If-Match", "\"1\", \"2\""));

        // THEN
        assertProblem(weakOnly, 412, STALE);
        assertThat(patched.status()).as(patched.bodyText()).isEqualTo(200);
        assertThat(patched.headers().first("ETag")).contains("\"2\"");
        assertThat(body(patched).get("title").asText()).isEqualTo("listed");
        assertThat(replaced.status()).as(replaced.bodyText()).isEqualTo(200);
        assertThat(replaced.headers().first("ETag")).contains("\"3\"");
        assertProblem(stale, 412, STALE);
        assertProblem(missing, 404, "Todo not found");
        HttpResponse read = send(request("GET", location));
        assertThat(read.headers().first("ETag")).contains("\"3\"");
        assertThat(body(read).get("title").asText()).isEqualTo("one tag");
        HttpResponse deleted = send(request("DELETE", location).header("If-Match", "\"2\", \"3\""));
        assertThat(deleted.status()).as(deleted.bodyText()).isEqualTo(204);
        assertThat(send(request("GET", location)).status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- entities without versions

    @Test
    void ifMatchStar_onAnEntityWithoutVersions_writesWhenTheItemExistsAndIs404WhenItDoesNot() {
        // GIVEN
        send(json("POST", "/notes", "{\"id\": \"n1\", \"text\": \"one\"}"));

        // WHEN
        HttpResponse put = send(json("PUT", "/notes/n1", "{\"text\": \"two\"}").header("If-Match", "*"));
        HttpResponse patch = send(mergePatch("/notes/n1", "{\"text\": \"three\"}").header("If-Match", "*"));
        HttpResponse putMissing = send(json("PUT", "/notes/n2", "{\"text\": \"two\"}").header("If-Match", "*"));
        HttpResponse deleted = send(request("DELETE", "/notes/n1").header("If-Match", "*"));
        HttpResponse deleteMissing = send(request("DELETE", "/notes/n1").header("If-Match", "*"));

        // THEN
        assertThat(put.status()).as(put.bodyText()).isEqualTo(200);
        assertThat(body(put)).isEqualTo(tree("{\"id\": \"n1\", \"text\": \"two\"}"));
        assertThat(body(patch)).isEqualTo(tree("{\"id\": \"n1\", \"text\": \"three\"}"));
        assertProblem(putMissing, 404, "Note not found");
        assertThat(deleted.status()).isEqualTo(204);
        assertProblem(deleteMissing, 404, "Note not found");
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "W/\"1\"", "\"0\", \"1\"", "garbage"})
    void anyOtherTag_onAnEntityWithoutVersions_is412WhenTheItemExistsAnd404WhenItDoesNot_andNeverWrites(
            String ifMatch) {
        // GIVEN
        HttpResponse created = send(json("POST", "/notes", "{\"id\": \"n1\", \"text\": \"one\"}"));

        // WHEN
        List<HttpResponse> existing = List.of(
                send(json("PUT", "/notes/n1", "{\"text\": \"two\"}").header("If-Match", ifMatch)),
                send(mergePatch("/notes/n1", "{\"text\": \"two\"}").header("If-Match", ifMatch)),
                send(request("DELETE", "/notes/n1").header("If-Match", ifMatch)));
        List<HttpResponse> missing = List.of(
                send(json("PUT", "/notes/n2", "{\"text\": \"two\"}").header("If-Match", ifMatch)),
                send(mergePatch("/notes/n2", "{\"text\": \"two\"}").header("If-Match", ifMatch)),
                send(request("DELETE", "/notes/n2").header("If-Match", ifMatch)));

        // THEN
        existing.forEach(response -> assertProblem(response, 412, "Note " + STALE));
        missing.forEach(response -> assertProblem(response, 404, "Note not found"));
        HttpResponse read = send(request("GET", "/notes/n1"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(body(read)).isEqualTo(body(created));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "W/\"1\"", "garbage"})
    void anyTag_onAMissingVersionedItem_is404(String ifMatch) {
        // WHEN
        HttpResponse put = send(json("PUT", "/todos/nothing", "{\"title\": \"x\"}").header("If-Match", ifMatch));
        HttpResponse delete = send(request("DELETE", "/todos/nothing").header("If-Match", ifMatch));

        // THEN
        assertProblem(put, 404, "Todo not found");
        assertProblem(delete, 404, "Todo not found");
    }

    // ---------------------------------------------------------------- read-then-write

    @Test
    void uniqueEmailChange_withoutIfMatch_whenTheUserChangesBetweenReadAndWrite_isRetriedAndKeepsBothChanges() {
        // GIVEN a user whose name another writer changes right after the email change has read it
        HttpResponse created = send(json("POST", "/users", "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}"));
        String location = created.headers().first("Location").orElseThrow();
        beforeNextTransaction.set(() -> send(mergePatch(location, "{\"name\": \"Ada L.\"}")));

        // WHEN
        HttpResponse patched = send(mergePatch(location, "{\"email\": \"ada@example.org\"}"));

        // THEN
        assertThat(patched.status()).as(patched.bodyText()).isEqualTo(200);
        assertThat(patched.headers().first("ETag")).contains("\"3\"");
        assertThat(body(patched).get("email").asText()).isEqualTo("ada@example.org");
        assertThat(body(patched).get("name").asText()).isEqualTo("Ada L.");
        assertThat(guards()).containsExactly("UNIQUE#User#email#ada@example.org");
    }

    @Test
    void uniqueEmailChange_withIfMatch_whenTheUserChangesBetweenReadAndWrite_is412() {
        // GIVEN
        HttpResponse created = send(json("POST", "/users", "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}"));
        String location = created.headers().first("Location").orElseThrow();
        beforeNextTransaction.set(() -> send(mergePatch(location, "{\"name\": \"Ada L.\"}")));

        // WHEN
        HttpResponse patched = send(mergePatch(location, "{\"email\": \"ada@example.org\"}").header("If-Match", "\"1\""));

        // THEN
        assertProblem(patched, 412, "User " + STALE);
        HttpResponse read = send(request("GET", location));
        assertThat(read.headers().first("ETag")).contains("\"2\"");
        assertThat(body(read).get("email").asText()).isEqualTo("ada@example.com");
        assertThat(guards()).containsExactly("UNIQUE#User#email#ada@example.com");
    }

    private List<String> guards() {
        return dynamoDb.scan(r -> r.tableName(tableName)).items().stream().map(item -> item.get("PK").s())
                .filter(pk -> pk.startsWith("UNIQUE#")).toList();
    }

    /** The real client, except that a change set by the test runs just before the next transaction. */
    private DynamoDbClient interrupting(DynamoDbClient real) {
        return RecordingDynamoDb.watching(real, request -> {
            if (request instanceof TransactWriteItemsRequest) {
                Runnable change = beforeNextTransaction.getAndSet(null);
                if (change != null) {
                    change.run();
                }
            }
        });
    }

    private HttpResponse send(HttpRequest.Builder request) {
        return router.route(request.build());
    }

    private static HttpRequest.Builder request(String method, String path) {
        return HttpRequest.builder().method(method).path(path).principal(ALICE).requestId("test-request");
    }

    private static HttpRequest.Builder json(String method, String path, String body) {
        return request(method, path).header("Content-Type", "application/json").body(body);
    }

    private static HttpRequest.Builder mergePatch(String path, String body) {
        return request("PATCH", path).header("Content-Type", "application/merge-patch+json").body(body);
    }

    private static void assertProblem(HttpResponse response, int status, String detail) {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
        assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
        assertThat(body(response).get("status").asInt()).isEqualTo(status);
        assertThat(body(response).get("detail").asText()).endsWith(detail);
    }
}

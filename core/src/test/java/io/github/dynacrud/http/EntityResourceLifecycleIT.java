package io.github.dynacrud.http;

import static io.github.dynacrud.testing.JsonBodies.body;
import static io.github.dynacrud.testing.JsonBodies.tree;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import io.github.dynacrud.testing.RecordingDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@code router.resource("/todos", todos)} end to end against DynamoDB Local: the CRUD lifecycle, paging, list
 * filters, ETags and conditional requests, owner isolation, merge-patch semantics and read-only fields. Every
 * response is checked for its exact status, headers and body.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class EntityResourceLifecycleIT {
    private static final String REQUEST_ID = "test-request";
    private static final Principal ALICE = Principal.of("alice");
    private static final Principal BOB = Principal.of("bob");
    private static final Instant T1 = Instant.parse("2025-03-01T09:30:00.123Z");
    private static final Instant T2 = Instant.parse("2025-03-02T10:00:00.456Z");
    private static final Instant T3 = Instant.parse("2025-03-03T11:15:00.789Z");
    private static final String ULID = "[0-9A-HJKMNP-TV-Z]{26}";

    private final MutableClock clock = new MutableClock(T1);
    private final List<DynamoDbRequest> sent = new ArrayList<>();
    private DynamoDbClient dynamoDb;
    private String tableName;
    private Router router;

    @BeforeEach
    void mountTodos(DynamoDbClient client) {
        dynamoDb = client;
        tableName = DynamoDbLocalExtension.uniqueTableName("resource-lifecycle");
        LocalTable.create(client, tableName, Todo.ENTITY, User.ENTITY);
        EntityRepository<Todo> todos = SingleTable.builder()
                .client(RecordingDynamoDb.of(client, sent))
                .tableName(tableName)
                .clock(clock)
                .cursorSecret("a secret that signs page cursors".getBytes(UTF_8))
                .build()
                .repository(Todo.ENTITY);
        router = Router.builder()
                .resource("/todos", todos, ResourceOptions.builder()
                        .listFilter("done", Boolean.class, done -> Query.index("GSI1")
                                .sortKey(SortKeyCondition.beginsWith(Map.of("done", done))))
                        .build())
                .build();
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void lifecycle_createReadListReplacePatchDelete_thenTheTodoIsGone() {
        // GIVEN nothing; WHEN a todo is created
        HttpResponse created = send(json("POST", "/todos", ALICE,
                "{\"title\": \"Write the tests\", \"done\": true, \"dueDate\": \"2025-03-10\"}"));

        // THEN 201 with Location and ETag, and the representation without the owner
        String id = body(created).path("id").asText();
        assertThat(id).matches(ULID);
        String location = "/todos/" + id;
        String v1 = """
                {"id": "%s", "title": "Write the tests", "done": true, "dueDate": "2025-03-10",
                 "version": 1, "createdAt": "2025-03-01T09:30:00.123Z", "updatedAt": "2025-03-01T09:30:00.123Z"}
                """.formatted(id);
        assertResponse(created, 201, Map.of("content-type", "application/json", "etag", "\"1\"",
                "location", location), v1);

        // WHEN read; THEN the same representation and ETag
        assertResponse(send(request("GET", location, ALICE)), 200,
                Map.of("content-type", "application/json", "etag", "\"1\""), v1);

        // WHEN listed; THEN one item and no next cursor
        assertResponse(send(request("GET", "/todos", ALICE)), 200, Map.of("content-type", "application/json"),
                "{\"items\": [" + v1 + "], \"nextCursor\": null}");

        // WHEN replaced with a title only; THEN done falls back to false and dueDate is removed
        clock.set(T2);
        HttpResponse replaced = send(json("PUT", location, ALICE, "{\"title\": \"Write better tests\"}")
                .header("If-Match", "\"1\""));
        String v2 = """
                {"id": "%s", "title": "Write better tests", "done": false, "dueDate": null,
                 "version": 2, "createdAt": "2025-03-01T09:30:00.123Z", "updatedAt": "2025-03-02T10:00:00.456Z"}
                """.formatted(id);
        assertResponse(replaced, 200, Map.of("content-type", "application/json", "etag", "\"2\""), v2);
        assertThat(storedItem(id)).doesNotContainKey("dueDate");

        // WHEN patched with a merge patch; THEN only the given fields change
        clock.set(T3);
        HttpResponse patched = send(request("PATCH", location, ALICE)
                .header("Content-Type", "application/merge-patch+json").header("If-Match", "\"2\"")
                .body("{\"done\": true, \"dueDate\": \"2025-04-01\"}"));
        String v3 = """
                {"id": "%s", "title": "Write better tests", "done": true, "dueDate": "2025-04-01",
                 "version": 3, "createdAt": "2025-03-01T09:30:00.123Z", "updatedAt": "2025-03-03T11:15:00.789Z"}
                """.formatted(id);
        assertResponse(patched, 200, Map.of("content-type", "application/json", "etag", "\"3\""), v3);
        assertResponse(send(request("GET", location, ALICE)), 200,
                Map.of("content-type", "application/json", "etag", "\"3\""), v3);

        // WHEN deleted; THEN 204 without headers or body
        assertResponse(send(request("DELETE", location, ALICE).header("If-Match", "\"3\"")), 204, Map.of(), null);

        // THEN reading it is 404, the list is empty and the table holds nothing
        assertProblem(send(request("GET", location, ALICE)), 404, "Todo not found");
        assertResponse(send(request("GET", "/todos", ALICE)), 200, Map.of("content-type", "application/json"),
                "{\"items\": [], \"nextCursor\": null}");
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"'', /todos, ''", "'', /v1/todos, /v1", "/prod, /v1/todos, /prod/v1", "/prod, /todos, /prod"})
    void create_behindAStageOrABasePath_answersALocationThatCanBeFollowedAsItIs(String stage, String path,
            String prefix) {
        // GIVEN a router under the base path /v1, reached through a stage (which the adapter moved to the base path)
        Router mapped = Router.builder().basePath("/v1").resource("/todos", SingleTable.builder().client(dynamoDb)
                .tableName(tableName).clock(clock).build().repository(Todo.ENTITY)).build();

        // WHEN
        HttpResponse created = mapped.route(json("POST", path, ALICE, "{\"title\": \"Follow me\"}").basePath(stage)
                .build());

        // THEN
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        String id = body(created).get("id").asText();
        String location = created.headers().first("Location").orElseThrow();
        assertThat(location).isEqualTo(prefix + "/todos/" + id).matches(".*/todos/" + ULID);
        HttpResponse followed = mapped.route(request("GET", location.substring(stage.length()), ALICE)
                .basePath(stage).build());
        assertResponse(followed, 200, Map.of("content-type", "application/json", "etag", "\"1\""),
                created.bodyText());
    }

    @Test
    void create_titleOnly_defaultsDoneToFalseAndDueDateToNull() {
        // WHEN
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Buy milk\"}"));

        // THEN
        String id = body(created).path("id").asText();
        assertResponse(created, 201, Map.of("content-type", "application/json", "etag", "\"1\"",
                "location", "/todos/" + id), """
                {"id": "%s", "title": "Buy milk", "done": false, "dueDate": null, "version": 1,
                 "createdAt": "2025-03-01T09:30:00.123Z", "updatedAt": "2025-03-01T09:30:00.123Z"}
                """.formatted(id));
    }

    // ---------------------------------------------------------------- paging and filters

    @Test
    void list_sevenTodosWithLimitThree_returnsEachOnceInOrderOverThreePages() {
        // GIVEN seven todos of alice, created one second apart, and todos of bob in between
        List<JsonNode> todos = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            clock.set(T1.plusSeconds(2L * i));
            todos.add(create(ALICE, "{\"title\": \"Todo " + i + "\"}"));
            clock.set(T1.plusSeconds(2L * i + 1));
            create(BOB, "{\"title\": \"Bob's todo " + i + "\"}");
        }

        // WHEN
        HttpResponse first = send(request("GET", "/todos", ALICE).queryParameter("limit", "3"));
        String firstCursor = nextCursor(first);
        HttpResponse second = send(request("GET", "/todos", ALICE).queryParameter("limit", "3")
                .queryParameter("cursor", firstCursor));
        String secondCursor = nextCursor(second);
        HttpResponse third = send(request("GET", "/todos", ALICE).queryParameter("limit", "3")
                .queryParameter("cursor", secondCursor));

        // THEN
        assertPage(first, todos.subList(0, 3), firstCursor);
        assertPage(second, todos.subList(3, 6), secondCursor);
        assertPage(third, todos.subList(6, 7), null);
        assertThat(firstCursor).isNotEqualTo(secondCursor);
    }

    @Test
    void list_withoutLimit_returnsPagesOfTwenty() {
        // GIVEN 21 todos
        List<JsonNode> todos = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            clock.set(T1.plusSeconds(i));
            todos.add(create(ALICE, "{\"title\": \"Todo " + i + "\"}"));
        }

        // WHEN
        HttpResponse first = send(request("GET", "/todos", ALICE));
        String cursor = nextCursor(first);
        HttpResponse second = send(request("GET", "/todos", ALICE).queryParameter("cursor", cursor));
        HttpResponse all = send(request("GET", "/todos", ALICE).queryParameter("limit", "100"));

        // THEN
        assertPage(first, todos.subList(0, 20), cursor);
        assertPage(second, todos.subList(20, 21), null);
        assertPage(all, todos, null);
    }

    @Test
    void list_doneFilter_queriesGsi1OfTheCallerOnly() {
        // GIVEN three todos of alice, the first and third done, and a done todo of bob
        List<JsonNode> todos = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            clock.set(T1.plusSeconds(i));
            todos.add(create(ALICE, "{\"title\": \"Todo " + i + "\", \"done\": " + (i != 2) + "}"));
        }
        create(BOB, "{\"title\": \"Bob's\", \"done\": true}");
        sent.clear();

        // WHEN
        HttpResponse done = send(request("GET", "/todos", ALICE).queryParameter("done", "true"));
        List<DynamoDbRequest> doneRequests = List.copyOf(sent);
        sent.clear();
        HttpResponse open = send(request("GET", "/todos", ALICE).queryParameter("done", "false"));
        List<DynamoDbRequest> openRequests = List.copyOf(sent);

        // THEN the right items, each through one GSI1 query, never a scan
        assertPage(done, List.of(todos.get(0), todos.get(2)), null);
        assertPage(open, List.of(todos.get(1)), null);
        assertThat(doneRequests).singleElement().isInstanceOfSatisfying(QueryRequest.class, query -> {
            assertThat(query.indexName()).isEqualTo("GSI1");
            assertThat(query.expressionAttributeValues().values()).extracting(AttributeValue::s)
                    .contains("USER#alice", "DONE#true#");
        });
        assertThat(openRequests).singleElement().isInstanceOfSatisfying(QueryRequest.class, query -> {
            assertThat(query.indexName()).isEqualTo("GSI1");
            assertThat(query.expressionAttributeValues().values()).extracting(AttributeValue::s)
                    .contains("USER#alice", "DONE#false#");
        });
    }

    @Test
    void list_doneFilterWithLimit_pagesThroughTheIndex() {
        // GIVEN three done todos and an open one
        List<JsonNode> todos = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            clock.set(T1.plusSeconds(i));
            todos.add(create(ALICE, "{\"title\": \"Todo " + i + "\", \"done\": " + (i != 3) + "}"));
        }
        sent.clear();

        // WHEN following the cursors of ?done=true&limit=2 to the end
        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpRequest.Builder page = request("GET", "/todos", ALICE).queryParameter("done", "true")
                    .queryParameter("limit", "2");
            if (cursor != null) {
                page.queryParameter("cursor", cursor);
            }
            HttpResponse response = send(page);
            assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
            body(response).get("items").forEach(seen::add);
            cursor = body(response).get("nextCursor").isNull() ? null : body(response).get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        // THEN every done todo once, in order, and no scan
        assertThat(seen).containsExactly(todos.get(0), todos.get(1), todos.get(3));
        assertThat(sent).hasSize(pages).allSatisfy(request -> assertThat(request)
                .isInstanceOfSatisfying(QueryRequest.class, query -> assertThat(query.indexName()).isEqualTo("GSI1")));
    }

    // ---------------------------------------------------------------- ETag, If-Match, If-None-Match

    @Test
    void putAndPatch_withTheCurrentETag_succeedWithTheNextETag() {
        // GIVEN
        String id = create(ALICE, "{\"title\": \"Draft\"}").get("id").asText();

        // WHEN
        HttpResponse replaced = send(json("PUT", "/todos/" + id, ALICE, "{\"title\": \"Second\"}")
                .header("If-Match", "\"1\""));
        HttpResponse patched = send(json("PATCH", "/todos/" + id, ALICE, "{\"title\": \"Third\"}")
                .header("If-Match", "\"2\""));

        // THEN
        assertThat(replaced.status()).as(replaced.bodyText()).isEqualTo(200);
        assertThat(replaced.headers().all("ETag")).containsExactly("\"2\"");
        assertThat(patched.status()).as(patched.bodyText()).isEqualTo(200);
        assertThat(patched.headers().all("ETag")).containsExactly("\"3\"");
        assertThat(body(patched).get("title").asText()).isEqualTo("Third");
        assertThat(body(patched).get("version").asInt()).isEqualTo(3);
    }

    @Test
    void putPatchAndDelete_withAStaleETag_are412AndChangeNothing() {
        // GIVEN a todo at version 2
        String id = create(ALICE, "{\"title\": \"Draft\"}").get("id").asText();
        clock.set(T2);
        HttpResponse current = send(json("PATCH", "/todos/" + id, ALICE, "{\"title\": \"Current\"}"));
        assertThat(current.status()).as(current.bodyText()).isEqualTo(200);

        // WHEN
        clock.set(T3);
        HttpResponse put = send(json("PUT", "/todos/" + id, ALICE, "{\"title\": \"Lost\"}")
                .header("If-Match", "\"1\""));
        HttpResponse patch = send(json("PATCH", "/todos/" + id, ALICE, "{\"title\": \"Lost\"}")
                .header("If-Match", "\"1\""));
        HttpResponse delete = send(request("DELETE", "/todos/" + id, ALICE).header("If-Match", "\"1\""));

        // THEN
        String detail = "Todo was changed by another request; read it again and retry";
        assertProblem(put, 412, detail);
        assertProblem(patch, 412, detail);
        assertProblem(delete, 412, detail);
        assertResponse(send(request("GET", "/todos/" + id, ALICE)), 200,
                Map.of("content-type", "application/json", "etag", "\"2\""), current.bodyText());
    }

    @Test
    void patchAndDelete_withIfMatchStar_areAllowed() {
        // GIVEN
        String id = create(ALICE, "{\"title\": \"Draft\"}").get("id").asText();

        // WHEN
        HttpResponse patched = send(json("PATCH", "/todos/" + id, ALICE, "{\"done\": true}")
                .header("If-Match", "*"));
        HttpResponse deleted = send(request("DELETE", "/todos/" + id, ALICE).header("If-Match", "*"));

        // THEN
        assertThat(patched.status()).as(patched.bodyText()).isEqualTo(200);
        assertThat(patched.headers().all("ETag")).containsExactly("\"2\"");
        assertResponse(deleted, 204, Map.of(), null);
        assertProblem(send(request("GET", "/todos/" + id, ALICE)), 404, "Todo not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "1", "\"abc\"", "\"\"", "\"1", "\"-1\""})
    void patchAndDelete_withAMalformedIfMatch_are412AndChangeNothing(String ifMatch) {
        // GIVEN
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Draft\"}"));
        String id = body(created).get("id").asText();

        // WHEN
        HttpResponse patch = send(json("PATCH", "/todos/" + id, ALICE, "{\"done\": true}")
                .header("If-Match", ifMatch));
        HttpResponse delete = send(request("DELETE", "/todos/" + id, ALICE).header("If-Match", ifMatch));

        // THEN
        String detail = "Todo was changed by another request; read it again and retry";
        assertProblem(patch, 412, detail);
        assertProblem(delete, 412, detail);
        assertResponse(send(request("GET", "/todos/" + id, ALICE)), 200,
                Map.of("content-type", "application/json", "etag", "\"1\""), created.bodyText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "W/\"1\"", "\"7\", \"1\"", "*"})
    void read_ifNoneMatchingTheCurrentETag_is304WithTheETagAndNoBody(String ifNoneMatch) {
        // GIVEN
        String id = create(ALICE, "{\"title\": \"Cached\"}").get("id").asText();

        // WHEN
        HttpResponse response = send(request("GET", "/todos/" + id, ALICE).header("If-None-Match", ifNoneMatch));

        // THEN
        assertResponse(response, 304, Map.of("etag", "\"1\""), null);
    }

    @Test
    void head_onATodo_isTheGetResponseWithoutItsBody() {
        // GIVEN
        String id = create(ALICE, "{\"title\": \"Headed\"}").get("id").asText();

        // WHEN
        HttpResponse response = send(request("HEAD", "/todos/" + id, ALICE));

        // THEN
        assertResponse(response, 200, Map.of("content-type", "application/json", "etag", "\"1\""), null);
    }

    @Test
    void read_ifNoneMatchingAnotherETag_is200WithTheBody() {
        // GIVEN a todo at version 2, and the ETag of version 1
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Cached\"}"));
        String id = body(created).get("id").asText();
        HttpResponse patched = send(json("PATCH", "/todos/" + id, ALICE, "{\"title\": \"Changed\"}"));

        // WHEN
        HttpResponse response = send(request("GET", "/todos/" + id, ALICE).header("If-None-Match", "\"1\""));

        // THEN
        assertResponse(response, 200, Map.of("content-type", "application/json", "etag", "\"2\""),
                patched.bodyText());
    }

    // ---------------------------------------------------------------- owner isolation

    @Test
    void anotherSubject_cannotSeeOrTouchTheTodo_andItStaysUnchanged() {
        // GIVEN a todo of alice
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Private\"}"));
        String location = created.headers().first("Location").orElseThrow();

        // WHEN bob tries every operation on it
        HttpResponse read = send(request("GET", location, BOB));
        HttpResponse put = send(json("PUT", location, BOB, "{\"title\": \"Mine now\"}"));
        HttpResponse patch = send(json("PATCH", location, BOB, "{\"done\": true}").header("If-Match", "\"1\""));
        HttpResponse delete = send(request("DELETE", location, BOB));
        HttpResponse list = send(request("GET", "/todos", BOB));
        HttpResponse doneList = send(request("GET", "/todos", BOB).queryParameter("done", "false"));

        // THEN it does not exist for him, and alice still has it as it was
        assertProblem(read, 404, "Todo not found");
        assertProblem(put, 404, "Todo not found");
        assertProblem(patch, 404, "Todo not found");
        assertProblem(delete, 404, "Todo not found");
        assertResponse(list, 200, Map.of("content-type", "application/json"), "{\"items\": [], \"nextCursor\": null}");
        assertResponse(doneList, 200, Map.of("content-type", "application/json"),
                "{\"items\": [], \"nextCursor\": null}");
        assertResponse(send(request("GET", location, ALICE)), 200,
                Map.of("content-type", "application/json", "etag", "\"1\""), created.bodyText());
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isOne();
    }

    // ---------------------------------------------------------------- read-only fields, merge patch

    @Test
    void create_readOnlyFieldsInTheBody_areIgnored() {
        // WHEN
        HttpResponse created = send(json("POST", "/todos", ALICE, """
                {"id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "title": "Mine", "version": 99,
                 "createdAt": "1999-01-01T00:00:00Z", "updatedAt": "1999-01-01T00:00:00Z"}
                """));

        // THEN
        String id = body(created).path("id").asText();
        assertThat(id).matches(ULID).isNotEqualTo("01ARZ3NDEKTSV4RRFFQ69G5FAV");
        assertResponse(created, 201, Map.of("content-type", "application/json", "etag", "\"1\"",
                "location", "/todos/" + id), """
                {"id": "%s", "title": "Mine", "done": false, "dueDate": null, "version": 1,
                 "createdAt": "2025-03-01T09:30:00.123Z", "updatedAt": "2025-03-01T09:30:00.123Z"}
                """.formatted(id));
        assertProblem(send(request("GET", "/todos/01ARZ3NDEKTSV4RRFFQ69G5FAV", ALICE)), 404, "Todo not found");
    }

    @Test
    void putAndPatch_readOnlyFieldsInTheBody_areIgnored() {
        // GIVEN
        String id = create(ALICE, "{\"title\": \"Original\"}").get("id").asText();
        String readOnly = "\"id\": \"01ARZ3NDEKTSV4RRFFQ69G5FAV\", \"version\": 99, "
                + "\"createdAt\": \"1999-01-01T00:00:00Z\", \"updatedAt\": \"1999-01-01T00:00:00Z\"";

        // WHEN
        clock.set(T2);
        HttpResponse put = send(json("PUT", "/todos/" + id, ALICE, "{" + readOnly + ", \"title\": \"Put\"}"));
        clock.set(T3);
        HttpResponse patch = send(json("PATCH", "/todos/" + id, ALICE, "{" + readOnly + ", \"done\": true}"));

        // THEN
        assertResponse(put, 200, Map.of("content-type", "application/json", "etag", "\"2\""), """
                {"id": "%s", "title": "Put", "done": false, "dueDate": null, "version": 2,
                 "createdAt": "2025-03-01T09:30:00.123Z", "updatedAt": "2025-03-02T10:00:00.456Z"}
                """.formatted(id));
        assertResponse(patch, 200, Map.of("content-type", "application/json", "etag", "\"3\""), """
                {"id": "%s", "title": "Put", "done": true, "dueDate": null, "version": 3,
                 "createdAt": "2025-03-01T09:30:00.123Z", "updatedAt": "2025-03-03T11:15:00.789Z"}
                """.formatted(id));
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isOne();
    }

    @Test
    void patch_nullDueDate_removesTheAttribute() {
        // GIVEN
        String id = create(ALICE, "{\"title\": \"Due\", \"dueDate\": \"2025-03-10\"}").get("id").asText();
        assertThat(storedItem(id)).containsKey("dueDate");

        // WHEN
        clock.set(T2);
        HttpResponse patched = send(json("PATCH", "/todos/" + id, ALICE, "{\"dueDate\": null}"));

        // THEN
        assertResponse(patched, 200, Map.of("content-type", "application/json", "etag", "\"2\""), """
                {"id": "%s", "title": "Due", "done": false, "dueDate": null, "version": 2,
                 "createdAt": "2025-03-01T09:30:00.123Z", "updatedAt": "2025-03-02T10:00:00.456Z"}
                """.formatted(id));
        assertThat(storedItem(id)).doesNotContainKey("dueDate");
    }

    @Test
    void patch_someFields_keepsTheOthers() {
        // GIVEN
        String id = create(ALICE, "{\"title\": \"Keep me\", \"dueDate\": \"2025-03-10\"}").get("id").asText();

        // WHEN
        clock.set(T2);
        HttpResponse patched = send(json("PATCH", "/todos/" + id, ALICE, "{\"done\": true}"));

        // THEN
        assertResponse(patched, 200, Map.of("content-type", "application/json", "etag", "\"2\""), """
                {"id": "%s", "title": "Keep me", "done": true, "dueDate": "2025-03-10", "version": 2,
                 "createdAt": "2025-03-01T09:30:00.123Z", "updatedAt": "2025-03-02T10:00:00.456Z"}
                """.formatted(id));
    }

    @Test
    void patch_nullTitle_is422AndChangesNothing() {
        // GIVEN
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Required\"}"));
        String id = body(created).get("id").asText();

        // WHEN
        HttpResponse patched = send(json("PATCH", "/todos/" + id, ALICE, "{\"title\": null}"));

        // THEN
        assertProblem(patched, 422, "title: must not be blank", "title", "must not be blank");
        assertResponse(send(request("GET", "/todos/" + id, ALICE)), 200,
                Map.of("content-type", "application/json", "etag", "\"1\""), created.bodyText());
    }

    @Test
    void patch_nullDone_is422AndChangesNothing() {
        // GIVEN
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Required\", \"done\": true}"));
        String id = body(created).get("id").asText();

        // WHEN
        HttpResponse patched = send(json("PATCH", "/todos/" + id, ALICE, "{\"done\": null}"));

        // THEN
        assertProblem(patched, 422, "done: must not be null", "done", "must not be null");
        assertResponse(send(request("GET", "/todos/" + id, ALICE)), 200,
                Map.of("content-type", "application/json", "etag", "\"1\""), created.bodyText());
    }

    // ---------------------------------------------------------------- helpers

    private HttpResponse send(HttpRequest.Builder request) {
        return router.route(request.build());
    }

    private static HttpRequest.Builder request(String method, String path, Principal caller) {
        return HttpRequest.builder().method(method).path(path).principal(caller).requestId(REQUEST_ID);
    }

    private static HttpRequest.Builder json(String method, String path, Principal caller, String body) {
        return request(method, path, caller).header("Content-Type", "application/json").body(body);
    }

    /** Creates a todo through the API and returns its representation. */
    private JsonNode create(Principal caller, String body) {
        HttpResponse created = send(json("POST", "/todos", caller, body));
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        return body(created);
    }

    private Map<String, AttributeValue> storedItem(String id) {
        return dynamoDb.getItem(r -> r.tableName(tableName).key(Map.of(
                "PK", AttributeValue.fromS("USER#alice"), "SK", AttributeValue.fromS("TODO#" + id)))).item();
    }

    private static String nextCursor(HttpResponse page) {
        JsonNode cursor = body(page).path("nextCursor");
        assertThat(cursor.isTextual()).as("nextCursor of %s", page.bodyText()).isTrue();
        assertThat(cursor.asText()).isNotBlank();
        return cursor.asText();
    }

    private static void assertPage(HttpResponse page, List<JsonNode> items, String nextCursor) {
        ObjectNode expected = Json.mapper().createObjectNode();
        ArrayNode array = expected.putArray("items");
        items.forEach(array::add);
        expected.put("nextCursor", nextCursor);
        assertResponse(page, 200, Map.of("content-type", "application/json"), expected.toString());
    }

    private static void assertResponse(HttpResponse response, int status, Map<String, String> headers, String body) {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
        Map<String, List<String>> expectedHeaders = new HashMap<>();
        headers.forEach((name, value) -> expectedHeaders.put(name, List.of(value)));
        assertThat(response.headers().asMap()).isEqualTo(expectedHeaders);
        if (body == null) {
            assertThat(response.bodyText()).isEmpty();
        } else {
            assertThat(body(response)).isEqualTo(tree(body));
        }
    }

    /** Asserts an application/problem+json response; fieldErrors are field, message pairs. */
    private static void assertProblem(HttpResponse response, int status, String detail, String... fieldErrors) {
        ObjectNode problem = Json.mapper().createObjectNode()
                .put("type", "about:blank")
                .put("title", switch (status) {
                    case 404 -> "Not Found";
                    case 412 -> "Precondition Failed";
                    case 422 -> "Unprocessable Content";
                    default -> throw new IllegalArgumentException("no title for " + status);
                })
                .put("status", status)
                .put("detail", detail)
                .put("instance", REQUEST_ID);
        if (fieldErrors.length > 0) {
            ArrayNode errors = problem.putArray("errors");
            for (int i = 0; i < fieldErrors.length; i += 2) {
                errors.addObject().put("field", fieldErrors[i]).put("message", fieldErrors[i + 1]);
            }
        }
        assertResponse(response, status, Map.of("content-type", "application/problem+json"), problem.toString());
    }

    /** A clock the test sets, so timestamps and the order of generated ids are known. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock is UTC only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

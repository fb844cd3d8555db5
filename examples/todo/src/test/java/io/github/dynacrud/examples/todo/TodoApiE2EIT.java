package io.github.dynacrud.examples.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynacrud.local.LocalApi;
import io.github.dynacrud.test.OpenApiContract;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The todo API end to end, as its clients see it: the handler deployed to Lambda, served over real HTTP on 127.0.0.1
 * by {@link TodoLocal}, on DynamoDB Local. Each test acts as its own caller (a bearer token with its own {@code sub}),
 * so tests never see each other's todos; only the lifecycle test uses the default development user. Every response is
 * checked against the OpenAPI document the API serves, so the document and the behaviour cannot drift apart.
 */
class TodoApiE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String PROBLEM_TYPE = "application/problem+json";

    private static LocalApi api;
    private static HttpClient http;
    /** The document the API serves: every response {@link #send} receives is checked against it. */
    private static OpenApiContract contract;

    @BeforeAll
    static void startApi() throws Exception {
        api = TodoLocal.start(0, null);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        // tag::contract-of[]
        contract = OpenApiContract.of(http.send(HttpRequest.newBuilder(api.uri().resolve("/openapi.json")).build(),
                BodyHandlers.ofString()).body());
        // end::contract-of[]
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void lifecycle_createGetListReplacePatchDelete_keepsVersionsAndRefusesStaleWrites() throws Exception {
        // GIVEN a new todo of the default development user
        Instant before = Instant.now().minusMillis(1);
        HttpResponse<String> created = send("POST", "/todos", null, JSON_TYPE,
                "{\"title\": \"Buy milk\", \"dueDate\": \"2026-12-01\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode todo = json(created);
        String id = todo.path("id").asText();
        String location = "/todos/" + id;
        assertThat(created.headers().firstValue("Location")).contains(location);
        assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(created.headers().firstValue("Content-Type")).contains(JSON_TYPE);
        Instant createdAt = Instant.parse(todo.path("createdAt").asText());
        assertThat(createdAt).isBetween(before, Instant.now());
        assertThat(withoutNullDueDate(todo)).isEqualTo(todo(id, "Buy milk", false, "2026-12-01", 1,
                todo.path("createdAt").asText(), todo.path("createdAt").asText()));

        // WHEN it is read and listed
        HttpResponse<String> read = send("GET", location, null, null, null);
        HttpResponse<String> listed = send("GET", "/todos", null, null, null);

        // THEN both show it as created
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(json(read)).isEqualTo(todo);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed)).isEqualTo(page(null, todo));

        // WHEN it is replaced with the version read
        HttpResponse<String> replaced = send("PUT", location, null, JSON_TYPE,
                "{\"title\": \"Buy oat milk\", \"done\": false, \"dueDate\": \"2026-12-02\"}", "If-Match", "\"1\"");

        // THEN the version goes up and createdAt stays
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(replaced.headers().firstValue("ETag")).contains("\"2\"");
        JsonNode v2 = json(replaced);
        assertThat(withoutNullDueDate(v2)).isEqualTo(todo(id, "Buy oat milk", false, "2026-12-02", 2,
                todo.path("createdAt").asText(), v2.path("updatedAt").asText()));
        assertThat(Instant.parse(v2.path("updatedAt").asText())).isAfterOrEqualTo(createdAt);

        // WHEN a merge patch removes the due date and marks it done
        HttpResponse<String> patched = send("PATCH", location, null, "application/merge-patch+json",
                "{\"dueDate\": null, \"done\": true}", "If-Match", "\"2\"");

        // THEN only those fields change
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.headers().firstValue("ETag")).contains("\"3\"");
        JsonNode v3 = json(patched);
        assertThat(v3.path("dueDate").isMissingNode() || v3.path("dueDate").isNull()).isTrue();
        assertThat(withoutNullDueDate(v3)).isEqualTo(todo(id, "Buy oat milk", true, null, 3,
                todo.path("createdAt").asText(), v3.path("updatedAt").asText()));
        assertThat(json(send("GET", location, null, null, null))).isEqualTo(v3);

        // WHEN writes carry a stale If-Match
        HttpResponse<String> stalePut = send("PUT", location, null, JSON_TYPE, "{\"title\": \"Lost update\"}",
                "If-Match", "\"1\"");
        HttpResponse<String> stalePatch = send("PATCH", location, null, JSON_TYPE, "{\"title\": \"Lost update\"}",
                "If-Match", "\"2\"");
        HttpResponse<String> staleDelete = send("DELETE", location, null, null, null, "If-Match", "\"2\"");

        // THEN each is refused with 412 and the todo is unchanged
        assertProblem(stalePut, 412, "Precondition Failed");
        assertProblem(stalePatch, 412, "Precondition Failed");
        assertProblem(staleDelete, 412, "Precondition Failed");
        HttpResponse<String> unchanged = send("GET", location, null, null, null);
        assertThat(unchanged.headers().firstValue("ETag")).contains("\"3\"");
        assertThat(json(unchanged)).isEqualTo(v3);

        // WHEN it is deleted with the current version
        HttpResponse<String> deleted = send("DELETE", location, null, null, null, "If-Match", "\"3\"");

        // THEN it is gone for every operation
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertProblem(send("GET", location, null, null, null), 404, "Not Found");
        assertProblem(send("PUT", location, null, JSON_TYPE, "{\"title\": \"Back\"}"), 404, "Not Found");
        assertProblem(send("PATCH", location, null, JSON_TYPE, "{\"title\": \"Back\"}"), 404, "Not Found");
        assertProblem(send("DELETE", location, null, null, null), 404, "Not Found");
        assertThat(json(send("GET", "/todos", null, null, null))).isEqualTo(page(null));
    }

    @Test
    void create_blankTitle_answers422ListingTheField() throws Exception {
        // GIVEN
        String caller = newCaller();

        // WHEN
        HttpResponse<String> response = send("POST", "/todos", caller, JSON_TYPE, "{\"title\": \" \"}");

        // THEN
        JsonNode problem = assertProblem(response, 422, "Unprocessable Content");
        assertThat(problem.path("errors")).isEqualTo(JSON.readTree(
                "[{\"field\": \"title\", \"message\": \"must not be blank\"}]"));
        assertThat(json(send("GET", "/todos", caller, null, null))).isEqualTo(page(null));
    }

    @Test
    void create_titleOf201Characters_answers422AndOf200Characters_answers201() throws Exception {
        // GIVEN
        String caller = newCaller();

        // WHEN
        HttpResponse<String> tooLong = send("POST", "/todos", caller, JSON_TYPE,
                "{\"title\": \"" + "x".repeat(201) + "\"}");
        HttpResponse<String> longest = send("POST", "/todos", caller, JSON_TYPE,
                "{\"title\": \"" + "x".repeat(200) + "\"}");

        // THEN
        JsonNode problem = assertProblem(tooLong, 422, "Unprocessable Content");
        assertThat(problem.path("errors").size()).isEqualTo(1);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("title");
        assertThat(longest.statusCode()).isEqualTo(201);
    }

    @Test
    void patch_nullTitle_answers422AndKeepsTheTodo() throws Exception {
        // GIVEN
        String caller = newCaller();
        JsonNode todo = create(caller, "Keep my title");

        // WHEN
        HttpResponse<String> response = send("PATCH", "/todos/" + todo.path("id").asText(), caller,
                "application/merge-patch+json", "{\"title\": null}");

        // THEN
        JsonNode problem = assertProblem(response, 422, "Unprocessable Content");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("title");
        assertThat(json(send("GET", "/todos/" + todo.path("id").asText(), caller, null, null))).isEqualTo(todo);
    }

    static Stream<Arguments> badRequests() {
        String big = "{\"title\": \"" + "x".repeat(300 * 1024) + "\"}";
        return Stream.of(
                Arguments.of("malformed JSON", "POST", "/todos", JSON_TYPE, "{\"title\": ", 400),
                Arguments.of("a JSON array", "POST", "/todos", JSON_TYPE, "[]", 400),
                Arguments.of("JSON null", "POST", "/todos", JSON_TYPE, "null", 400),
                Arguments.of("an empty body", "POST", "/todos", JSON_TYPE, "", 400),
                Arguments.of("trailing tokens", "POST", "/todos", JSON_TYPE, "{\"title\": \"a\"} {}", 400),
                Arguments.of("a duplicate key", "POST", "/todos", JSON_TYPE, "{\"title\": \"a\", \"title\": \"b\"}",
                        400),
                Arguments.of("a number title", "POST", "/todos", JSON_TYPE, "{\"title\": 5}", 400),
                Arguments.of("a string done", "POST", "/todos", JSON_TYPE, "{\"title\": \"a\", \"done\": \"true\"}",
                        400),
                Arguments.of("a null done", "POST", "/todos", JSON_TYPE, "{\"title\": \"a\", \"done\": null}", 400),
                Arguments.of("an impossible dueDate", "POST", "/todos", JSON_TYPE,
                        "{\"title\": \"a\", \"dueDate\": \"2026-02-30\"}", 400),
                Arguments.of("a date-time dueDate", "POST", "/todos", JSON_TYPE,
                        "{\"title\": \"a\", \"dueDate\": \"2026-02-01T00:00:00Z\"}", 400),
                Arguments.of("an unknown field", "POST", "/todos", JSON_TYPE, "{\"title\": \"a\", \"priority\": 1}",
                        400),
                Arguments.of("the hidden owner", "POST", "/todos", JSON_TYPE,
                        "{\"title\": \"a\", \"ownerId\": \"someone-else\"}", 400),
                Arguments.of("deep nesting", "POST", "/todos", JSON_TYPE,
                        "{\"title\": " + "[".repeat(100) + "]".repeat(100) + "}", 400),
                Arguments.of("a huge number", "POST", "/todos", JSON_TYPE,
                        "{\"title\": \"a\", \"version\": 1" + "0".repeat(200) + "}", 400),
                Arguments.of("no Content-Type", "POST", "/todos", null, "{\"title\": \"a\"}", 415),
                Arguments.of("a form body", "POST", "/todos", "application/x-www-form-urlencoded", "title=a", 415),
                Arguments.of("an XML body", "PATCH", "/todos/01JD0000000000000000000001", "application/xml",
                        "<title>a</title>", 415),
                Arguments.of("a body over 256 KB", "POST", "/todos", JSON_TYPE, big, 413),
                Arguments.of("limit 0", "GET", "/todos?limit=0", null, null, 400),
                Arguments.of("limit 101", "GET", "/todos?limit=101", null, null, 400),
                Arguments.of("limit not a number", "GET", "/todos?limit=ten", null, null, 400),
                Arguments.of("limit twice", "GET", "/todos?limit=1&limit=2", null, null, 400),
                Arguments.of("done not a boolean", "GET", "/todos?done=yes", null, null, 400),
                Arguments.of("an unknown query parameter", "GET", "/todos?sort=title", null, null, 400),
                Arguments.of("a garbage cursor", "GET", "/todos?cursor=not-a-cursor", null, null, 400),
                Arguments.of("an unknown path", "GET", "/todo", null, null, 404),
                Arguments.of("a path below an item", "GET", "/todos/01JD0000000000000000000001/notes", null, null,
                        404));
    }

    @ParameterizedTest(name = "{0} -> {5}")
    @MethodSource("badRequests")
    void badRequest_answersAProblemWithItsStatusAndNoServerError(String description, String method, String path,
            String contentType, String body, int status) throws Exception {
        // GIVEN
        String caller = newCaller();

        // WHEN
        HttpResponse<String> response = send(method, path, caller, contentType, body);

        // THEN
        assertProblem(response, status, null);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(json(send("GET", "/todos", caller, null, null))).isEqualTo(page(null));
    }

    @Test
    void knownPathWithAnotherMethod_answers405WithAllow() throws Exception {
        // GIVEN
        String caller = newCaller();

        // WHEN
        HttpResponse<String> collection = send("DELETE", "/todos", caller, null, null);
        HttpResponse<String> item = send("POST", "/todos/01JD0000000000000000000001", caller, JSON_TYPE, "{}");

        // THEN
        assertProblem(collection, 405, "Method Not Allowed");
        assertThat(collection.headers().firstValue("Allow")).contains("GET, HEAD, POST");
        assertProblem(item, 405, "Method Not Allowed");
        assertThat(item.headers().firstValue("Allow")).contains("DELETE, GET, HEAD, PATCH, PUT");
    }

    @Test
    void corsPreflight_withoutAnyCaller_answers204WithAllowHeaders() throws Exception {
        // GIVEN a token without a subject, which gets 401 on every route
        String noSubject = token(Map.of("iss", "https://issuer.example.com"));
        assertProblem(send("GET", "/todos", noSubject, null, null), 401, "Unauthorized");

        // WHEN
        HttpResponse<String> response = send("OPTIONS", "/todos", noSubject, null, null,
                "Origin", "https://app.example.com", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type, authorization");

        // THEN
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
                .contains("GET, HEAD, POST, PUT, PATCH, DELETE");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
                .contains("Content-Type, Authorization, If-Match, If-None-Match, Idempotency-Key");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).contains("600");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void create_repeatedWithItsIdempotencyKey_answersTheFirstResponseAndCreatesOneTodo() throws Exception {
        // GIVEN
        String caller = newCaller();
        String body = "{\"title\": \"Pay rent\"}";
        HttpResponse<String> first = send("POST", "/todos", caller, JSON_TYPE, body, "Idempotency-Key", "rent-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();

        // WHEN the client retries, then reuses the key for another todo
        HttpResponse<String> retry = send("POST", "/todos", caller, JSON_TYPE, body, "Idempotency-Key", "rent-1");
        HttpResponse<String> misuse = send("POST", "/todos", caller, JSON_TYPE, "{\"title\": \"Pay gas\"}",
                "Idempotency-Key", "rent-1");

        // THEN the retry is the first answer again, the misuse a 422, and there is one todo
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(retry.headers().firstValue("Content-Type")).contains(JSON_TYPE);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        JsonNode problem = assertProblem(misuse, 422, "Unprocessable Content");
        assertThat(problem.path("detail").asText()).isEqualTo("the Idempotency-Key was already used with another"
                + " request; send a new key with a new request");
        assertThat(json(send("GET", "/todos", caller, null, null))).isEqualTo(page(null, json(first)));
    }

    @Test
    void create_withAMalformedIdempotencyKey_answers400NamingTheHeader() throws Exception {
        // GIVEN
        String caller = newCaller();

        // WHEN
        HttpResponse<String> response = send("POST", "/todos", caller, JSON_TYPE, "{\"title\": \"Pay rent\"}",
                "Idempotency-Key", "k".repeat(256));

        // THEN
        JsonNode problem = assertProblem(response, 400, "Bad Request");
        assertThat(problem.path("errors")).isEqualTo(JSON.readTree(
                "[{\"field\": \"Idempotency-Key\", \"message\": \"must be 1 to 255 visible ASCII characters\"}]"));
        assertThat(json(send("GET", "/todos", caller, null, null))).isEqualTo(page(null));
    }

    @Test
    void actualCorsRequest_fromAnOrigin_exposesETagAndLocation() throws Exception {
        // GIVEN
        String caller = newCaller();

        // WHEN
        HttpResponse<String> response = send("POST", "/todos", caller, JSON_TYPE, "{\"title\": \"From a browser\"}",
                "Origin", "https://app.example.com");

        // THEN
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
                .contains("ETag, Location, Idempotent-Replayed");
    }

    @Test
    void anotherCaller_neverSeesNorChangesSomeoneElsesTodo() throws Exception {
        // GIVEN
        String alice = newCaller();
        String bob = newCaller();
        JsonNode todo = create(alice, "Alice's secret");
        String location = "/todos/" + todo.path("id").asText();

        // WHEN / THEN: every operation of Bob's misses it
        assertProblem(send("GET", location, bob, null, null), 404, "Not Found");
        assertThat(json(send("GET", "/todos", bob, null, null))).isEqualTo(page(null));
        assertThat(json(send("GET", "/todos?done=false", bob, null, null))).isEqualTo(page(null));
        assertProblem(send("PUT", location, bob, JSON_TYPE, "{\"title\": \"Bob's now\"}"), 404, "Not Found");
        assertProblem(send("PATCH", location, bob, JSON_TYPE, "{\"done\": true}"), 404, "Not Found");
        assertProblem(send("DELETE", location, bob, null, null), 404, "Not Found");

        // THEN Alice's todo is untouched
        HttpResponse<String> alicesView = send("GET", location, alice, null, null);
        assertThat(alicesView.statusCode()).isEqualTo(200);
        assertThat(json(alicesView)).isEqualTo(todo);
        assertThat(json(send("GET", "/todos", alice, null, null))).isEqualTo(page(null, todo));
    }

    @Test
    void list_withLimit_pagesThroughEveryTodoOldestFirst() throws Exception {
        // GIVEN
        String caller = newCaller();
        List<JsonNode> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(create(caller, "Todo " + i));
        }

        // WHEN
        JsonNode first = json(send("GET", "/todos?limit=2", caller, null, null));
        JsonNode second = json(send("GET", "/todos?limit=2&cursor=" + encode(first.path("nextCursor").asText()),
                caller, null, null));
        JsonNode third = json(send("GET", "/todos?limit=2&cursor=" + encode(second.path("nextCursor").asText()),
                caller, null, null));

        // THEN
        assertThat(first.path("nextCursor").isTextual()).isTrue();
        assertThat(first).isEqualTo(page(first.path("nextCursor").asText(), created.get(0), created.get(1)));
        assertThat(second.path("nextCursor").isTextual()).isTrue();
        assertThat(second).isEqualTo(page(second.path("nextCursor").asText(), created.get(2), created.get(3)));
        assertThat(third).isEqualTo(page(null, created.get(4)));
        assertThat(json(send("GET", "/todos?limit=100", caller, null, null))).isEqualTo(
                page(null, created.toArray(JsonNode[]::new)));
    }

    @Test
    void list_cursorFromAnotherQuery_answers400() throws Exception {
        // GIVEN
        String caller = newCaller();
        create(caller, "One");
        create(caller, "Two");
        String doneCursor = json(send("GET", "/todos?done=false&limit=1", caller, null, null)).path("nextCursor")
                .asText();
        String otherCallersCursor = json(send("GET", "/todos?limit=1", caller, null, null)).path("nextCursor")
                .asText();

        // WHEN
        HttpResponse<String> withFilterCursor = send("GET", "/todos?limit=1&cursor=" + encode(doneCursor), caller,
                null, null);
        HttpResponse<String> byAnotherCaller = send("GET", "/todos?limit=1&cursor=" + encode(otherCallersCursor),
                newCaller(), null, null);

        // THEN
        assertProblem(withFilterCursor, 400, "Bad Request");
        assertProblem(byAnotherCaller, 400, "Bad Request");
    }

    @Test
    void list_tamperedCursor_answers400WhicheverPartIsChanged() throws Exception {
        // GIVEN a real cursor of a caller with three todos
        String caller = newCaller();
        for (int i = 1; i <= 3; i++) {
            create(caller, "Todo " + i);
        }
        String cursor = json(send("GET", "/todos?limit=1", caller, null, null)).path("nextCursor").asText();
        assertThat(cursor).hasSizeGreaterThan(20);

        // WHEN one character in every five, and the last, is replaced in turn
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < cursor.length() - 1; i += 5) {
            positions.add(i);
        }
        positions.add(cursor.length() - 1);
        List<String> accepted = new ArrayList<>();
        for (int i : positions) {
            char replacement = cursor.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
            HttpResponse<String> response = send("GET", "/todos?limit=1&cursor=" + encode(tampered), caller, null,
                    null);
            assertThat(response.statusCode()).as("status for %s: %s", tampered, response.body()).isLessThan(500);
            if (response.statusCode() != 400) {
                accepted.add(i + " (" + response.statusCode() + ", items "
                        + json(response).path("items").findValuesAsText("title") + ")");
            }
        }

        // THEN every altered cursor is refused
        assertThat(accepted).as("of %d altered copies of the %d-character cursor %s, these positions were accepted",
                positions.size(), cursor.length(), cursor).isEmpty();
    }

    @Test
    void list_doneFilter_listsOnlyTodosInThatStateThroughGsi1() throws Exception {
        // GIVEN
        String caller = newCaller();
        JsonNode first = create(caller, "First");
        JsonNode second = create(caller, "Second");
        JsonNode third = create(caller, "Third");
        JsonNode secondDone = json(send("PATCH", "/todos/" + second.path("id").asText(), caller, JSON_TYPE,
                "{\"done\": true}"));
        assertThat(secondDone.path("done").asBoolean()).isTrue();

        // WHEN
        JsonNode done = json(send("GET", "/todos?done=true", caller, null, null));
        JsonNode open = json(send("GET", "/todos?done=false", caller, null, null));
        JsonNode openFirstPage = json(send("GET", "/todos?done=false&limit=1", caller, null, null));
        JsonNode openSecondPage = json(send("GET", "/todos?done=false&limit=1&cursor="
                + encode(openFirstPage.path("nextCursor").asText()), caller, null, null));

        // THEN
        assertThat(done).isEqualTo(page(null, secondDone));
        assertThat(open).isEqualTo(page(null, first, third));
        assertThat(openFirstPage).isEqualTo(page(openFirstPage.path("nextCursor").asText(), first));
        assertThat(openSecondPage.path("items")).isEqualTo(JSON.createArrayNode().add(third));

        // WHEN it is reopened, it moves back
        JsonNode reopened = json(send("PUT", "/todos/" + second.path("id").asText(), caller, JSON_TYPE,
                "{\"title\": \"Second\", \"done\": false}"));
        assertThat(json(send("GET", "/todos?done=true", caller, null, null))).isEqualTo(page(null));
        assertThat(json(send("GET", "/todos?done=false", caller, null, null)))
                .isEqualTo(page(null, first, reopened, third));
    }

    @Test
    void bearerTokenWithoutSubject_answers401() throws Exception {
        // GIVEN
        String noSubject = token(Map.of("email", "nobody@example.com"));

        // WHEN
        HttpResponse<String> response = send("POST", "/todos", noSubject, JSON_TYPE, "{\"title\": \"Anonymous\"}");

        // THEN
        assertProblem(response, 401, "Unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void headOfATodo_answersLikeGetWithoutBody() throws Exception {
        // GIVEN
        String caller = newCaller();
        JsonNode todo = create(caller, "Headed");

        // WHEN
        HttpResponse<String> response = send("HEAD", "/todos/" + todo.path("id").asText(), caller, null, null);

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(response.body()).isEmpty();
    }

    // --- helpers ---

    private static JsonNode create(String caller, String title) throws Exception {
        HttpResponse<String> response = send("POST", "/todos", caller, JSON_TYPE,
                JSON.createObjectNode().put("title", title).toString());
        assertThat(response.statusCode()).as("create %s: %s", title, response.body()).isEqualTo(201);
        return json(response);
    }

    /** A new caller: an unsigned bearer token whose {@code sub} no other test uses. */
    private static String newCaller() {
        return token(Map.of("sub", "user-" + UUID.randomUUID()));
    }

    private static String token(Map<String, String> claims) {
        try {
            return "Bearer x." + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims))
                    + ".y";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request.
     *
     * @param authorization an {@code Authorization} value, or {@code null} for the development user
     * @param headers       more header names and values, in pairs
     */
    private static HttpResponse<String> send(String method, String path, String authorization, String contentType,
            String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.uri() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        // tag::contract-check[]
        HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        contract.check(response);
        return response;
        // end::contract-check[]
    }

    /** Checks a problem response: its status, media type, and a body whose status is the HTTP status. */
    private static JsonNode assertProblem(HttpResponse<String> response, int status, String title) throws Exception {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(PROBLEM_TYPE);
        JsonNode problem = json(response);
        assertThat(problem.path("status").isInt()).isTrue();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").isTextual()).isTrue();
        assertThat(problem.path("title").asText()).isNotBlank();
        if (title != null) {
            assertThat(problem.path("title").asText()).isEqualTo(title);
        }
        return problem;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static ObjectNode todo(String id, String title, boolean done, String dueDate, int version,
            String createdAt, String updatedAt) {
        ObjectNode todo = JSON.createObjectNode().put("id", id).put("title", title).put("done", done);
        if (dueDate != null) {
            todo.put("dueDate", dueDate);
        }
        return todo.put("version", version).put("createdAt", createdAt).put("updatedAt", updatedAt);
    }

    /** The contract lets an unset dueDate be absent or null; compare without it. */
    private static JsonNode withoutNullDueDate(JsonNode todo) {
        ObjectNode copy = todo.deepCopy();
        if (copy.path("dueDate").isNull()) {
            copy.remove("dueDate");
        }
        return copy;
    }

    private static JsonNode page(String nextCursor, JsonNode... items) {
        ObjectNode page = JSON.createObjectNode();
        page.putArray("items").addAll(List.of(items));
        return page.put("nextCursor", nextCursor);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

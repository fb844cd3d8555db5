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
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How the mounted todo resource refuses bad requests: unknown, hidden and mistyped fields, constraint violations,
 * media types, body size, query parameters and cursors. Each refusal is an exact problem+json response and changes
 * nothing; no error body ever shows a Java stack trace.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class EntityResourceErrorsIT {
    private static final String REQUEST_ID = "test-request";
    private static final Principal ALICE = Principal.of("alice");
    private static final Principal BOB = Principal.of("bob");
    private static final String WRONG_TYPE = "has the wrong type or format";

    private DynamoDbClient dynamoDb;
    private String tableName;
    private Router router;

    @BeforeEach
    void mountResources(DynamoDbClient client) {
        dynamoDb = client;
        tableName = DynamoDbLocalExtension.uniqueTableName("resource-errors");
        LocalTable.create(client, tableName, Todo.ENTITY, User.ENTITY);
        SingleTable table = SingleTable.builder().client(client).tableName(tableName)
                .cursorSecret("a secret that signs page cursors".getBytes(UTF_8)).build();
        EntityRepository<Todo> todos = table.repository(Todo.ENTITY);
        EntityRepository<Todo> broken = SingleTable.builder().client(client)
                .tableName(DynamoDbLocalExtension.uniqueTableName("missing")).build().repository(Todo.ENTITY);
        router = Router.builder()
                .resource("/todos", todos, ResourceOptions.builder()
                        .listFilter("done", Boolean.class, done -> Query.index("GSI1")
                                .sortKey(SortKeyCondition.beginsWith(Map.of("done", done))))
                        .build())
                .resource("/scoped-todos", todos, ResourceOptions.builder()
                        .operations(ResourceOptions.Operation.READ)
                        .scopes(ResourceOptions.Operation.READ, "todos:read")
                        .build())
                .resource("/users", table.repository(User.ENTITY), ResourceOptions.builder()
                        .listFilter("email", String.class, email -> Query.index("GSI1").partition("email", email))
                        .build())
                .resource("/broken", broken)
                .resource("/faulty-todos", todos, ResourceOptions.builder()
                        .operations(ResourceOptions.Operation.LIST)
                        .listFilter("due", LocalDate.class, due -> {
                            throw new IllegalArgumentException("filter s3cr3t " + due);
                        })
                        .listFilter("tag", String.class, tag -> {
                            throw new DateTimeException("filter s3cr3t " + tag);
                        })
                        .listFilter("done", Boolean.class, done -> null)
                        .build())
                .build();
    }

    // ---------------------------------------------------------------- fields

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH"})
    void unknownField_is400NamingIt_andChangesNothing(String method) {
        // GIVEN
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Existing\"}"));
        String path = method.equals("POST") ? "/todos" : created.headers().first("Location").orElseThrow();

        // WHEN
        HttpResponse response = send(json(method, path, ALICE, "{\"title\": \"New\", \"priority\": 1}"));

        // THEN
        assertProblem(response, 400, "priority: is not a known field", "priority", "is not a known field");
        assertUnchanged(created);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH"})
    void ownerIdInTheBody_is400NamingIt_andChangesNothing(String method) {
        // GIVEN
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Existing\"}"));
        String path = method.equals("POST") ? "/todos" : created.headers().first("Location").orElseThrow();

        // WHEN
        HttpResponse response = send(json(method, path, ALICE, "{\"title\": \"New\", \"ownerId\": \"bob\"}"));

        // THEN
        assertProblem(response, 400, "ownerId: is not a known field", "ownerId", "is not a known field");
        assertUnchanged(created);
        assertEmptyList(BOB);
    }

    static Stream<Arguments> invalidTitles() {
        return Stream.of(
                Arguments.of("{}", "must not be blank"),
                Arguments.of("{\"title\": null}", "must not be blank"),
                Arguments.of("{\"title\": \"\"}", "must not be blank"),
                Arguments.of("{\"title\": \"  \\t \"}", "must not be blank"),
                Arguments.of("{\"title\": \"" + "x".repeat(201) + "\"}", "size must be between 0 and 200"));
    }

    @ParameterizedTest
    @MethodSource("invalidTitles")
    void create_invalidTitle_is422ListingTheField(String body, String message) {
        // WHEN
        HttpResponse response = send(json("POST", "/todos", ALICE, body));

        // THEN
        assertProblem(response, 422, "title: " + message, "title", message);
        assertEmptyList(ALICE);
    }

    @Test
    void create_titleOf200Characters_isAccepted() {
        // WHEN
        HttpResponse response = send(json("POST", "/todos", ALICE, "{\"title\": \"" + "x".repeat(200) + "\"}"));

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
        assertThat(body(response).get("title").asText()).hasSize(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PUT   | {\"done\": true}          | must not be blank",
            "PUT   | {\"title\": \" \"}       | must not be blank",
            "PATCH | {\"title\": \"\"}        | must not be blank",
            "PATCH | {\"title\": \"   \", \"done\": true} | must not be blank"})
    void replaceAndPatch_invalidTitle_is422AndChangesNothing(String method, String body, String message) {
        // GIVEN
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Existing\"}"));
        String location = created.headers().first("Location").orElseThrow();

        // WHEN
        HttpResponse response = send(json(method, location, ALICE, body));

        // THEN
        assertProblem(response, 422, "title: " + message, "title", message);
        assertUnchanged(created);
    }

    @Test
    void patch_titleOf201Characters_is422AndChangesNothing() {
        // GIVEN
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Existing\"}"));

        // WHEN
        HttpResponse response = send(json("PATCH", created.headers().first("Location").orElseThrow(), ALICE,
                "{\"title\": \"" + "y".repeat(201) + "\"}"));

        // THEN
        assertProblem(response, 422, "title: size must be between 0 and 200", "title",
                "size must be between 0 and 200");
        assertUnchanged(created);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"title\": \"x\", \"done\": \"yes\"}                  | done",
            "{\"title\": \"x\", \"done\": \"true\"}                 | done",
            "{\"title\": \"x\", \"done\": 1}                        | done",
            "{\"title\": 5}                                         | title",
            "{\"title\": true}                                      | title",
            "{\"title\": [\"x\"]}                                   | title",
            "{\"title\": {\"text\": \"x\"}}                         | title",
            "{\"title\": \"x\", \"dueDate\": \"2025-02-30\"}        | dueDate",
            "{\"title\": \"x\", \"dueDate\": \"10/03/2025\"}        | dueDate",
            "{\"title\": \"x\", \"dueDate\": \"tomorrow\"}          | dueDate",
            "{\"title\": \"x\", \"dueDate\": 20250310}              | dueDate",
            "{\"title\": \"x\", \"dueDate\": [2025, 3, 10]}         | dueDate",
            "{\"title\": \"x\", \"dueDate\": \"2025-03-10T10:00:00\"} | dueDate",
            "{\"title\": \"x\", \"dueDate\": []}                    | dueDate"})
    void create_wrongType_is400NamingTheField(String body, String field) {
        // WHEN
        HttpResponse response = send(json("POST", "/todos", ALICE, body));

        // THEN
        assertProblem(response, 400, field + ": " + WRONG_TYPE, field, WRONG_TYPE);
        assertEmptyList(ALICE);
    }

    @Test
    void create_nullForThePrimitiveDone_is400NamingTheField() {
        // WHEN
        HttpResponse response = send(json("POST", "/todos", ALICE, "{\"title\": \"x\", \"done\": null}"));

        // THEN
        assertProblem(response, 400, "done: must be given and not null", "done", "must be given and not null");
        assertEmptyList(ALICE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"done\": \"yes\"}            | done",
            "{\"done\": 0}                  | done",
            "{\"title\": 7}                 | title",
            "{\"dueDate\": \"2025-3-1\"}    | dueDate",
            "{\"dueDate\": false}           | dueDate",
            "{\"dueDate\": []}              | dueDate",
            "{\"dueDate\": \"2025-04-01T00:00:00Z\"} | dueDate"})
    void patch_wrongType_is400NamingTheFieldAndChangesNothing(String body, String field) {
        // GIVEN
        HttpResponse created = send(json("POST", "/todos", ALICE,
                "{\"title\": \"Existing\", \"dueDate\": \"2025-03-10\"}"));

        // WHEN
        HttpResponse response = send(json("PATCH", created.headers().first("Location").orElseThrow(), ALICE, body));

        // THEN
        assertProblem(response, 400, field + ": " + WRONG_TYPE, field, WRONG_TYPE);
        assertUnchanged(created);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{                              | the body is not valid JSON",
            "{\"title\": \"a\", \"title\": \"b\"} | title: appears twice",
            "[]                             | the body must be a JSON object",
            "\"Buy milk\"                   | the body must be a JSON object",
            "null                           | the JSON body must not be null"})
    void create_malformedBody_is400(String body, String detail) {
        // WHEN
        HttpResponse response = send(json("POST", "/todos", ALICE, body));

        // THEN
        if (detail.startsWith("title: ")) {
            assertProblem(response, 400, detail, "title", detail.substring("title: ".length()));
        } else {
            assertProblem(response, 400, detail);
        }
        assertEmptyList(ALICE);
    }

    @Test
    void create_emptyBody_is400() {
        // WHEN
        HttpResponse response = send(request("POST", "/todos", ALICE).header("Content-Type", "application/json"));

        // THEN
        assertProblem(response, 400, "the request needs a JSON body");
    }

    // ---------------------------------------------------------------- media type and size

    @ParameterizedTest
    @CsvSource({"POST,text/plain", "POST,application/xml", "POST,application/x-www-form-urlencoded",
            "POST,", "PUT,text/plain", "PATCH,text/plain", "PATCH,"})
    void writes_withoutAJsonContentType_are415AndChangeNothing(String method, String contentType) {
        // GIVEN
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Existing\"}"));
        String path = method.equals("POST") ? "/todos" : created.headers().first("Location").orElseThrow();
        HttpRequest.Builder request = request(method, path, ALICE).body("{\"title\": \"New\"}");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }

        // WHEN
        HttpResponse response = send(request);

        // THEN
        assertProblem(response, 415, "send the body as application/json or application/merge-patch+json");
        assertUnchanged(created);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"})
    void create_withAJsonContentType_isAccepted(String contentType) {
        // WHEN
        HttpResponse response = send(request("POST", "/todos", ALICE).header("Content-Type", contentType)
                .body("{\"title\": \"New\"}"));

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
    }

    @Test
    void create_bodyOneByteOver256KB_is413() {
        // GIVEN a valid todo padded with whitespace to 256 KB + 1
        String body = padded("{\"title\": \"Big\"}", 256 * 1024 + 1);

        // WHEN
        HttpResponse response = send(json("POST", "/todos", ALICE, body));

        // THEN
        assertProblem(response, 413, "the body exceeds 262144 bytes");
        assertEmptyList(ALICE);
    }

    @Test
    void create_bodyOfExactly256KB_isAccepted() {
        // GIVEN
        String body = padded("{\"title\": \"Big\"}", 256 * 1024);

        // WHEN
        HttpResponse response = send(json("POST", "/todos", ALICE, body));

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
    }

    // ---------------------------------------------------------------- query parameters and cursors

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "", " 5", "99999999999"})
    void list_limitOutOfRangeOrNotAnInteger_is400(String limit) {
        // WHEN
        HttpResponse response = send(request("GET", "/todos", ALICE).queryParameter("limit", limit));

        // THEN
        assertProblem(response, 400, "limit: must be an integer from 1 to 100", "limit",
                "must be an integer from 1 to 100");
    }

    @ParameterizedTest
    @CsvSource({"limit,5,6", "cursor,a,b", "done,true,false"})
    void list_repeatedParameter_is400(String name, String first, String second) {
        // WHEN
        HttpResponse response = send(request("GET", "/todos", ALICE).queryParameter(name, first)
                .queryParameter(name, second));

        // THEN
        assertProblem(response, 400, name + ": must be given once", name, "must be given once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sort", "ownerId", "title", "DONE", "id"})
    void list_unknownQueryParameter_is400NamingIt(String name) {
        // WHEN
        HttpResponse response = send(request("GET", "/todos", ALICE).queryParameter(name, "true"));

        // THEN
        assertProblem(response, 400, name + ": is not a known query parameter", name,
                "is not a known query parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "TRUE", "1", ""})
    void list_doneFilterOtherThanTrueOrFalse_is400(String value) {
        // WHEN
        HttpResponse response = send(request("GET", "/todos", ALICE).queryParameter("done", value));

        // THEN
        assertProblem(response, 400, "done: must be true or false", "done", "must be true or false");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''         | must not be empty",
            "a#b        | must not contain '#'"})
    void list_filterValueThatCannotBeAKeyPart_is400NamingTheParameter(String email, String message) {
        // WHEN
        HttpResponse response = send(request("GET", "/users", ALICE).queryParameter("email", email));

        // THEN
        assertProblem(response, 400, "email: " + message, "email", message);
    }

    @ParameterizedTest
    @CsvSource({"due, 2026-03-14", "tag, home", "done, true"})
    void list_filterCodeThatFails_is500WithAGenericDetail(String parameter, String value) {
        // WHEN the application's own list filter code throws, or makes no query
        HttpResponse response = send(request("GET", "/faulty-todos", ALICE).queryParameter(parameter, value));

        // THEN it is the application's bug, not the client's: a 500 that names nothing of it
        assertProblem(response, 500, "an unexpected error occurred; quote the instance when reporting it");
        assertThat(response.bodyText()).doesNotContain("s3cr3t");
    }

    @ParameterizedTest
    @CsvSource({"due, 2026-02-30, must be a valid LocalDate", "done, yes, must be true or false"})
    void list_filterValueTheLibraryCannotParse_isStillA400(String parameter, String value, String message) {
        // WHEN
        HttpResponse response = send(request("GET", "/faulty-todos", ALICE).queryParameter(parameter, value));

        // THEN
        assertProblem(response, 400, parameter + ": " + message, parameter, message);
    }

    @Test
    void list_tamperedCursor_is400() {
        // GIVEN a real cursor with one bit of its stored key flipped
        String cursor = firstPageCursor(request("GET", "/todos", ALICE));
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        bytes[bytes.length / 2] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        // WHEN
        HttpResponse response = send(request("GET", "/todos", ALICE).queryParameter("limit", "1")
                .queryParameter("cursor", tampered));

        // THEN
        assertProblem(response, 400, "cursor: is invalid or belongs to another query", "cursor",
                "is invalid or belongs to another query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cursor", "AAAA", "!!!", "eyJQSyI6IlVTRVIjYm9iIn0"})
    void list_garbageCursor_is400(String cursor) {
        // WHEN
        HttpResponse response = send(request("GET", "/todos", ALICE).queryParameter("cursor", cursor));

        // THEN
        assertProblem(response, 400, "cursor: is invalid or belongs to another query", "cursor",
                "is invalid or belongs to another query");
    }

    @Test
    void list_cursorOfAnotherQuery_is400() {
        // GIVEN a cursor of the done=false list
        String cursor = firstPageCursor(request("GET", "/todos", ALICE).queryParameter("done", "false"));

        // WHEN it is used on the unfiltered list and on the done=true list
        HttpResponse unfiltered = send(request("GET", "/todos", ALICE).queryParameter("cursor", cursor));
        HttpResponse done = send(request("GET", "/todos", ALICE).queryParameter("done", "true")
                .queryParameter("cursor", cursor));

        // THEN
        assertProblem(unfiltered, 400, "cursor: is invalid or belongs to another query", "cursor",
                "is invalid or belongs to another query");
        assertProblem(done, 400, "cursor: is invalid or belongs to another query", "cursor",
                "is invalid or belongs to another query");
    }

    @Test
    void list_cursorOfAnotherSubject_is400() {
        // GIVEN a cursor of alice's list
        String cursor = firstPageCursor(request("GET", "/todos", ALICE));

        // WHEN bob uses it
        HttpResponse response = send(request("GET", "/todos", BOB).queryParameter("cursor", cursor));

        // THEN
        assertProblem(response, 400, "cursor: is invalid or belongs to another query", "cursor",
                "is invalid or belongs to another query");
    }

    // ---------------------------------------------------------------- no internals in error bodies

    @Test
    void storageFailure_is500WithoutInternalDetails() {
        // WHEN the resource's table does not exist
        HttpResponse response = send(request("GET", "/broken/01ARZ3NDEKTSV4RRFFQ69G5FAV", ALICE));

        // THEN
        assertProblem(response, 500, null);
    }

    @Test
    void everyErrorResponse_isAProblemWithoutAStackTrace() {
        // GIVEN an existing todo and user
        String todo = send(json("POST", "/todos", ALICE, "{\"title\": \"Existing\"}")).headers().first("Location")
                .orElseThrow();
        HttpResponse user = send(json("POST", "/users", ALICE, "{\"email\": \"ann@example.com\", \"name\": \"Ann\"}"));
        assertThat(user.status()).as(user.bodyText()).isEqualTo(201);
        List<HttpRequest.Builder> requests = List.of(
                request("GET", "/todos", null),
                request("GET", "/nowhere", ALICE),
                request("POST", todo, ALICE),
                request("GET", "/scoped-todos/" + todo.substring("/todos/".length()), ALICE),
                request("GET", "/todos/01ARZ3NDEKTSV4RRFFQ69G5FAV", ALICE),
                request("GET", "/todos/a%23b", ALICE),
                request("GET", "/todos/%E0%A4%A", ALICE),
                request("GET", "/todos/" + "x".repeat(2000), ALICE),
                request("DELETE", todo, ALICE).header("If-Match", "\"9\""),
                json("POST", "/todos", ALICE, "{\"title\": \"x\", \"done\": \"yes\"}"),
                json("POST", "/todos", ALICE, "{\"title\": \"x\", \"extra\": {\"a\": [1, 2]}}"),
                json("POST", "/todos", ALICE, "{\"title\": " + "[".repeat(100) + "]".repeat(100) + "}"),
                json("POST", "/todos", ALICE, "{\"title\": \"" + "x".repeat(300) + "\"}"),
                json("POST", "/todos", ALICE, "{\"title\": 1e99999}"),
                json("PATCH", todo, ALICE, "{\"done\": null}"),
                json("POST", "/todos", ALICE, padded("{}", 300_000)),
                request("POST", "/todos", ALICE).header("Content-Type", "text/plain").body("x"),
                request("GET", "/todos", ALICE).queryParameter("limit", "x"),
                request("GET", "/todos", ALICE).queryParameter("cursor", "x"),
                request("GET", "/todos", ALICE).queryParameter("bogus", "1"),
                request("GET", "/users", ALICE),
                json("POST", "/users", ALICE, "{\"email\": \"ann@example.com\", \"name\": \"Ann 2\"}"),
                json("POST", "/users", ALICE, "{\"email\": \"not an email\", \"name\": \"Ann\"}"),
                json("POST", "/users", ALICE, "{\"email\": \"x@example.com\", \"name\": \"X\", \"passwordHash\": \"h\"}"),
                request("GET", "/broken", ALICE),
                json("POST", "/broken", ALICE, "{\"title\": \"x\"}"));
        List<Integer> statuses = new ArrayList<>();

        for (HttpRequest.Builder request : requests) {
            // WHEN
            HttpResponse response = send(request);

            // THEN
            statuses.add(response.status());
            assertThat(response.status()).as("status of %s: %s", request.build(), response.bodyText())
                    .isBetween(400, 599);
            assertThat(response.headers().first("Content-Type")).as("content type of %s", request.build())
                    .contains("application/problem+json");
            assertThat(body(response).path("status").asInt()).isEqualTo(response.status());
            assertThat(response.bodyText()).as("body of %s", request.build())
                    .doesNotContain("at io.", "Exception", "java.", "software.amazon", "com.fasterxml",
                            "dynamodb", "\tat ");
        }
        assertThat(statuses).contains(400, 401, 403, 404, 405, 409, 412, 413, 415, 422, 500);
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

    private static String padded(String json, int bytes) {
        return json + " ".repeat(bytes - json.getBytes(UTF_8).length);
    }

    /** Creates two todos and returns the cursor after the first, for a list request asking one per page. */
    private String firstPageCursor(HttpRequest.Builder list) {
        for (int i = 0; i < 2; i++) {
            assertThat(send(json("POST", "/todos", ALICE, "{\"title\": \"Todo " + i + "\"}")).status())
                    .isEqualTo(201);
        }
        HttpResponse page = send(list.queryParameter("limit", "1"));
        assertThat(page.status()).as(page.bodyText()).isEqualTo(200);
        assertThat(body(page).get("items")).hasSize(1);
        assertThat(body(page).get("nextCursor").isTextual()).as(page.bodyText()).isTrue();
        return body(page).get("nextCursor").asText();
    }

    /** Asserts that the todo is still exactly as created: same body, ETag "1". */
    private void assertUnchanged(HttpResponse created) {
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        HttpResponse read = send(request("GET", created.headers().first("Location").orElseThrow(), ALICE));
        assertResponse(read, 200, Map.of("content-type", "application/json", "etag", "\"1\""), created.bodyText());
        HttpResponse list = send(request("GET", "/todos", ALICE));
        assertResponse(list, 200, Map.of("content-type", "application/json"),
                "{\"items\": [" + created.bodyText() + "], \"nextCursor\": null}");
    }

    private void assertEmptyList(Principal caller) {
        assertResponse(send(request("GET", "/todos", caller)), 200, Map.of("content-type", "application/json"),
                "{\"items\": [], \"nextCursor\": null}");
        if (caller == ALICE) {
            assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isZero();
        }
    }

    private static void assertResponse(HttpResponse response, int status, Map<String, String> headers, String body) {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
        Map<String, List<String>> expectedHeaders = new HashMap<>();
        headers.forEach((name, value) -> expectedHeaders.put(name, List.of(value)));
        assertThat(response.headers().asMap()).isEqualTo(expectedHeaders);
        assertThat(body(response)).isEqualTo(tree(body));
    }

    /** Asserts an application/problem+json response; fieldErrors are field, message pairs. */
    private static void assertProblem(HttpResponse response, int status, String detail, String... fieldErrors) {
        ObjectNode problem = Json.mapper().createObjectNode()
                .put("type", "about:blank")
                .put("title", switch (status) {
                    case 400 -> "Bad Request";
                    case 404 -> "Not Found";
                    case 413 -> "Content Too Large";
                    case 415 -> "Unsupported Media Type";
                    case 422 -> "Unprocessable Content";
                    case 500 -> "Internal Server Error";
                    default -> throw new IllegalArgumentException("no title for " + status);
                })
                .put("status", status);
        if (detail != null) {
            problem.put("detail", detail);
        }
        problem.put("instance", REQUEST_ID);
        if (fieldErrors.length > 0) {
            ArrayNode errors = problem.putArray("errors");
            for (int i = 0; i < fieldErrors.length; i += 2) {
                errors.addObject().put("field", fieldErrors[i]).put("message", fieldErrors[i + 1]);
            }
        }
        assertResponse(response, status, Map.of("content-type", "application/problem+json"), problem.toString());
    }
}

package io.github.dynacrud.http;

import static io.github.dynacrud.testing.JsonBodies.body;
import static io.github.dynacrud.testing.JsonBodies.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.http.ResourceOptions.Operation;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.Scope;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What {@link ResourceOptions} and the entity's declaration change in a mounted resource: authentication, the mounted
 * operations, per-operation scopes, the owner claim, page sizes, and a users resource without owner, with a unique
 * email and a hidden password hash.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class EntityResourceOptionsIT {
    private static final String REQUEST_ID = "test-request";
    private static final Principal ALICE = Principal.of("alice");
    private static final String CREATED_AT = "2025-03-01T09:30:00.123Z";

    private DynamoDbClient dynamoDb;
    private String tableName;
    private EntityRepository<Todo> todos;
    private EntityRepository<User> users;
    private Router router;

    @BeforeEach
    void createTable(DynamoDbClient client) {
        dynamoDb = client;
        tableName = DynamoDbLocalExtension.uniqueTableName("resource-options");
        LocalTable.create(client, tableName, Todo.ENTITY, User.ENTITY);
        SingleTable table = SingleTable.builder().client(client).tableName(tableName)
                .clock(Clock.fixed(Instant.parse(CREATED_AT), ZoneOffset.UTC)).build();
        todos = table.repository(Todo.ENTITY);
        users = table.repository(User.ENTITY);
    }

    // ---------------------------------------------------------------- authentication

    @ParameterizedTest
    @CsvSource({"POST,/todos", "GET,/todos", "GET,/todos/{id}", "PUT,/todos/{id}", "PATCH,/todos/{id}",
            "DELETE,/todos/{id}"})
    void everyOperation_withoutAPrincipal_is401AndChangesNothing(String method, String path) {
        // GIVEN a todo of alice
        mount(ResourceOptions.defaults());
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Existing\"}"));
        String id = body(created).get("id").asText();

        // WHEN the same request, valid for alice, comes without a principal
        HttpResponse response = send(json(method, path.replace("{id}", id), null, "{\"title\": \"Changed\"}"));

        // THEN
        assertProblem(response, 401, "this route needs an authenticated caller");
        assertResponse(send(request("GET", "/todos/" + id, ALICE)), 200,
                Map.of("content-type", "application/json", "etag", "\"1\""), created.bodyText());
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isOne();
    }

    // ---------------------------------------------------------------- operations

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void createAndReadOnly_otherMethodsOnAnItem_are405AllowingGetAndHead(String method) {
        // GIVEN
        mount(ResourceOptions.builder().operations(Operation.CREATE, Operation.READ).build());
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Existing\"}"));
        String location = created.headers().first("Location").orElseThrow();

        // WHEN
        HttpResponse response = send(json(method, location, ALICE, "{\"title\": \"Changed\"}"));

        // THEN
        assertProblem(response, 405, "this path does not answer " + method, Map.of("allow", "GET, HEAD"));
        assertResponse(send(request("GET", location, ALICE)), 200,
                Map.of("content-type", "application/json", "etag", "\"1\""), created.bodyText());
    }

    @Test
    void createAndReadOnly_listing_is405AllowingPost() {
        // GIVEN
        mount(ResourceOptions.builder().operations(Operation.CREATE, Operation.READ).build());

        // WHEN
        HttpResponse response = send(request("GET", "/todos", ALICE));

        // THEN
        assertProblem(response, 405, "this path does not answer GET", Map.of("allow", "POST"));
    }

    @Test
    void listOnly_itemPaths_are404() {
        // GIVEN
        mount(ResourceOptions.builder().operations(Operation.LIST).build());

        // WHEN
        HttpResponse read = send(request("GET", "/todos/01ARZ3NDEKTSV4RRFFQ69G5FAV", ALICE));
        HttpResponse create = send(json("POST", "/todos", ALICE, "{\"title\": \"New\"}"));
        HttpResponse list = send(request("GET", "/todos", ALICE));

        // THEN
        assertProblem(read, 404, "no route matches this path");
        assertProblem(create, 405, "this path does not answer POST", Map.of("allow", "GET, HEAD"));
        assertResponse(list, 200, Map.of("content-type", "application/json"), "{\"items\": [], \"nextCursor\": null}");
    }

    @Test
    void allOperations_postOnAnItem_is405AllowingEveryItemMethod() {
        // GIVEN
        mount(ResourceOptions.defaults());

        // WHEN
        HttpResponse response = send(json("POST", "/todos/01ARZ3NDEKTSV4RRFFQ69G5FAV", ALICE, "{\"title\": \"x\"}"));

        // THEN
        assertProblem(response, 405, "this path does not answer POST",
                Map.of("allow", "DELETE, GET, HEAD, PATCH, PUT"));
    }

    // ---------------------------------------------------------------- scopes

    @Test
    void scopedCreate_withoutTheScope_is403AndCreatesNothing() {
        // GIVEN
        mount(ResourceOptions.builder().scopes(Operation.CREATE, "todos:write").build());

        // WHEN
        HttpResponse response = send(json("POST", "/todos", ALICE, "{\"title\": \"New\"}"));

        // THEN
        assertProblem(response, 403, "this route needs the scopes [todos:write]");
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isZero();
    }

    @Test
    void scopedCreate_withTheScope_is201() {
        // GIVEN
        mount(ResourceOptions.builder().scopes(Operation.CREATE, "todos:write").build());

        // WHEN
        HttpResponse response = send(json("POST", "/todos", caller("alice", Set.of("todos:write", "other")),
                "{\"title\": \"New\"}"));

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
    }

    @Test
    void scopedDelete_needsEveryScope_andOtherOperationsNeedNone() {
        // GIVEN
        mount(ResourceOptions.builder().scopes(Operation.DELETE, "todos:delete", "todos:admin").build());
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Existing\"}"));
        String location = created.headers().first("Location").orElseThrow();

        // WHEN
        HttpResponse withoutScopes = send(request("DELETE", location, ALICE));
        HttpResponse withOneScope = send(request("DELETE", location, caller("alice", Set.of("todos:delete"))));
        HttpResponse read = send(request("GET", location, ALICE));
        HttpResponse withoutPrincipal = send(request("DELETE", location, null));
        HttpResponse withBothScopes = send(request("DELETE", location,
                caller("alice", Set.of("todos:delete", "todos:admin"))));

        // THEN
        assertProblem(withoutScopes, 403, "this route needs the scopes [todos:admin, todos:delete]");
        assertProblem(withOneScope, 403, "this route needs the scopes [todos:admin, todos:delete]");
        assertResponse(read, 200, Map.of("content-type", "application/json", "etag", "\"1\""), created.bodyText());
        assertProblem(withoutPrincipal, 401, "this route needs an authenticated caller");
        assertThat(withBothScopes.status()).as(withBothScopes.bodyText()).isEqualTo(204);
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isZero();
    }

    // ---------------------------------------------------------------- owner claim

    @Test
    void ownerClaim_scopesItemsByTheClaimInsteadOfTheSubject() {
        // GIVEN
        mount(ResourceOptions.builder().ownerClaim("custom:tenantId").build());
        Principal aliceOfAcme = tenantMember("alice", "acme");
        Principal bobOfAcme = tenantMember("bob", "acme");
        Principal aliceOfGlobex = tenantMember("alice", "globex");

        // WHEN
        HttpResponse created = send(json("POST", "/todos", aliceOfAcme, "{\"title\": \"Shared\"}"));
        String location = created.headers().first("Location").orElseThrow();
        HttpResponse readBySameTenant = send(request("GET", location, bobOfAcme));
        HttpResponse listBySameTenant = send(request("GET", "/todos", bobOfAcme));
        HttpResponse readByOtherTenant = send(request("GET", location, aliceOfGlobex));
        HttpResponse patchByOtherTenant = send(json("PATCH", location, aliceOfGlobex, "{\"done\": true}"));
        HttpResponse listByOtherTenant = send(request("GET", "/todos", aliceOfGlobex));

        // THEN
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        String id = body(created).get("id").asText();
        assertResponse(readBySameTenant, 200, Map.of("content-type", "application/json", "etag", "\"1\""),
                created.bodyText());
        assertResponse(listBySameTenant, 200, Map.of("content-type", "application/json"),
                "{\"items\": [" + created.bodyText() + "], \"nextCursor\": null}");
        assertProblem(readByOtherTenant, 404, "Todo not found");
        assertProblem(patchByOtherTenant, 404, "Todo not found");
        assertResponse(listByOtherTenant, 200, Map.of("content-type", "application/json"),
                "{\"items\": [], \"nextCursor\": null}");
        Map<String, AttributeValue> stored = dynamoDb.getItem(r -> r.tableName(tableName).key(Map.of(
                "PK", AttributeValue.fromS("USER#acme"), "SK", AttributeValue.fromS("TODO#" + id)))).item();
        assertThat(stored.get("ownerId")).isEqualTo(AttributeValue.fromS("acme"));
    }

    @Test
    void ownerClaim_missingFromTheToken_is401() {
        // GIVEN
        mount(ResourceOptions.builder().ownerClaim("custom:tenantId").build());

        // WHEN
        HttpResponse response = send(json("POST", "/todos", ALICE, "{\"title\": \"New\"}"));

        // THEN
        assertProblem(response, 401, "the token carries no 'custom:tenantId' claim");
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme#globex", "", "long"})
    void ownerClaim_thatCannotBeAKeyPart_is401AndStoresNothing(String tenant) {
        // GIVEN a token whose tenant claim could not be a key part (a separator, empty, far too long)
        mount(ResourceOptions.builder().ownerClaim("custom:tenantId").build());
        Principal caller = tenantMember("alice", tenant.equals("long") ? "t".repeat(3000) : tenant);

        // WHEN
        HttpResponse created = send(json("POST", "/todos", caller, "{\"title\": \"New\"}"));
        HttpResponse listed = send(request("GET", "/todos", caller));

        // THEN the credentials are at fault, not a field of the body
        assertProblem(created, 401, "the token's 'custom:tenantId' claim cannot identify an owner");
        assertProblem(listed, 401, "the token's 'custom:tenantId' claim cannot identify an owner");
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"POST,/todos", "GET,/todos", "GET,/todos/{id}", "PUT,/todos/{id}", "PATCH,/todos/{id}",
            "DELETE,/todos/{id}"})
    void subjectThatCannotBeAKeyPart_is401ForEveryOperationAndChangesNothing(String method, String path) {
        // GIVEN a todo of alice, and callers whose subjects could not be key parts
        mount(ResourceOptions.defaults());
        HttpResponse created = send(json("POST", "/todos", ALICE, "{\"title\": \"Existing\"}"));
        String id = body(created).get("id").asText();

        for (String subject : List.of("alice#admin", "", "a".repeat(3000))) {
            // WHEN
            HttpResponse response = send(json(method, path.replace("{id}", id), Principal.of(subject),
                    "{\"title\": \"Changed\"}"));

            // THEN
            assertProblem(response, 401, "the token's subject cannot identify an owner");
        }
        assertResponse(send(request("GET", "/todos/" + id, ALICE)), 200,
                Map.of("content-type", "application/json", "etag", "\"1\""), created.bodyText());
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).count()).isOne();
    }

    // ---------------------------------------------------------------- page sizes

    @Test
    void pageSizes_setTheDefaultAndTheLargestLimit() {
        // GIVEN
        mount(ResourceOptions.builder().pageSizes(5, 10).build());
        for (int i = 1; i <= 6; i++) {
            todos.create(Scope.owner("alice"), Todo.of("Todo " + i));
        }

        // WHEN
        HttpResponse byDefault = send(request("GET", "/todos", ALICE));
        HttpResponse largest = send(request("GET", "/todos", ALICE).queryParameter("limit", "10"));
        HttpResponse tooLarge = send(request("GET", "/todos", ALICE).queryParameter("limit", "11"));

        // THEN
        assertThat(byDefault.status()).as(byDefault.bodyText()).isEqualTo(200);
        assertThat(body(byDefault).get("items")).hasSize(5);
        assertThat(body(byDefault).get("nextCursor").isTextual()).isTrue();
        assertThat(largest.status()).as(largest.bodyText()).isEqualTo(200);
        assertThat(body(largest).get("items")).hasSize(6);
        assertThat(body(largest).get("nextCursor").isNull()).isTrue();
        assertProblem(tooLarge, 400, "limit: must be an integer from 1 to 10", Map.of(),
                "limit", "must be an integer from 1 to 10");
    }

    // ---------------------------------------------------------------- users: no owner, unique email, hidden hash

    @Test
    void users_sameEmailTwice_secondIs409AndOnlyTheFirstExists() {
        // GIVEN
        mountUsers();
        HttpResponse first = send(json("POST", "/users", ALICE, "{\"email\": \"ann@example.com\", \"name\": \"Ann\"}"));
        String id = body(first).path("id").asText();

        // WHEN
        HttpResponse second = send(json("POST", "/users", caller("bob", Set.of()),
                "{\"email\": \"ann@example.com\", \"name\": \"Another Ann\"}"));

        // THEN
        assertResponse(first, 201, Map.of("content-type", "application/json", "etag", "\"1\"",
                "location", "/users/" + id), """
                {"id": "%s", "email": "ann@example.com", "name": "Ann", "version": 1,
                 "createdAt": "%s", "updatedAt": "%s"}
                """.formatted(id, CREATED_AT, CREATED_AT));
        assertProblem(second, 409, "User email is already taken");
        assertResponse(send(request("GET", "/users", ALICE).queryParameter("email", "ann@example.com")), 200,
                Map.of("content-type", "application/json"),
                "{\"items\": [" + first.bodyText() + "], \"nextCursor\": null}");
    }

    @Test
    void users_passwordHash_neverAppearsInResponses_andSurvivesPutAndPatch() {
        // GIVEN a user stored with a password hash
        mountUsers();
        User ann = users.create(Scope.unscoped(), new User(null, "ann@example.com", "Ann", "hash-of-secret",
                null, null, null));
        String location = "/users/" + ann.id();

        // WHEN
        HttpResponse read = send(request("GET", location, ALICE));
        HttpResponse list = send(request("GET", "/users", ALICE).queryParameter("email", "ann@example.com"));
        HttpResponse put = send(json("PUT", location, ALICE, "{\"email\": \"ann@example.org\", \"name\": \"Ann B\"}")
                .header("If-Match", "\"1\""));
        HttpResponse patch = send(json("PATCH", location, ALICE, "{\"name\": \"Ann C\"}").header("If-Match", "\"2\""));

        // THEN
        String v1 = """
                {"id": "%s", "email": "ann@example.com", "name": "Ann", "version": 1,
                 "createdAt": "%s", "updatedAt": "%s"}
                """.formatted(ann.id(), CREATED_AT, CREATED_AT);
        assertResponse(read, 200, Map.of("content-type", "application/json", "etag", "\"1\""), v1);
        assertResponse(list, 200, Map.of("content-type", "application/json"),
                "{\"items\": [" + v1 + "], \"nextCursor\": null}");
        assertResponse(put, 200, Map.of("content-type", "application/json", "etag", "\"2\""), """
                {"id": "%s", "email": "ann@example.org", "name": "Ann B", "version": 2,
                 "createdAt": "%s", "updatedAt": "%s"}
                """.formatted(ann.id(), CREATED_AT, CREATED_AT));
        assertResponse(patch, 200, Map.of("content-type", "application/json", "etag", "\"3\""), """
                {"id": "%s", "email": "ann@example.org", "name": "Ann C", "version": 3,
                 "createdAt": "%s", "updatedAt": "%s"}
                """.formatted(ann.id(), CREATED_AT, CREATED_AT));
        Map<String, AttributeValue> stored = dynamoDb.getItem(r -> r.tableName(tableName).key(Map.of(
                "PK", AttributeValue.fromS("USER#" + ann.id()), "SK", AttributeValue.fromS("PROFILE")))).item();
        assertThat(stored.get("passwordHash")).isEqualTo(AttributeValue.fromS("hash-of-secret"));
        assertThat(stored.get("name")).isEqualTo(AttributeValue.fromS("Ann C"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH"})
    void users_passwordHashInTheBody_is400NamingIt(String method) {
        // GIVEN
        mountUsers();
        User ann = users.create(Scope.unscoped(), new User(null, "ann@example.com", "Ann", "hash-of-secret",
                null, null, null));
        String path = method.equals("POST") ? "/users" : "/users/" + ann.id();

        // WHEN
        HttpResponse response = send(json(method, path, ALICE,
                "{\"email\": \"eve@example.com\", \"name\": \"Eve\", \"passwordHash\": \"mine\"}"));

        // THEN
        assertProblem(response, 400, "passwordHash: is not a known field", Map.of(),
                "passwordHash", "is not a known field");
        assertThat(users.get(Scope.unscoped(), ann.id())).contains(ann);
    }

    @Test
    void users_putWithTheEmailOfAnotherUser_is409AndChangesNothing() {
        // GIVEN
        mountUsers();
        users.create(Scope.unscoped(), User.of("ann@example.com", "Ann"));
        User bob = users.create(Scope.unscoped(), User.of("bob@example.com", "Bob"));

        // WHEN
        HttpResponse response = send(json("PUT", "/users/" + bob.id(), ALICE,
                "{\"email\": \"ann@example.com\", \"name\": \"Bob\"}"));

        // THEN
        assertProblem(response, 409, "User email is already taken");
        assertThat(users.get(Scope.unscoped(), bob.id())).contains(bob);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH"})
    void users_writeKeepingTheSameEmail_is200(String method) {
        // GIVEN
        mountUsers();
        User ann = users.create(Scope.unscoped(), new User(null, "ann@example.com", "Ann", "hash-of-secret",
                null, null, null));

        // WHEN
        HttpResponse response = send(json(method, "/users/" + ann.id(), ALICE,
                "{\"email\": \"ann@example.com\", \"name\": \"Ann B\"}").header("If-Match", "\"1\""));

        // THEN
        assertResponse(response, 200, Map.of("content-type", "application/json", "etag", "\"2\""), """
                {"id": "%s", "email": "ann@example.com", "name": "Ann B", "version": 2,
                 "createdAt": "%s", "updatedAt": "%s"}
                """.formatted(ann.id(), CREATED_AT, CREATED_AT));
        assertThat(users.get(Scope.unscoped(), ann.id()).orElseThrow().passwordHash()).isEqualTo("hash-of-secret");
    }

    @Test
    void users_deleteHonoursIfMatch_andFreesTheEmail() {
        // GIVEN
        mountUsers();
        HttpResponse first = send(json("POST", "/users", ALICE, "{\"email\": \"ann@example.com\", \"name\": \"Ann\"}"));
        String location = first.headers().first("Location").orElseThrow();

        // WHEN
        HttpResponse stale = send(request("DELETE", location, ALICE).header("If-Match", "\"2\""));
        HttpResponse takenMeanwhile = send(json("POST", "/users", ALICE,
                "{\"email\": \"ann@example.com\", \"name\": \"Ann\"}"));
        HttpResponse deleted = send(request("DELETE", location, ALICE).header("If-Match", "\"1\""));
        HttpResponse again = send(json("POST", "/users", ALICE, "{\"email\": \"ann@example.com\", \"name\": \"Ann\"}"));

        // THEN
        assertProblem(stale, 412, "User was changed by another request; read it again and retry");
        assertProblem(takenMeanwhile, 409, "User email is already taken");
        assertResponse(deleted, 204, Map.of(), null);
        assertProblem(send(request("GET", location, ALICE)), 404, "User not found");
        assertThat(again.status()).as(again.bodyText()).isEqualTo(201);
    }

    // ---------------------------------------------------------------- helpers

    private void mount(ResourceOptions options) {
        router = Router.builder().resource("/todos", todos, options).build();
    }

    private void mountUsers() {
        router = Router.builder().resource("/users", users, ResourceOptions.builder()
                .listFilter("email", String.class, email -> Query.index("GSI1").partition("email", email))
                .build()).build();
    }

    private HttpResponse send(HttpRequest.Builder request) {
        return router.route(request.build());
    }

    private static Principal caller(String subject, Set<String> scopes) {
        return new Principal(subject, Map.of("sub", subject), scopes);
    }

    private static Principal tenantMember(String subject, String tenant) {
        return new Principal(subject, Map.of("sub", subject, "custom:tenantId", tenant), Set.of());
    }

    private static HttpRequest.Builder request(String method, String path, Principal caller) {
        return HttpRequest.builder().method(method).path(path).principal(caller).requestId(REQUEST_ID);
    }

    private static HttpRequest.Builder json(String method, String path, Principal caller, String body) {
        return request(method, path, caller).header("Content-Type", "application/json").body(body);
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

    private static void assertProblem(HttpResponse response, int status, String detail) {
        assertProblem(response, status, detail, Map.of());
    }

    /** Asserts an application/problem+json response with more headers; fieldErrors are field, message pairs. */
    private static void assertProblem(HttpResponse response, int status, String detail, Map<String, String> headers,
            String... fieldErrors) {
        ObjectNode problem = Json.mapper().createObjectNode()
                .put("type", "about:blank")
                .put("title", switch (status) {
                    case 400 -> "Bad Request";
                    case 401 -> "Unauthorized";
                    case 403 -> "Forbidden";
                    case 404 -> "Not Found";
                    case 405 -> "Method Not Allowed";
                    case 409 -> "Conflict";
                    case 412 -> "Precondition Failed";
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
        Map<String, String> expectedHeaders = new HashMap<>(headers);
        expectedHeaders.put("content-type", "application/problem+json");
        if (status == 401) {
            expectedHeaders.put("www-authenticate", "Bearer");
        }
        assertResponse(response, status, expectedHeaders, problem.toString());
    }
}

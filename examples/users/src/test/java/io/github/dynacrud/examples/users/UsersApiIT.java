package io.github.dynacrud.examples.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.test.HttpApiEvents;
import io.github.dynacrud.test.OpenApiContract;
import io.github.dynacrud.test.OpenApiFile;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The users API over DynamoDB Local: unique emails, lookup by email, and the guard items behind them. Every response
 * is checked against the OpenAPI document the handler serves, so the document and the behaviour cannot drift apart.
 */
class UsersApiIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private DynamoDbClient client;
    private String table;
    private UserHandler handler;
    private OpenApiContract contract;

    @BeforeEach
    void newTable() {
        client = DYNAMODB.client();
        table = DynamoDbLocalExtension.uniqueTableName("users");
        LocalTable.create(client, table, User.ENTITY);
        handler = new UserHandler(SingleTable.builder().client(client).tableName(table).build());
        contract = OpenApiContract.of(OpenApiFile.fetch(handler, "/openapi.json"));
    }

    @Test
    void create_thenLookupByEmail_findsTheUser() {
        // GIVEN
        String id = created("ada@example.com", "Ada Lovelace");

        // WHEN
        APIGatewayV2HTTPResponse response = lookup("ada@example.com");

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode items = HttpApiEvents.json(response).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("id").asText()).isEqualTo(id);
        assertThat(items.get(0).get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(HttpApiEvents.json(lookup("grace@example.com")).get("items")).isEmpty();
        assertThat(guards()).containsExactly(Map.entry("ada@example.com", "USER#" + id));
    }

    @Test
    void create_takenEmail_is409AndKeepsTheFirstUser() {
        // GIVEN
        String id = created("ada@example.com", "Ada Lovelace");

        // WHEN
        APIGatewayV2HTTPResponse response = create("ada@example.com", "Someone Else");

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
        assertThat(HttpApiEvents.json(response).get("detail").asText()).isEqualTo("User email is already taken");
        JsonNode items = HttpApiEvents.json(lookup("ada@example.com")).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("id").asText()).isEqualTo(id);
        assertThat(guards()).containsExactly(Map.entry("ada@example.com", "USER#" + id));
    }

    @Test
    void concurrentCreates_sameEmail_exactlyOneWins() throws Exception {
        // GIVEN twenty callers released at once, each creating a user with the same email
        int callers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                String name = "Caller " + i;
                Callable<APIGatewayV2HTTPResponse> call = () -> {
                    start.await();
                    return create("race@example.com", name);
                };
                futures.add(pool.submit(call));
            }

            // WHEN
            start.countDown();
            List<APIGatewayV2HTTPResponse> responses = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }

            // THEN
            List<Integer> statuses = responses.stream().map(APIGatewayV2HTTPResponse::getStatusCode).toList();
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
            assertThat(statuses).filteredOn(status -> status != 201).allMatch(s -> s == 409 || s == 503);
            String winner = responses.stream().filter(r -> r.getStatusCode() == 201)
                    .map(r -> HttpApiEvents.json(r).get("id").asText()).findFirst().orElseThrow();
            assertThat(guards()).containsExactly(Map.entry("race@example.com", "USER#" + winner));
            assertThat(users()).isEqualTo(1);
            JsonNode items = HttpApiEvents.json(lookup("race@example.com")).get("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("id").asText()).isEqualTo(winner);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void delete_freesTheEmail() {
        // GIVEN
        String id = created("ada@example.com", "Ada Lovelace");

        // WHEN
        APIGatewayV2HTTPResponse deleted = send(HttpApiEvents.delete("/users/" + id)
                .subject("admin-1").scopes("users:write").build());

        // THEN
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThat(guards()).isEmpty();
        assertThat(users()).isZero();
        assertThat(HttpApiEvents.json(lookup("ada@example.com")).get("items")).isEmpty();
        String again = created("ada@example.com", "Ada Again");
        assertThat(guards()).containsExactly(Map.entry("ada@example.com", "USER#" + again));
    }

    @Test
    void create_sameEmailInAnotherCase_is409AndTheFirstUserKeepsItsEmailAsSent() {
        // GIVEN
        String id = created("Ada@Example.com", "Ada Lovelace");

        // WHEN
        APIGatewayV2HTTPResponse response = create("ada@example.COM", "Someone Else");

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(HttpApiEvents.json(response).get("detail").asText()).isEqualTo("User email is already taken");
        APIGatewayV2HTTPResponse read = send(HttpApiEvents.get("/users/" + id).subject("reader-1").build());
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(HttpApiEvents.json(read).get("email").asText()).isEqualTo("Ada@Example.com");
        assertThat(guards()).containsExactly(Map.entry("ada@example.com", "USER#" + id));
    }

    @Test
    void patch_newEmail_movesTheGuard() {
        // GIVEN
        String id = created("ada@example.com", "Ada Lovelace");

        // WHEN
        APIGatewayV2HTTPResponse patched = send(HttpApiEvents.patch("/users/" + id)
                .subject("admin-1").scopes("users:write").header("If-Match", "\"1\"")
                .json("{\"email\": \"ada@lovelace.example\"}").build());

        // THEN
        assertThat(patched.getStatusCode()).isEqualTo(200);
        assertThat(HttpApiEvents.json(patched).get("email").asText()).isEqualTo("ada@lovelace.example");
        assertThat(HttpApiEvents.header(patched, "ETag")).hasValue("\"2\"");
        assertThat(guards()).containsExactly(Map.entry("ada@lovelace.example", "USER#" + id));
        assertThat(HttpApiEvents.json(lookup("ada@example.com")).get("items")).isEmpty();
        assertThat(HttpApiEvents.json(lookup("ada@lovelace.example")).get("items").get(0).get("id").asText())
                .isEqualTo(id);
        assertThat(create("ada@lovelace.example", "Someone Else").getStatusCode()).isEqualTo(409);
        assertThat(create("ada@example.com", "Someone Else").getStatusCode()).isEqualTo(201);
    }

    @Test
    void replace_takenEmail_is409AndMovesNothing() {
        // GIVEN
        String ada = created("ada@example.com", "Ada Lovelace");
        String grace = created("grace@example.com", "Grace Hopper");

        // WHEN
        APIGatewayV2HTTPResponse replaced = send(HttpApiEvents.put("/users/" + grace)
                .subject("admin-1").scopes("users:write")
                .json("{\"email\": \"ada@example.com\", \"name\": \"Grace Hopper\"}").build());

        // THEN
        assertThat(replaced.getStatusCode()).isEqualTo(409);
        assertThat(guards()).containsOnly(Map.entry("ada@example.com", "USER#" + ada),
                Map.entry("grace@example.com", "USER#" + grace));
    }

    private String created(String email, String name) {
        APIGatewayV2HTTPResponse response = create(email, name);
        assertThat(response.getStatusCode()).as("create %s", email).isEqualTo(201);
        return HttpApiEvents.json(response).get("id").asText();
    }

    private APIGatewayV2HTTPResponse create(String email, String name) {
        return send(HttpApiEvents.post("/users").subject("admin-1").scopes("users:write")
                .json("{\"email\": \"" + email + "\", \"name\": \"" + name + "\"}").build());
    }

    private APIGatewayV2HTTPResponse lookup(String email) {
        return send(HttpApiEvents.get("/users").query("email", email).subject("reader-1").build());
    }

    /** Sends an event to the handler and checks its response against the OpenAPI document the handler serves. */
    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent request) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);
        contract.check(request, response);
        return response;
    }

    /** The email guard items in the table, as email to the key of the user they point at. */
    private Map<String, String> guards() {
        String prefix = "UNIQUE#User#email#";
        Map<String, String> guards = new TreeMap<>();
        for (Map<String, AttributeValue> item : scan()) {
            String pk = item.get("PK").s();
            if (pk.startsWith("UNIQUE#")) {
                assertThat(pk).startsWith(prefix);
                assertThat(item.get("SK").s()).isEqualTo(pk);
                guards.put(pk.substring(prefix.length()), item.get("targetPK").s());
            }
        }
        return guards;
    }

    private long users() {
        return scan().stream().filter(item -> item.get("SK").s().equals("PROFILE")).count();
    }

    private List<Map<String, AttributeValue>> scan() {
        return client.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items()
                .stream().toList();
    }
}

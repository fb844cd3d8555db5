package io.github.dynacrud.http;

import static io.github.dynacrud.testing.JsonBodies.body;
import static io.github.dynacrud.testing.JsonBodies.tree;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.Scope;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Hidden attributes and the owner never leave through the resource, however Jackson renames them, and renamed
 * fields are written under their JSON names, against DynamoDB Local. (The shared mapper takes no mix-ins, so a
 * record renames its fields with annotations; {@code JsonNamesTest} shows mix-ins would be honoured as well.)
 */
@ExtendWith(DynamoDbLocalExtension.class)
class HiddenAttributesIT {
    private static final Principal ALICE = Principal.of("alice");

    /** The owner and the hidden attribute are renamed by {@code @JsonProperty}. */
    public record Account(@JsonProperty("owner") String ownerId, String id,
            @JsonProperty("display_name") @NotBlank String displayName, @JsonProperty("pw") String passwordHash,
            Long version) {
        static final Entity<Account> ENTITY = Entity.of(Account.class).partitionKey("OWNER#{ownerId}")
                .sortKey("ACCOUNT#{id}").generatedId("id").owner("ownerId").version("version")
                .hidden("passwordHash").build();
    }

    /** Every field is renamed by a naming strategy. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Profile(String ownerId, String id, String displayName, String passwordHash, Long version) {
        static final Entity<Profile> ENTITY = Entity.of(Profile.class).partitionKey("OWNER#{ownerId}")
                .sortKey("PROFILE#{id}").generatedId("id").owner("ownerId").version("version")
                .hidden("passwordHash").build();
    }

    private Router router;
    private SingleTable table;

    @BeforeEach
    void mount(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("hidden");
        LocalTable.create(client, tableName, Account.ENTITY, Profile.ENTITY);
        table = SingleTable.builder().client(client).tableName(tableName)
                .cursorSecret("a secret that signs page cursors".getBytes(UTF_8)).build();
        router = Router.builder()
                .resource("/accounts", table.repository(Account.ENTITY))
                .resource("/profiles", table.repository(Profile.ENTITY))
                .build();
    }

    @Test
    void jsonPropertyRenamedHiddenAttributeAndOwner_neverLeaveAndRenamedFieldsAreWritable() {
        // GIVEN an account whose hidden hash was set by the server
        Account stored = table.repository(Account.ENTITY).create(Scope.owner("alice"),
                new Account(null, null, "Ada", "s3cr3t-hash", null));
        String path = "/accounts/" + stored.id();

        // WHEN read, listed, patched and replaced under the JSON names
        HttpResponse read = send(request("GET", path));
        HttpResponse list = send(request("GET", "/accounts"));
        HttpResponse patched = send(json("PATCH", path, "{\"display_name\": \"Bea\"}"));
        HttpResponse replaced = send(json("PUT", path, "{\"display_name\": \"Cy\"}"));

        // THEN no response carries the owner or the hash, and the renamed field changed
        assertItem(read, 200, "{\"id\": \"%s\", \"display_name\": \"Ada\", \"version\": 1}".formatted(stored.id()));
        assertThat(list.status()).isEqualTo(200);
        assertThat(body(list).get("items")).containsExactly(body(read));
        assertItem(patched, 200, "{\"id\": \"%s\", \"display_name\": \"Bea\", \"version\": 2}".formatted(stored.id()));
        assertItem(replaced, 200, "{\"id\": \"%s\", \"display_name\": \"Cy\", \"version\": 3}".formatted(stored.id()));
        assertThat(table.repository(Account.ENTITY).get(Scope.owner("alice"), stored.id()).orElseThrow()
                .passwordHash()).isEqualTo("s3cr3t-hash");
    }

    @Test
    void jsonPropertyRenamedHiddenAttributeOwnerAndJavaNames_areRefusedOnEveryWrite() {
        // GIVEN
        Account stored = table.repository(Account.ENTITY).create(Scope.owner("alice"),
                new Account(null, null, "Ada", "s3cr3t-hash", null));

        for (String field : List.of("pw", "passwordHash", "owner", "ownerId", "displayName")) {
            // WHEN
            List<HttpResponse> responses = List.of(
                    send(json("POST", "/accounts", "{\"" + field + "\": \"x\"}")),
                    send(json("PUT", "/accounts/" + stored.id(), "{\"" + field + "\": \"x\"}")),
                    send(json("PATCH", "/accounts/" + stored.id(), "{\"" + field + "\": \"x\"}")));

            // THEN
            for (HttpResponse response : responses) {
                assertThat(response.status()).as(field).isEqualTo(400);
                assertThat(body(response).get("errors")).as(field).isEqualTo(tree(
                        "[{\"field\": \"" + field + "\", \"message\": \"is not a known field\"}]"));
            }
        }
        assertThat(table.repository(Account.ENTITY).get(Scope.owner("alice"), stored.id())).contains(stored);
    }

    @Test
    void violationsOfRenamedFields_nameTheirJsonFields() {
        // GIVEN
        Account stored = table.repository(Account.ENTITY).create(Scope.owner("alice"),
                new Account(null, null, "Ada", null, null));

        // WHEN
        List<HttpResponse> responses = List.of(
                send(json("POST", "/accounts", "{}")),
                send(json("PUT", "/accounts/" + stored.id(), "{\"display_name\": \" \"}")),
                send(json("PATCH", "/accounts/" + stored.id(), "{\"display_name\": null}")));

        // THEN
        for (HttpResponse response : responses) {
            assertThat(response.status()).as(response.bodyText()).isEqualTo(422);
            assertThat(body(response).get("errors")).isEqualTo(tree(
                    "[{\"field\": \"display_name\", \"message\": \"must not be blank\"}]"));
        }
    }

    @Test
    void namingStrategyRenamedHiddenAttributeAndOwner_neverLeaveAndSnakeCaseFieldsAreWritable() {
        // GIVEN
        Profile stored = table.repository(Profile.ENTITY).create(Scope.owner("alice"),
                new Profile(null, null, "Ada", "s3cr3t-hash", null));
        String path = "/profiles/" + stored.id();

        // WHEN
        HttpResponse created = send(json("POST", "/profiles", "{\"display_name\": \"Dee\"}"));
        HttpResponse patched = send(json("PATCH", path, "{\"display_name\": \"Bea\"}"));
        HttpResponse hashRefused = send(json("PATCH", path, "{\"password_hash\": \"x\"}"));
        HttpResponse javaNameRefused = send(json("PATCH", path, "{\"displayName\": \"x\"}"));
        HttpResponse read = send(request("GET", path));

        // THEN
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        assertThat(body(created).get("display_name").asText()).isEqualTo("Dee");
        assertItem(patched, 200, "{\"id\": \"%s\", \"display_name\": \"Bea\", \"version\": 2}".formatted(stored.id()));
        assertThat(hashRefused.status()).isEqualTo(400);
        assertThat(body(hashRefused).get("detail").asText()).isEqualTo("password_hash: is not a known field");
        assertThat(javaNameRefused.status()).isEqualTo(400);
        assertThat(body(javaNameRefused).get("detail").asText()).isEqualTo("displayName: is not a known field");
        assertItem(read, 200, "{\"id\": \"%s\", \"display_name\": \"Bea\", \"version\": 2}".formatted(stored.id()));
        assertThat(read.bodyText()).doesNotContain("s3cr3t", "alice", "owner", "password");
    }

    private void assertItem(HttpResponse response, int status, String body) {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/json"),
                "etag", List.of("\"" + body(response).get("version").asText() + "\"")));
        assertThat(body(response)).isEqualTo(tree(body));
        assertThat(response.bodyText()).doesNotContain("s3cr3t", "alice");
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
}

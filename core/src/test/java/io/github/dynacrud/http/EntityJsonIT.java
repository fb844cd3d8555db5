package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
// tag::entity-json-imports[]
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.http.EntityJson;
import io.github.dynacrud.http.HttpRequest;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.Scope;
// end::entity-json-imports[]
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Custom routes written with {@link EntityJson} answer byte for byte as the resource does: two tables with the same
 * clock, one served by {@code resource(..)}, the other by hand-written routes, get the same requests.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class EntityJsonIT {
    /** A note with a client-chosen id, so both tables hold the same items. */
    public record Note(String ownerId, String id, @NotBlank String text, String secret, Long version,
            Instant createdAt, Instant updatedAt) {
        static final Entity<Note> ENTITY = Entity.of(Note.class).type("Note").partitionKey("USER#{ownerId}")
                .sortKey("NOTE#{id}").id("id").owner("ownerId").version("version")
                .timestamps("createdAt", "updatedAt").hidden("secret").build();
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private Router resource;
    private Router custom;

    @BeforeEach
    void routers(DynamoDbClient dynamoDb) {
        resource = Router.builder().resource("/notes", repository(dynamoDb), ResourceOptions.builder().build())
                .build();
        EntityRepository<Note> notes = repository(dynamoDb);
        // tag::entity-json[]
        EntityJson<Note> json = EntityJson.of(Note.ENTITY);
        Router router = Router.builder()
                .post("/notes", request -> json.created(request,
                        json.withJsonNames(() -> notes.create(scope(request), json.read(request)))))
                .get("/notes", request -> json.page(notes.query(scope(request), Query.table().limit(20).build())))
                .get("/notes/{id}", request -> json.response(200,
                        notes.get(scope(request), request.pathParameter("id")).orElseThrow(
                                () -> new ItemNotFoundException(Note.ENTITY.type()))))
                .build();
        // end::entity-json[]
        custom = router;
    }

    private static EntityRepository<Note> repository(DynamoDbClient dynamoDb) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("entity-json");
        LocalTable.create(dynamoDb, tableName, Note.ENTITY);
        return SingleTable.builder().client(dynamoDb).tableName(tableName).clock(CLOCK).build()
                .repository(Note.ENTITY);
    }

    private static Scope scope(HttpRequest request) {
        return Scope.owner(request.principal().orElseThrow().subject());
    }

    @Test
    void create_read_andList_answerAsTheResourceDoes() {
        // GIVEN the same requests for both routers
        List<HttpRequest> requests = List.of(
                post("{\"id\": \"n1\", \"text\": \"first\", \"version\": 9}"),
                post("{\"id\": \"n2\", \"text\": \"second\"}"),
                post("{\"id\": \"n3\", \"text\": \"\"}"),
                post("{\"id\": \"n4\", \"secret\": \"s\"}"),
                HttpRequest.builder().path("/notes/n1").principal(Principal.of("alice")).requestId("r").build(),
                HttpRequest.builder().path("/notes/n9").principal(Principal.of("alice")).requestId("r").build(),
                HttpRequest.builder().path("/notes").principal(Principal.of("alice")).requestId("r").build());

        for (HttpRequest request : requests) {
            // WHEN
            HttpResponse expected = resource.route(request);
            HttpResponse actual = custom.route(request);

            // THEN
            String what = request.method() + " " + request.path() + " " + request.bodyText();
            assertThat(actual.status()).as(what).isEqualTo(expected.status());
            assertThat(actual.headers()).as(what).isEqualTo(expected.headers());
            assertThat(actual.body()).as(what).isEqualTo(expected.body());
        }
        HttpResponse created = custom.route(post("{\"id\": \"n5\", \"text\": \"fifth\"}"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().first("Location")).contains("/notes/n5");
        assertThat(created.headers().first("ETag")).contains("\"1\"");
        assertThat(created.bodyText()).isEqualTo("{\"id\":\"n5\",\"text\":\"fifth\",\"version\":1,"
                + "\"createdAt\":\"2026-03-01T10:00:00Z\",\"updatedAt\":\"2026-03-01T10:00:00Z\"}");
        HttpResponse list = custom.route(HttpRequest.builder().path("/notes").principal(Principal.of("alice"))
                .build());
        assertThat(list.bodyText()).startsWith("{\"items\":[{\"id\":\"n1\",\"text\":\"first\"")
                .endsWith("\"nextCursor\":null}").doesNotContain("secret").doesNotContain("ownerId");
    }

    private static HttpRequest post(String body) {
        return HttpRequest.builder().method("POST").path("/notes").header("Content-Type", "application/json")
                .body(body).principal(Principal.of("alice")).requestId("r").build();
    }
}

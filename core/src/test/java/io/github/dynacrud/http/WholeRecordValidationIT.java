package io.github.dynacrud.http;

import static io.github.dynacrud.testing.JsonBodies.tree;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.ValidationException.Violation;
import io.github.dynacrud.fixtures.Trip;
import io.github.dynacrud.http.ResourceOptions.Operation;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Scope;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * PUT, PATCH (plain JSON and merge patch) and the repository's patch validate the record they would store, against
 * DynamoDB Local: class-level constraints across a stored and a new value, {@code @Valid} nested records and list
 * elements, the same for an entity without and with unique attributes; an invalid write changes nothing.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class WholeRecordValidationIT {
    private static final String CREATED = """
            {"id": "t1", "name": "Lisbon", "start": "2026-05-01", "end": "2026-05-09", "origin": {"city": "Porto"},
             "tags": ["sea"]}""";

    private Router router;
    private SingleTable table;

    @BeforeEach
    void mount(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("whole-record");
        LocalTable.create(client, tableName, Trip.ENTITY, Trip.NAMED);
        table = SingleTable.builder().client(client).tableName(tableName)
                .cursorSecret("a secret that signs page cursors".getBytes(UTF_8)).build();
        ResourceOptions noList = ResourceOptions.builder().operations(Operation.CREATE, Operation.READ,
                Operation.REPLACE, Operation.PATCH, Operation.DELETE).build();
        router = Router.builder()
                .resource("/trips", table.repository(Trip.ENTITY), noList)
                .resource("/named-trips", table.repository(Trip.NAMED), noList)
                .build();
    }

    static Stream<Arguments> invalidWrites() {
        Stream.Builder<Arguments> writes = Stream.builder();
        for (String base : List.of("/trips", "/named-trips")) {
            for (String contentType : List.of("application/json", "application/merge-patch+json")) {
                writes.add(Arguments.of(base, "PATCH", contentType, "{\"end\": \"2026-04-30\"}", "",
                        "must not end before it starts"));
                writes.add(Arguments.of(base, "PATCH", contentType, "{\"origin\": {\"city\": \" \"}}", "origin.city",
                        "must not be blank"));
                writes.add(Arguments.of(base, "PATCH", contentType, "{\"tags\": [\"ok\", \"\"]}",
                        "tags[1].<list element>", "must not be blank"));
            }
            writes.add(Arguments.of(base, "PUT", "application/json",
                    "{\"name\": \"Lisbon\", \"start\": \"2026-05-09\", \"end\": \"2026-05-01\"}", "",
                    "must not end before it starts"));
            writes.add(Arguments.of(base, "PUT", "application/json",
                    "{\"name\": \"Lisbon\", \"origin\": {\"city\": \"\"}}", "origin.city", "must not be blank"));
            writes.add(Arguments.of(base, "PUT", "application/json", "{\"name\": \"Lisbon\", \"tags\": [\" \"]}",
                    "tags[0].<list element>", "must not be blank"));
        }
        return writes.build();
    }

    @ParameterizedTest(name = "{1} {0} {3}")
    @MethodSource("invalidWrites")
    void invalidMergedRecord_is422NamingTheViolation_andChangesNothing(String base, String method,
            String contentType, String body, String field, String message) {
        // GIVEN
        HttpResponse created = send(request("POST", base).header("Content-Type", "application/json").body(CREATED));
        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);

        // WHEN
        HttpResponse response = send(request(method, base + "/t1").header("Content-Type", contentType).body(body));

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(422);
        assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
        assertThat(tree(response.bodyText()).get("errors")).isEqualTo(tree(
                "[{\"field\": \"" + field + "\", \"message\": \"" + message + "\"}]"));
        HttpResponse read = send(request("GET", base + "/t1"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.headers().first("ETag")).contains("\"1\"");
        assertThat(tree(read.bodyText())).isEqualTo(tree(created.bodyText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/trips", "/named-trips"})
    void validPatchAcrossAStoredValue_isWritten(String base) {
        // GIVEN
        send(request("POST", base).header("Content-Type", "application/json").body(CREATED));

        // WHEN
        HttpResponse response = send(request("PATCH", base + "/t1")
                .header("Content-Type", "application/merge-patch+json").body("{\"end\": \"2026-05-02\"}"));

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(response.headers().first("ETag")).contains("\"2\"");
        assertThat(tree(response.bodyText())).isEqualTo(tree("""
                {"id": "t1", "name": "Lisbon", "start": "2026-05-01", "end": "2026-05-02",
                 "origin": {"city": "Porto"}, "tags": ["sea"], "version": 2}"""));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void repositoryPatch_endBeforeTheStoredStart_throwsAndChangesNothing(boolean named) {
        // GIVEN
        EntityRepository<Trip> trips = table.repository(named ? Trip.NAMED : Trip.ENTITY);
        Trip stored = trips.create(Scope.unscoped(), new Trip("t1", "Lisbon", LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 5, 9), null, List.of(), null));

        // WHEN / THEN
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> trips.patch(Scope.unscoped(), "t1", Map.of("end", LocalDate.of(2026, 4, 1))))
                .satisfies(e -> assertThat(e.violations())
                        .containsExactly(new Violation("", "must not end before it starts")));
        assertThat(trips.get(Scope.unscoped(), "t1")).contains(stored);
    }

    private HttpResponse send(HttpRequest.Builder request) {
        return router.route(request.build());
    }

    private static HttpRequest.Builder request(String method, String path) {
        return HttpRequest.builder().method(method).path(path).principal(Principal.of("alice"))
                .requestId("test-request");
    }
}

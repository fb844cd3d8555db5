package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.http.ResourceOptions.Operation;
import io.github.dynacrud.fixtures.Gauge;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.Trip;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.internal.EntityMapping;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.testing.JsonBodies;
import io.github.dynacrud.testing.Requests;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The schemas of {@link JsonSchemas} and the library agree on every body: for each entity, a valid body and bodies
 * each broken in one way (a field missing, {@code null}, of another type, too long, blank, out of range, off pattern,
 * unknown...) are sent to the resource ({@code POST}, {@code PUT} and merge-patch {@code PATCH}, through the router,
 * against a mocked DynamoDB client) and checked by a third-party JSON Schema 2020-12 validator against the shape's
 * schema. Both accept, or both refuse; the few bodies on which they cannot agree are listed in {@link #KNOWN}, each
 * with the reason.
 */
class JsonSchemaAgreementTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Principal ALICE = Principal.of("alice");
    private static final Instant NOW = Instant.parse("2026-12-01T09:45:00Z");

    /** A body the schema and the server cannot agree on, and why. */
    private record Known(String reason, Predicate<String> matches) {
    }

    private static final List<Known> KNOWN = List.of(
            new Known("a Set merges duplicate elements rather than refusing them, while the schema says uniqueItems,"
                    + " which is what responses hold", d -> d.contains("labels=[\"a\",\"a\"]")),
            new Known("Trip's class-level @EndsAfterItStarts compares two attributes with code: JSON Schema has no"
                    + " keyword for it", d -> d.startsWith("Trip ") && (d.contains(" start=\"") || d.contains(" end=\""))),
            new Known("@Past and @Future depend on the clock: JSON Schema has no keyword for them (the schema says so"
                    + " in a description)", d -> d.startsWith("Gauge ") && (d.contains(" before=\"")
                            || d.contains(" after=\""))),
            new Known("@Pattern with flags (CASE_INSENSITIVE) has no ECMA 262 equivalent in a JSON Schema pattern (the"
                    + " schema describes it instead)", d -> d.startsWith("Gauge ") && d.contains(" caseless=")),
            new Known("JSON Schema counts 1.0 as an integer; the mapper refuses a fraction for an integer attribute",
                    d -> d.endsWith("=1.0")),
            new Known("@Size and @Length count UTF-16 code units, maxLength counts characters: three emoji are six",
                    d -> d.contains("\ud83d\ude00")),
            new Known("RFC 3339, which the date-time format follows, allows a lower-case t and z; ISO-8601 as java.time"
                    + " reads it does not", d -> d.contains("t09:45:00z")),
            new Known("java.time reads 23:59:60 at the end of any day; the date-time format only on a day that had a"
                    + " leap second", d -> d.contains("T23:59:60Z")));

    /** The reasons that explained a disagreement, so that none is listed for nothing. */
    private static final Set<String> EXPLAINED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @AfterAll
    static void everyKnownDisagreement_happened() {
        assertThat(EXPLAINED).containsExactlyInAnyOrderElementsOf(KNOWN.stream().map(Known::reason).toList());
    }

    /** One entity as a resource serves it, with a valid body and field values to try. */
    private record Case(String name, Entity<?> entity, String collection, String item, Set<String> readOnly,
            Record stored, ObjectNode valid) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("Todo", Todo.ENTITY, "/todos", "/todos/t1", Set.of(),
                        new Todo("alice", "t1", "Buy milk", false, null, 1L, NOW, NOW),
                        object("{\"title\":\"Buy milk\",\"done\":false,\"dueDate\":\"2026-12-24\"}")),
                new Case("User", User.ENTITY, "/users", "/users/u1", Set.of(),
                        new User("u1", "ann@example.com", "Ann", "hash", 1, NOW, NOW),
                        object("{\"email\":\"ann@example.com\",\"name\":\"Ann\"}")),
                new Case("Notebook", Notebook.ENTITY, "/notebooks", "/notebooks/nb1", Set.of(),
                        new Notebook("alice", "nb1", "Work", 0, 1L, NOW, NOW),
                        object("{\"id\":\"nb1\",\"name\":\"Work\",\"noteCount\":0}")),
                new Case("Notebook counting its notes", Notebook.ENTITY, "/notebooks", "/notebooks/nb1",
                        Set.of("noteCount"), new Notebook("alice", "nb1", "Work", 2, 1L, NOW, NOW),
                        object("{\"id\":\"nb1\",\"name\":\"Work\",\"noteCount\":0}")),
                new Case("Note", Note.ENTITY, "/notebooks/{notebookId}/notes", "/notebooks/nb1/notes/n1",
                        Set.of("notebookId"), new Note("alice", "nb1", "n1", "Hello", false, 1L, NOW, NOW),
                        object("{\"title\":\"Hello\",\"pinned\":true,\"notebookId\":\"nb1\"}")),
                new Case("Trip", Trip.ENTITY, "/trips", "/trips/t1", Set.of(),
                        new Trip("t1", "Rome", null, null, null, List.of(), 1L),
                        object("{\"id\":\"t1\",\"name\":\"Rome\",\"start\":\"2026-05-01\",\"end\":\"2026-05-03\","
                                + "\"origin\":{\"city\":\"Paris\"},\"tags\":[\"art\"]}")),
                new Case("Everything", Everything.ENTITY, "/things", "/things/e1", Set.of(),
                        new Everything("e1", "hi", true, null, 1, 2L, null, null, null, null, null, null, List.of(),
                                Set.of(), Map.of(), null, null),
                        object("{\"id\":\"e1\",\"text\":\"hi\",\"flag\":true,\"count\":1,\"big\":2,"
                                + "\"amount\":1.5,\"at\":\"2026-12-01T09:45:00Z\",\"day\":\"2026-12-24\","
                                + "\"color\":\"RED\",\"tags\":[\"a\"],\"labels\":[\"a\"],\"attributes\":{\"a\":\"x\"},"
                                + "\"address\":{\"street\":\"Main\",\"city\":\"Paris\"}}")),
                new Case("Gauge", Gauge.ENTITY, "/gauges", "/gauges/g1", Set.of(), gauge(),
                        object("{\"id\":\"g1\",\"name\":\"Boiler\",\"tags\":[\"heat\"],\"steps\":[\"a\"],\"labels\":[\"a\"],"
                                + "\"weights\":{\"a\":\"x\"},\"level\":3,\"price\":9.5,\"positive\":1,\"zeroOrMore\":0,"
                                + "\"negative\":-1,\"notPositive\":0,\"code\":\"ABC\",\"caseless\":\"ABC\","
                                + "\"email\":\"ann@example.com\",\"money\":12.25,\"accepted\":true,\"rejected\":false,"
                                + "\"nothing\":null,\"before\":\"2020-01-01T00:00:00Z\",\"after\":\"2999-01-01\","
                                + "\"shortText\":\"abc\",\"stars\":3,\"color\":\"RED\",\"slug\":\"my-slug\","
                                + "\"grouped\":\"anything\",\"place\":{\"city\":\"Paris\",\"zip\":75001},"
                                + "\"unchecked\":{\"city\":\" \",\"zip\":1}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBody_schemaAndServer_agreeOnAcceptingIt(Case entity) {
        // GIVEN the entity's resource on a router, and the schemas of its bodies
        Router router = router(entity);
        JsonSchemas schemas = new JsonSchemas();
        EntityJson<?> json = EntityJson.of(entity.entity(), entity.readOnly());
        Map<String, SchemaValidator> shapes = Map.of(
                "POST", SchemaValidator.of(schemas, schemas.entity(json, JsonSchemas.Shape.CREATE)),
                "PUT", SchemaValidator.of(schemas, schemas.entity(json, JsonSchemas.Shape.REPLACE)),
                "PATCH", SchemaValidator.of(schemas, schemas.entity(json, JsonSchemas.Shape.PATCH)));
        List<String> disagreements = new ArrayList<>();
        int refusedByBoth = 0;
        int acceptedByBoth = 0;
        // WHEN every body goes to both
        for (Map.Entry<String, ObjectNode> body : bodies(entity).entrySet()) {
            for (String method : List.of("POST", "PUT", "PATCH")) {
                String target = method.equals("POST") ? entity.collection().replace("{notebookId}", "nb1")
                        : entity.item();
                HttpResponse response = router.route(Requests.of(method, target, ALICE, body.getValue().toString()));
                assertThat(response.status()).as("%s %s %s: %s", method, entity, body.getKey(), response.bodyText())
                        .isIn(200, 201, 400, 422);
                boolean serverAccepts = response.status() < 300;
                List<String> errors = shapes.get(method).errors(body.getValue().toString());
                String description = entity + " " + method + " " + body.getKey();
                if (serverAccepts == errors.isEmpty()) {
                    refusedByBoth += serverAccepts ? 0 : 1;
                    acceptedByBoth += serverAccepts ? 1 : 0;
                } else if (KNOWN.stream().anyMatch(k -> k.matches().test(description))) {
                    KNOWN.stream().filter(k -> k.matches().test(description)).forEach(k -> EXPLAINED.add(k.reason()));
                } else {
                    disagreements.add(description + ": server " + response.status() + " "
                            + (serverAccepts ? "" : JsonBodies.body(response)) + ", schema " + errors);
                }
            }
        }
        // THEN they agree, but where a listed reason says why they cannot
        assertThat(disagreements).isEmpty();
        assertThat(acceptedByBoth).isGreaterThan(10);
        assertThat(refusedByBoth).isGreaterThan(10);
    }

    /** The valid body, then bodies each changed in one field, and a few changed as a whole. */
    private static Map<String, ObjectNode> bodies(Case entity) {
        Map<String, ObjectNode> bodies = new java.util.LinkedHashMap<>();
        bodies.put("as valid", entity.valid());
        Set<String> fields = new LinkedHashSet<>();
        entity.valid().fieldNames().forEachRemaining(fields::add);
        for (var component : entity.entity().recordType().getRecordComponents()) {
            fields.add(component.getName());
        }
        fields.add("bogus");
        for (String field : fields) {
            ObjectNode missing = entity.valid().deepCopy();
            missing.remove(field);
            bodies.put("without " + field, missing);
            for (JsonNode value : valuesFor(entity.valid().get(field))) {
                ObjectNode changed = entity.valid().deepCopy();
                changed.set(field, value);
                bodies.put(field + "=" + value, changed);
            }
        }
        return bodies;
    }

    /**
     * Values to put in a field: every value of the JSON type its valid value has, and the first value of each other
     * type, which is enough to break a field with its type.
     */
    private static List<JsonNode> valuesFor(JsonNode valid) {
        Set<com.fasterxml.jackson.databind.node.JsonNodeType> seen = new java.util.HashSet<>();
        return values().stream().filter(value -> valid != null && value.getNodeType() == valid.getNodeType()
                || seen.add(value.getNodeType())).toList();
    }

    /** Values of every JSON type, around the limits the test records declare. */
    private static List<JsonNode> values() {
        List<JsonNode> values = new ArrayList<>();
        values.add(NODES.nullNode());
        values.add(NODES.booleanNode(true));
        values.add(NODES.booleanNode(false));
        for (String number : List.of("-1", "0", "1", "3", "10", "11", "100.5", "100.6", "999.99", "1000", "0.001",
                "1.5", "75001", "1.0")) {
            values.add(NODES.numberNode(new BigDecimal(number)));
        }
        for (String text : List.of("", " ", "\u00a0", "\t", "ABC", "AB", "xyz", "abc", "a#b", "a b", "ann@example.com",
                "not-an-email", "x".repeat(11), "x".repeat(21), "x".repeat(300), "2026-12-24", "2026-13-01",
                "2026-04-01", "2026-12-01T09:45:00Z", "2999-01-01T00:00:00Z", "2000-01-01", "2999-01-01", "RED",
                "red", "my-slug", "My Slug", "anything", "\ud83d\ude00\ud83d\ude00\ud83d\ude00",
                "2026-12-01T09:45:00+01:00", "2026-12-01t09:45:00z", "2026-12-31T23:59:60Z", "2026-02-30")) {
            values.add(NODES.textNode(text));
        }
        for (String json : List.of("[]", "[\"a\"]", "[\"\"]", "[\"a\",\"a\"]", "[\"a\",\"b\",\"c\",\"d\"]", "[1]",
                "[\"xxxxxxxxxxx\"]", "{}", "{\"a\":\"x\"}", "{\"a\":\"long\"}", "{\"A\":\"x\"}", "{\"a\":\"x\",\"b\":\"y\",\"c\":\"z\"}", "{\"a\":1}", "{\"a\":null}", "[null]",
                "{\"city\":\"Paris\",\"zip\":1}", "{\"city\":\" \",\"zip\":1}", "{\"city\":\"Paris\"}",
                "{\"zip\":1}", "{\"city\":\"Paris\",\"zip\":1,\"x\":1}")) {
            values.add(JsonBodies.tree(json));
        }
        return values;
    }

    private static Router router(Case entity) {
        DynamoDbClient client = mock(DynamoDbClient.class);
        Map<String, AttributeValue> stored = stored(entity.entity(), entity.stored());
        when(client.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().item(stored).build());
        when(client.updateItem(any(UpdateItemRequest.class)))
                .thenReturn(UpdateItemResponse.builder().attributes(stored).build());
        SingleTable table = SingleTable.builder().client(client).tableName("app").build();
        ResourceOptions writes = ResourceOptions.builder()
                .operations(Operation.CREATE, Operation.REPLACE, Operation.PATCH).build();
        Router.Builder router = Router.builder().resource(entity.collection(), table.repository(entity.entity()), writes);
        if (entity.readOnly().contains("noteCount")) {
            // Notes that name the notebooks as their parent make the notebooks' count read-only.
            router.resource("/notebooks/{notebookId}/notes", table.repository(Note.ENTITY), ResourceOptions.builder()
                    .parent(table.repository(Notebook.ENTITY), "noteCount").build());
        }
        return router.build();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Record> Map<String, AttributeValue> stored(Entity<T> entity, Record item) {
        return new EntityMapping<>(entity).toItem((T) item);
    }

    private static Gauge gauge() {
        return new Gauge("g1", "Boiler", List.of("heat"), List.of("a"), Set.of("a"), Map.of("a", "x"), 3, new BigDecimal("9.5"), 1L, 0,
                -1, 0, "ABC", "ABC", "ann@example.com", new BigDecimal("12.25"), true, false, null,
                Instant.parse("2020-01-01T00:00:00Z"), java.time.LocalDate.parse("2999-01-01"), "abc", 3,
                Everything.Color.RED, "my-slug", "anything", new Gauge.Place("Paris", 75001),
                new Gauge.Place(" ", 1), 1L);
    }

    private static ObjectNode object(String json) {
        return (ObjectNode) JsonBodies.tree(json);
    }
}

package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.UnsupportedMediaTypeException;
import io.github.dynacrud.fixtures.Everything;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    /** The JSR-310 module alone, configured as {@link Json}'s mapper is for dates: what instants must look like. */
    private static final ObjectMapper JSR_310 = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    record Stamped(Instant plain, @JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant asNumber,
            @JsonFormat(pattern = "yyyy-MM-dd", timezone = "UTC") Instant asDay) {
    }

    @Test
    void write_instantsWithAndWithoutJsonFormat_matchTheJsr310Module() throws Exception {
        // GIVEN
        Instant at = Instant.parse("2026-12-01T09:45:00.456Z");
        Stamped stamped = new Stamped(at, at, at);

        // WHEN
        String written = new String(Json.write(stamped), StandardCharsets.UTF_8);

        // THEN
        assertThat(written).isEqualTo(JSR_310.writeValueAsString(stamped))
                .isEqualTo("{\"plain\":\"2026-12-01T09:45:00.456Z\",\"asNumber\":1796118300.456000000,"
                        + "\"asDay\":\"2026-12-01\"}");
    }

    record Dated(LocalDate plain, @JsonFormat(pattern = "dd.MM.yyyy") LocalDate pattern,
            @JsonFormat(shape = JsonFormat.Shape.NUMBER_INT) LocalDate asNumber, Map<String, LocalDate> inMap) {
    }

    @Test
    void write_datesWithAndWithoutJsonFormat_matchTheJsr310Module() throws Exception {
        // GIVEN
        LocalDate day = LocalDate.of(2026, 12, 24);
        Dated dated = new Dated(day, day, day, Map.of("due", LocalDate.of(10_000, 1, 1)));

        // WHEN
        String written = new String(Json.write(dated), StandardCharsets.UTF_8);
        String asTimestamps = Json.mapper().writer().with(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsString(dated);

        // THEN
        assertThat(written).isEqualTo(JSR_310.writeValueAsString(dated))
                .isEqualTo("{\"plain\":\"2026-12-24\",\"pattern\":\"24.12.2026\",\"asNumber\":20811,"
                        + "\"inMap\":{\"due\":\"+10000-01-01\"}}");
        assertThat(asTimestamps).isEqualTo(JSR_310.writer().with(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsString(dated)).contains("\"plain\":[2026,12,24]");
    }

    @Test
    void shared_isTheOneMapper_whileMapperHandsOutCopies() {
        // GIVEN / WHEN
        ObjectMapper shared = Json.shared();

        // THEN
        assertThat(shared).isSameAs(Json.shared()).isNotSameAs(Json.mapper());
        assertThat(Json.mapper()).isNotSameAs(Json.mapper());
    }

    @Test
    void write_instantWithTimestampsEnabled_matchesTheJsr310Module() throws Exception {
        // GIVEN
        Instant at = Instant.parse("2026-12-01T09:45:00.456Z");

        // WHEN
        String written = Json.mapper().writer()
                .with(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsString(List.of(at));

        // THEN
        assertThat(written).isEqualTo(JSR_310.writer()
                .with(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsString(List.of(at))).isEqualTo("[1796118300.456000000]");
    }

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String REQUEST_ID = "req-1";
    private static final String VALID_TASK = "{\"title\":\"Write tests\",\"done\":false,\"priority\":2,"
            + "\"tags\":[\"a\",\"b\"],\"address\":{\"city\":\"Lyon\",\"zip\":\"69001\"}}";

    record Address(String city, String zip) {
    }

    record Task(String title, boolean done, int priority, List<String> tags, Address address) {
    }

    record Event(String title, Instant at, LocalDate day, OffsetDateTime local) {
    }

    /** Echoes the task it reads, so a test sees the whole path: media type, parsing, problem mapping. */
    private static final Router ROUTER = Router.builder()
            .post("/tasks", request -> HttpResponse.json(201, Json.read(request, Task.class)))
            .build();

    private static HttpRequest request(String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.builder().method("POST").path("/tasks").body(body)
                .requestId(REQUEST_ID);
        return contentType == null ? builder.build() : builder.header("Content-Type", contentType).build();
    }

    private static HttpRequest json(String body) {
        return request("application/json", body);
    }

    // ---- reading ----

    @Test
    void read_recordWithJavaTimeFields_parsesIsoStrings() {
        // GIVEN
        HttpRequest request = json("{\"title\":\"Launch\",\"at\":\"2024-01-02T03:04:05.123Z\","
                + "\"day\":\"2024-02-29\",\"local\":\"2024-01-02T03:04:05+02:00\"}");

        // WHEN
        Event event = Json.read(request, Event.class);

        // THEN
        assertThat(event).isEqualTo(new Event("Launch", Instant.parse("2024-01-02T03:04:05.123Z"),
                LocalDate.of(2024, 2, 29), OffsetDateTime.parse("2024-01-02T03:04:05+02:00")));
        assertThat(event.local().getOffset().getTotalSeconds()).isEqualTo(7200);
    }

    @Test
    void read_validBody_returnsTheRecord() {
        // GIVEN
        HttpRequest request = json(VALID_TASK);

        // WHEN
        Task task = Json.read(request, Task.class);

        // THEN
        assertThat(task).isEqualTo(new Task("Write tests", false, 2, List.of("a", "b"), new Address("Lyon", "69001")));
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8",
            "Application/JSON", "application/merge-patch+json", "application/vnd.x+json",
            "application/vnd.x+json; charset=utf-8", "application/problem+json"})
    void route_jsonMediaType_isAccepted(String contentType) {
        // GIVEN
        HttpRequest request = request(contentType, VALID_TASK);

        // WHEN
        HttpResponse response = ROUTER.route(request);

        // THEN
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/json")));
        assertSameJson(response.bodyText(), VALID_TASK);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"text/plain", "application/xml", "text/json", "application/jsonx",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/x+json", ""})
    void route_otherMediaType_answers415(String contentType) {
        // GIVEN
        HttpRequest request = request(contentType, VALID_TASK);

        // WHEN
        HttpResponse response = ROUTER.route(request);

        // THEN
        assertUnsupportedMediaType(response);
    }

    @Test
    void route_missingContentType_answers415() {
        // GIVEN
        HttpRequest request = request(null, VALID_TASK);

        // WHEN
        HttpResponse response = ROUTER.route(request);

        // THEN
        assertUnsupportedMediaType(response);
    }

    @Test
    void read_missingContentType_throwsUnsupportedMediaType() {
        // GIVEN
        HttpRequest request = request(null, VALID_TASK);

        // WHEN / THEN
        assertThatThrownBy(() -> Json.read(request, Task.class))
                .isInstanceOfSatisfying(UnsupportedMediaTypeException.class, e -> assertThat(e.status()).isEqualTo(415))
                .hasMessage("send the body as application/json or application/merge-patch+json");
    }

    static Stream<Arguments> badFields() {
        String rest = "\"done\":false,\"priority\":1";
        return Stream.of(
                Arguments.of("{\"title\":\"a\"," + rest + ",\"color\":\"red\"}", "color", "is not a known field"),
                Arguments.of("{\"title\":5," + rest + "}", "title", "has the wrong type or format"),
                Arguments.of("{\"title\":true," + rest + "}", "title", "has the wrong type or format"),
                Arguments.of("{\"title\":1.5," + rest + "}", "title", "has the wrong type or format"),
                Arguments.of("{\"title\":\"a\",\"done\":\"true\",\"priority\":1}", "done",
                        "has the wrong type or format"),
                Arguments.of("{\"title\":\"a\",\"done\":1,\"priority\":1}", "done", "has the wrong type or format"),
                Arguments.of("{\"title\":\"a\",\"done\":false,\"priority\":\"5\"}", "priority",
                        "has the wrong type or format"),
                Arguments.of("{\"title\":\"a\",\"done\":false,\"priority\":1.5}", "priority",
                        "has the wrong type or format"),
                Arguments.of("{\"title\":\"a\",\"done\":false,\"priority\":null}", "priority",
                        "must be given and not null"),
                Arguments.of("{\"title\":\"a\"," + rest + ",\"tags\":[\"x\",5]}", "tags[1]",
                        "has the wrong type or format"),
                Arguments.of("{\"title\":\"a\"," + rest + ",\"tags\":\"x\"}", "tags", "has the wrong type or format"),
                Arguments.of("{\"title\":\"a\"," + rest + ",\"address\":{\"city\":5}}", "address.city",
                        "has the wrong type or format"),
                Arguments.of("{\"title\":\"a\"," + rest + ",\"address\":{\"city\":\"x\",\"planet\":\"Mars\"}}",
                        "address.planet", "is not a known field"),
                Arguments.of("{\"title\":\"a\"," + rest + ",\"address\":\"Paris\"}", "address",
                        "has the wrong type or format"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badFields")
    void route_bodyWithABadField_answers400NamingTheField(String body, String field, String message) {
        // GIVEN
        HttpRequest request = json(body);

        // WHEN
        HttpResponse response = ROUTER.route(request);

        // THEN
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        Map<String, Object> expected = problem(field + ": " + message);
        expected.put("errors", List.of(Map.of("field", field, "message", message)));
        assertSameJson(response.bodyText(), PLAIN.valueToTree(expected).toString());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badFields")
    void read_bodyWithABadField_throwsBadRequestNamingTheField(String body, String field, String message) {
        // GIVEN
        HttpRequest request = json(body);

        // WHEN / THEN
        assertThatThrownBy(() -> Json.read(request, Task.class))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.field()).contains(field);
                    assertThat(e.reason()).isEqualTo(message);
                });
    }

    record Boxed(Integer count, Long big, java.math.BigDecimal amount, Boolean flag, Everything.Color color,
            Map<String, Integer> scores, List<Long> readings) {
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"count\":\" \"}|count", "{\"big\":\"\\t\"}|big", "{\"amount\":\" \"}|amount",
        "{\"flag\":\" \"}|flag", "{\"color\":\"\"}|color", "{\"count\":\"\"}|count",
        "{\"scores\":{\"a\":\" \"}}|scores.a", "{\"readings\":[\"\"]}|readings[0]"})
    void read_blankStringForANumberBooleanOrEnum_throwsBadRequestRatherThanReadingNull(String body, String field) {
        // GIVEN a blank string where a boxed number, boolean or enum goes, which Jackson would read as null
        HttpRequest request = json(body);

        // WHEN / THEN
        assertThatThrownBy(() -> Json.read(request, Boxed.class))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.field()).contains(field);
                    assertThat(e.reason()).isEqualTo("has the wrong type or format");
                });
    }

    record Link(java.net.URI link, String title) {
    }

    @Test
    void read_emptyStringForAUri_readsTheEmptyReferenceAsBefore() {
        // GIVEN an empty string where a URI goes: a valid relative reference, unlike "" for a number
        HttpRequest request = json("{\"link\":\"\",\"title\":\" \"}");

        // WHEN
        Link link = Json.read(request, Link.class);

        // THEN
        assertThat(link.link()).isEqualTo(java.net.URI.create(""));
        assertThat(link.title()).isEqualTo(" ");
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("", "the request needs a JSON body"),
                Arguments.of("{\"title\":", "the body is not valid JSON"),
                Arguments.of("{'title':'a'}", "the body is not valid JSON"),
                Arguments.of("{\"title\":\"a\"}x", "the body is not valid JSON"),
                Arguments.of("{\"title\":\"a\"} {\"title\":\"b\"}", "the JSON body has the wrong shape"),
                Arguments.of("[]", "the JSON body has the wrong shape"),
                Arguments.of("\"a task\"", "the JSON body has the wrong shape"),
                Arguments.of("{\"tags\":" + "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH)
                        + "}", "the JSON body is nested too deeply or holds a value that is too long"),
                Arguments.of("{\"priority\":" + "9".repeat(65) + "}",
                        "the JSON body is nested too deeply or holds a value that is too long"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("malformedBodies")
    void route_malformedBody_answers400(String body, String detail) {
        // GIVEN
        HttpRequest request = json(body);

        // WHEN
        HttpResponse response = ROUTER.route(request);

        // THEN
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        assertSameJson(response.bodyText(), PLAIN.valueToTree(problem(detail)).toString());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"null", " ", "\n\t "})
    void read_nullOrBlankBody_throwsBadRequestInsteadOfReturningNull(String body) {
        // GIVEN
        HttpRequest request = json(body);

        // WHEN / THEN: returning null would turn a client's mistake into a handler's NullPointerException (500)
        assertThatThrownBy(() -> Json.read(request, Task.class))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void route_duplicateKey_answers400NamingTheField() {
        // GIVEN
        HttpRequest request = json("{\"title\":\"a\",\"done\":false,\"priority\":1,\"title\":\"b\"}");

        // WHEN
        HttpResponse response = ROUTER.route(request);

        // THEN
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        JsonNode body = tree(response.bodyText());
        assertThat(body.get("title").asText()).isEqualTo("Bad Request");
        assertThat(body.get("instance").asText()).isEqualTo(REQUEST_ID);
        assertThat(body.path("errors").path(0).path("field").asText()).as("body %s", body).isEqualTo("title");
    }

    @Test
    void read_instantAsEpochNumber_throwsBadRequestNamingTheField() {
        // GIVEN: the API speaks ISO-8601; a number is a wrong type like "true" for a boolean
        HttpRequest request = json("{\"title\":\"Launch\",\"at\":1700000000}");

        // WHEN / THEN
        assertThatThrownBy(() -> Json.read(request, Event.class))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).contains("at"));
    }

    @Test
    void read_localDateInAnotherFormat_throwsBadRequestNamingTheField() {
        // GIVEN
        HttpRequest request = json("{\"title\":\"Launch\",\"day\":\"02/01/2024\"}");

        // WHEN / THEN
        assertThatThrownBy(() -> Json.read(request, Event.class))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.field()).contains("day");
                    assertThat(e.reason()).isEqualTo("has the wrong type or format");
                });
    }

    @Test
    void readTree_nestingAtTheLimit_isAccepted() {
        // GIVEN
        int depth = Json.MAX_NESTING_DEPTH;
        HttpRequest request = json("[".repeat(depth) + "]".repeat(depth));

        // WHEN
        JsonNode tree = Json.readTree(request);

        // THEN
        JsonNode node = tree;
        for (int i = 1; i < depth; i++) {
            assertThat(node.isArray()).isTrue();
            assertThat(node.size()).isEqualTo(1);
            node = node.get(0);
        }
        assertThat(node.isArray()).isTrue();
        assertThat(node.size()).isZero();
    }

    @Test
    void readTree_nestingOneDeeperThanTheLimit_throwsBadRequest() {
        // GIVEN
        int depth = Json.MAX_NESTING_DEPTH + 1;
        HttpRequest request = json("{\"a\":".repeat(depth - 1) + "[]" + "}".repeat(depth - 1));

        // WHEN / THEN
        assertThatThrownBy(() -> Json.readTree(request))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEmpty())
                .hasMessage("the JSON body is nested too deeply or holds a value that is too long");
    }

    @ParameterizedTest
    @ValueSource(ints = {Router.DEFAULT_BODY_LIMIT - 20, 3 * Router.DEFAULT_BODY_LIMIT})
    void route_stringAsLongAsTheConfiguredBodyLimitAllows_isRead(int length) {
        // GIVEN a router that accepts bodies of 1 MB, and a body holding one string nearly that long
        Router router = Router.builder().bodyLimit(4 * Router.DEFAULT_BODY_LIMIT)
                .post("/notes", request -> HttpResponse.json(200,
                        Map.of("length", Json.readTree(request).get("text").asText().length())))
                .build();
        HttpRequest request = json("{\"text\":\"" + "a".repeat(length) + "\"}").toBuilder().method("POST")
                .path("/notes").build();

        // WHEN
        HttpResponse response = router.route(request);

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"length\":" + length + "}");
    }

    @Test
    void route_bodyOverTheDefaultLimitWithALongString_answers413BeforeAnyJsonIsRead() {
        // GIVEN
        Router router = Router.builder()
                .post("/notes", request -> HttpResponse.json(200, Json.readTree(request)))
                .build();
        HttpRequest request = json("{\"text\":\"" + "a".repeat(Router.DEFAULT_BODY_LIMIT) + "\"}").toBuilder()
                .method("POST").path("/notes").build();

        // WHEN
        HttpResponse response = router.route(request);

        // THEN
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
        assertThat(response.bodyText()).contains("\"detail\":\"the body exceeds 262144 bytes\"");
    }

    @Test
    void mapper_isACopyThatChangesNothingInDynacrudWhenConfigured() throws Exception {
        // GIVEN a caller who loosens the mapper it was given
        ObjectMapper mine = Json.mapper();
        mine.enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mine.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mine.setSerializationInclusion(JsonInclude.Include.NON_NULL);

        // WHEN
        String written = new String(Json.write(new Event("Launch", Instant.parse("2024-01-02T03:04:05Z"), null,
                null)), StandardCharsets.UTF_8);
        HttpRequest unknownField = json("{\"title\":\"a\",\"done\":false,\"priority\":1,\"colour\":\"red\"}");

        // THEN dynacrud's own reading and writing are as strict and as shaped as before
        assertThat(written).isEqualTo("{\"title\":\"Launch\",\"at\":\"2024-01-02T03:04:05Z\",\"day\":null,"
                + "\"local\":null}");
        assertThatThrownBy(() -> Json.read(unknownField, Task.class))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).contains("colour"))
                .hasMessage("colour: is not a known field");
        assertThat(Json.mapper()).isNotSameAs(mine);
        assertThat(mine.writeValueAsString(List.of(Instant.parse("2024-01-02T03:04:05Z"))))
                .isEqualTo("[1704164645.000000000]");
    }

    @Test
    void mapper_copy_isAsStrictAsDynacrudsOwn() {
        // GIVEN
        ObjectMapper copy = Json.mapper();

        // WHEN / THEN: duplicate keys, coercion of a number to a string and unknown fields are refused alike
        assertThatThrownBy(() -> copy.readTree("{\"a\":1,\"a\":2}")).hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> copy.readValue("{\"city\":7,\"zip\":\"69001\"}", Address.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> copy.readValue("{\"city\":\"Lyon\",\"country\":\"FR\"}", Address.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> copy.readTree("[".repeat(Json.MAX_NESTING_DEPTH + 1)
                + "]".repeat(Json.MAX_NESTING_DEPTH + 1))).isInstanceOf(StreamConstraintsException.class);
    }

    // ---- writing ----

    @Test
    void write_javaTimeValues_asIsoStrings() {
        // GIVEN
        Event event = new Event("Launch", Instant.parse("2024-01-02T03:04:05.123Z"), LocalDate.of(2024, 2, 29),
                OffsetDateTime.parse("2024-01-02T03:04:05+02:00"));

        // WHEN
        String json = new String(Json.write(event), java.nio.charset.StandardCharsets.UTF_8);

        // THEN
        assertThat(json).isEqualTo("{\"title\":\"Launch\",\"at\":\"2024-01-02T03:04:05.123Z\",\"day\":\"2024-02-29\","
                + "\"local\":\"2024-01-02T03:04:05+02:00\"}");
    }

    @Test
    void write_instantWithoutFraction_asIsoString() {
        // GIVEN
        Map<String, Object> value = Map.of("at", Instant.parse("2024-01-02T03:04:05Z"));

        // WHEN
        String json = new String(Json.write(value), java.nio.charset.StandardCharsets.UTF_8);

        // THEN
        assertThat(json).isEqualTo("{\"at\":\"2024-01-02T03:04:05Z\"}");
    }

    @Test
    void write_thenRead_roundTrips() {
        // GIVEN
        Event event = new Event("Launch", Instant.parse("2024-01-02T03:04:05.000000123Z"), LocalDate.of(1999, 12, 31),
                OffsetDateTime.parse("2024-01-02T03:04:05-05:30"));

        // WHEN
        Event read = Json.read(request("application/json", new String(Json.write(event),
                java.nio.charset.StandardCharsets.UTF_8)), Event.class);

        // THEN
        assertThat(read).isEqualTo(event);
    }

    // ---- helpers ----

    private static void assertUnsupportedMediaType(HttpResponse response) {
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        assertSameJson(response.bodyText(), "{\"type\":\"about:blank\",\"title\":\"Unsupported Media Type\","
                + "\"status\":415,\"detail\":\"send the body as application/json or application/merge-patch+json\","
                + "\"instance\":\"req-1\"}");
    }

    private static Map<String, Object> problem(String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Bad Request");
        problem.put("status", 400);
        problem.put("detail", detail);
        problem.put("instance", REQUEST_ID);
        return problem;
    }

    private static JsonNode tree(String json) {
        try {
            return PLAIN.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static void assertSameJson(String actual, String expected) {
        assertThat(tree(actual)).as("body %s", actual).isEqualTo(tree(expected));
    }
}

package io.github.dynacrud.examples.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.dynacrud.local.LocalDynamoDb;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.test.HttpApiEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random requests through the real storage path: the todo handler as deployed, with a {@link
 * software.amazon.awssdk.services.dynamodb.DynamoDbClient} on DynamoDB Local. Bodies (huge, deeply nested, numeric
 * extremes, multi-byte text), query strings, path segments and callers vary; whatever DynamoDB would refuse must come
 * back as a 4xx problem, never a 5xx, and no body may show a stack trace or an internal message.
 */
class TodoStorageFuzzIT {
    private static final List<String> INTERNAL_MARKERS = List.of("Exception", "\tat ", "at io.", "at java.",
            "software.amazon", "Service: DynamoDb", "Status Code", "Request ID", "request id");
    /** Ids of todos that exist, so reads and writes reach stored items too. */
    private static final List<String> IDS = new ArrayList<>();
    private static final Logger ROUTER_LOG = Logger.getLogger("io.github.dynacrud.http.Router");
    private static final String EURO_TEXT = "\u20ac".repeat(80_000);
    private static final String LONG_ASCII = "x".repeat(300_000);

    private static LocalDynamoDb dynamoDb;
    private static TodoHandler handler;
    private static PrintStream stderr;
    private static Level routerLogLevel;

    @BeforeContainer
    static void startTodoApi() throws Exception {
        dynamoDb = LocalDynamoDb.start();
        LocalTable.create(dynamoDb.client(), "todos-fuzz", Todo.ENTITY);
        handler = new TodoHandler(SingleTable.builder().client(dynamoDb.client()).tableName("todos-fuzz").build());
        // The handler logs one line per request; thousands of them would drown the build log.
        stderr = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        routerLogLevel = ROUTER_LOG.getLevel();
        ROUTER_LOG.setLevel(Level.OFF);
        for (String subject : List.of("user-1", "\u00e9l\u00e8ve")) {
            for (int i = 0; i < 3; i++) {
                APIGatewayV2HTTPResponse created = handler.handleRequest(HttpApiEvents.post("/todos").subject(subject)
                        .json("{\"title\": \"Seed " + i + "\"}").build(), null);
                assertThat(created.getStatusCode()).isEqualTo(201);
                IDS.add(HttpApiEvents.json(created).get("id").asText());
            }
        }
    }

    @AfterContainer
    static void stopTodoApi() throws Exception {
        System.setErr(stderr);
        ROUTER_LOG.setLevel(routerLogLevel);
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @Property(tries = 2_500, shrinking = ShrinkingMode.OFF)
    void anyRequest_isAnsweredWithoutA5xxOrAnInternalMessage(@ForAll("requests") Request request) {
        // GIVEN
        APIGatewayV2HTTPEvent event = request.event();

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        int status = response.getStatusCode();
        String body = response.getBody() == null ? "" : response.getBody();
        assertThat(status).as("status of %s", request).isBetween(200, 499);
        for (String marker : INTERNAL_MARKERS) {
            assertThat(body).as("body of %s", request).doesNotContain(marker);
        }
        if (status >= 400) {
            assertThat(HttpApiEvents.header(response, "Content-Type")).as("type of %s", request)
                    .contains("application/problem+json");
        }
        Statistics.label("status").collect(status / 100 + "xx");
        Statistics.label("status").coverage(coverage -> {
            coverage.check("2xx").count(count -> count > 100);
            coverage.check("4xx").count(count -> count > 200);
        });
    }

    /** One request of the fuzz, shown briefly when it fails. */
    record Request(String method, String path, String rawQuery, String subject, String contentType, String ifMatch,
            String body) {
        APIGatewayV2HTTPEvent event() {
            HttpApiEvents.Builder builder = HttpApiEvents.request(method, path);
            if (subject != null) {
                builder.subject(subject);
            }
            if (contentType != null) {
                builder.header("content-type", contentType);
            }
            if (ifMatch != null) {
                builder.header("if-match", ifMatch);
            }
            if (body != null) {
                builder.body(body);
            }
            APIGatewayV2HTTPEvent event = builder.build();
            event.setRawQueryString(rawQuery);
            event.setQueryStringParameters(null);
            return event;
        }

        @Override
        public String toString() {
            return method + " " + shorten(path) + "?" + shorten(rawQuery) + " as " + shorten(subject) + " with "
                    + contentType + ", If-Match " + ifMatch + ": " + shorten(body);
        }
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> methods = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("POST")),
                Tuple.of(3, Arbitraries.just("PATCH")),
                Tuple.of(2, Arbitraries.just("PUT")),
                Tuple.of(3, Arbitraries.just("GET")),
                Tuple.of(1, Arbitraries.just("DELETE")));
        Arbitrary<String> contentTypes = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("application/json", "application/merge-patch+json")),
                Tuple.of(1, Arbitraries.of("text/plain", "application/json; charset=utf-8")),
                Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<String> ifMatch = Arbitraries.of("\"1\"", "\"2\"", "*", "\"99999999999999999999999\"", "W/\"1\"")
                .injectNull(0.85);
        return Combinators.combine(methods, paths(), queries(), subjects(), contentTypes, ifMatch, bodies())
                .as(Request::new);
    }

    private static Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(IDS)),
                Tuple.of(2, Arbitraries.strings().withCharRange('0', '9').withCharRange('A', 'Z').ofLength(26)),
                Tuple.of(2, Arbitraries.of("\u00e9".repeat(128), "\u00e9".repeat(129), "\u20ac".repeat(86),
                        "\ud83d\ude00".repeat(64), "\ud83d\ude00".repeat(65), "x".repeat(257), "x".repeat(3000),
                        "a#b", "%23", "caf%C3%A9", "%E2%82%AC", "%ED%A0%80", "%00", "%zz", "\u00e9", "..")),
                Tuple.of(1, multiByteText(40)));
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just("/todos")),
                Tuple.of(6, segment.map(id -> "/todos/" + id)),
                Tuple.of(1, segment.list().ofMinSize(2).ofMaxSize(3)
                        .map(segments -> "/todos/" + String.join("/", segments))));
    }

    private static Arbitrary<String> queries() {
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("1", "1000", "1001", "0", "-1", "true", "false", "", "1e200",
                        "99999999999999999999999999999999999999999", "%C3%A9", "%E2%82%AC".repeat(300),
                        "eyJrIjoidiJ9", "%zz", "x".repeat(5000))),
                Tuple.of(1, multiByteText(20)));
        Arbitrary<String> pair = Combinators.combine(Arbitraries.of("limit", "done", "cursor", "x"), value)
                .as((name, v) -> name + "=" + v);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(2, pair.list().ofMinSize(1).ofMaxSize(3).map(pairs -> String.join("&", pairs))));
    }

    private static Arbitrary<String> subjects() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("user-1", "\u00e9l\u00e8ve", "user-2")),
                Tuple.of(1, Arbitraries.of("\u20ac".repeat(86), "\u00e9".repeat(128), "a#b", "", "x".repeat(3000))),
                Tuple.of(1, Arbitraries.just(null)));
    }

    private static Arbitrary<String> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, validTodoJson()),
                Tuple.of(5, todoJson()),
                Tuple.of(1, jsonValue(3)),
                Tuple.of(1, Arbitraries.of("[".repeat(40) + "]".repeat(40),
                        "{\"title\":" + "{\"a\":".repeat(31) + "1" + "}".repeat(31) + "}",
                        "{\"title\":\"" + EURO_TEXT + "\"}", "{\"title\":\"" + LONG_ASCII + "\"}",
                        "{\"title\":\"" + "\u20ac".repeat(200) + "\"}", "{\"title\":\"ok\"} trailing", "", "{")),
                Tuple.of(1, Arbitraries.just(null)));
    }

    /** A todo the API accepts, in multi-byte text too. */
    private static Arbitrary<String> validTodoJson() {
        Arbitrary<String> title = Arbitraries.frequencyOf(
                Tuple.of(3, multiByteText(200).filter(text -> !text.isBlank())),
                Tuple.of(1, Arbitraries.of("\u20ac".repeat(200), "\ud83d\ude00".repeat(100), "\u00e9".repeat(200))));
        return Combinators.combine(title, Arbitraries.of(true, false),
                        Arbitraries.of("null", "\"2026-12-24\"", "\"0001-01-01\"", "\"9999-12-31\""))
                .as((text, done, due) -> "{\"title\":" + jsonString(text) + ",\"done\":" + done + ",\"dueDate\":"
                        + due + "}");
    }

    private static Arbitrary<String> todoJson() {
        Arbitrary<String> values = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("\"Buy milk\"", "\"\"", "\" \"", "true", "false", "null", "\"2026-05-01\"",
                        "\"+999999999-12-31\"", "\"-0001-01-01\"", "1", "-0", "1e200", "1E-400", "1e999",
                        "123456789012345678901234567890123456789012", "0.1",
                        "9.9999999999999999999999999999999999999E+125",
                        "{}", "[]", "[1e200]", "{\"x\":1e-200}", "\"" + "\u20ac".repeat(200) + "\"",
                        "\"" + "\u20ac".repeat(201) + "\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"a#b\"")),
                Tuple.of(2, multiByteText(30).map(TodoStorageFuzzIT::jsonString)),
                Tuple.of(1, jsonValue(2)));
        return Arbitraries.maps(
                        Arbitraries.of("title", "title", "title", "done", "done", "dueDate", "id", "version",
                                "createdAt", "ownerId", "unknown"), values)
                .ofMaxSize(4)
                .map(fields -> fields.entrySet().stream().map(e -> jsonString(e.getKey()) + ":" + e.getValue())
                        .collect(Collectors.joining(",", "{", "}")));
    }

    private static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                multiByteText(12).map(TodoStorageFuzzIT::jsonString),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "1e200", "-1e-200", "1e999", "0.000000000000000000001"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = jsonValue(depth - 1).list().ofMaxSize(3)
                .map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Arbitraries.maps(Arbitraries.of("title", "done", "dueDate", "x"),
                        jsonValue(depth - 1)).ofMaxSize(3)
                .map(map -> map.entrySet().stream().map(e -> jsonString(e.getKey()) + ":" + e.getValue())
                        .collect(Collectors.joining(",", "{", "}")));
        return Arbitraries.frequencyOf(Tuple.of(2, scalar), Tuple.of(1, array), Tuple.of(2, object));
    }

    /** Text of one- to four-byte characters, unpaired surrogates included. */
    private static Arbitrary<String> multiByteText(int maxLength) {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('\u00e0', '\u00ff')
                .withCharRange('\u4e00', '\u4e20').withChars('\ud83d', '\ude00', '#', '"', '\\', '\u0000')
                .ofMaxLength(maxLength);
    }

    private static String jsonString(String text) {
        return TextNode.valueOf(text).toString();
    }

    private static String shorten(String text) {
        return text == null || text.length() <= 80 ? text : text.substring(0, 80) + "...(" + text.length() + ")";
    }
}

package io.github.dynacrud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.Json;
import io.github.dynacrud.http.ResourceOptions;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import io.github.dynacrud.test.HttpApiEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Throws random events, and valid events with fields nulled out or corrupted, at a handler serving the todo resource
 * over a stubbed {@link DynamoDbClient} and one route that fails on purpose. Whatever the event, the handler answers:
 * no exception escapes, the response is well formed, nothing but the failing route gives a 5xx, and no body shows a
 * stack trace.
 */
class EventFuzzTest {
    private static final String BOOM_SECRET = "kaboom: secret internal state";
    private static final List<String> STACK_TRACE_MARKERS = List.of("Exception", "\tat ", "at io.", "at java.");
    private static final AtomicInteger BOOMS = new AtomicInteger();
    private static final HttpApiHandler HANDLER = new FuzzHandler(stubbedDynamoDb());
    /** The router logs each unexpected failure with its stack trace; thousands of them would drown the build log. */
    private static final Logger ROUTER_LOG = Logger.getLogger("io.github.dynacrud.http.Router");
    private static Level routerLogLevel;

    @BeforeContainer
    static void quietRouterLog() {
        routerLogLevel = ROUTER_LOG.getLevel();
        ROUTER_LOG.setLevel(Level.OFF);
    }

    @AfterContainer
    static void restoreRouterLog() {
        ROUTER_LOG.setLevel(routerLogLevel);
    }

    @Property(tries = 10_000)
    void randomEvent_alwaysGetsAWellFormedResponse(@ForAll("randomEvents") APIGatewayV2HTTPEvent event) {
        checkAnswer(event);
        Statistics.coverage(coverage -> {
            coverage.check("4xx").count(count -> count > 0);
            coverage.check("2xx").count(count -> count > 0);
        });
    }

    @Property(tries = 10_000)
    void mutatedValidEvent_alwaysGetsAWellFormedResponse(@ForAll ValidEvent valid,
            @ForAll("mutations") List<Mutation> changes) {
        APIGatewayV2HTTPEvent event = valid.build();
        changes.forEach(change -> change.apply(event));
        checkAnswer(event);
        Statistics.coverage(coverage -> {
            coverage.check("2xx").count(count -> count > 100);
            coverage.check("4xx").count(count -> count > 100);
            coverage.check("5xx").count(count -> count > 0);
        });
    }

    @Example
    void deliberateFailure_isA500ProblemNamingOnlyTheRequestId() {
        // GIVEN
        APIGatewayV2HTTPEvent event = HttpApiEvents.get("/boom").requestId("req-boom-1").build();

        // WHEN
        APIGatewayV2HTTPResponse response = HANDLER.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
        JsonNode problem = HttpApiEvents.json(response);
        assertThat(problem.get("instance").asText()).isEqualTo("req-boom-1");
        assertThat(problem.get("detail").asText())
                .isEqualTo("an unexpected error occurred; quote the instance when reporting it");
        assertThat(response.getBody()).doesNotContain("kaboom").doesNotContain("IllegalState");
    }

    @Example
    void failureOutsideAnyRoute_isA500ProblemWithTheRequestId() {
        // GIVEN: a router whose exception handler answers nothing, the deepest failure a router can meet
        HttpApiHandler broken = new HttpApiHandler(Router.builder()
                .get("/todos", request -> {
                    throw new IllegalStateException(BOOM_SECRET);
                })
                .exception(IllegalStateException.class, (exception, request) -> null)
                .build()) {
        };
        APIGatewayV2HTTPEvent event = HttpApiEvents.get("/todos").requestId("req-broken-1").build();

        // WHEN
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        APIGatewayV2HTTPResponse response = handleLogging(broken, event, log);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
        assertThat(response.getMultiValueHeaders()).isNull();
        JsonNode problem = HttpApiEvents.json(response);
        assertThat(problem.get("instance").asText()).isEqualTo("req-broken-1");
        assertThat(response.getBody()).doesNotContain("kaboom").doesNotContain("Exception");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"status\":500")
                .contains("\"correlation_id\":\"req-broken-1\"");
    }

    /** The properties every answer has, whatever the event. */
    private static void checkAnswer(APIGatewayV2HTTPEvent event) {
        // GIVEN: what the caller sent, so that an echo of their own input is not taken for a leak
        String sent = String.valueOf(event);
        int boomsBefore = BOOMS.get();

        // WHEN: an exception escaping here fails the property with that exception; the one-line request log goes to
        // a buffer, shown only when a check fails
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        APIGatewayV2HTTPResponse response = handleLogging(HANDLER, event, log);

        // THEN
        boolean failedOnPurpose = BOOMS.get() > boomsBefore;
        assertThat(response).isNotNull();
        int status = response.getStatusCode();
        Statistics.collect(status / 100 + "xx");
        Statistics.label("status").collect(status);
        assertThat(status).isBetween(100, 599);
        assertThat(response.getHeaders()).as("headers").isNotNull();
        assertThat(response.getMultiValueHeaders()).as("multiValueHeaders").isNull();
        String body = bodyText(response);
        if (!body.isEmpty()) {
            assertThat(header(response, "Content-Type")).as("Content-Type of a %d with a body", status).isPresent();
        }
        if (failedOnPurpose) {
            assertThat(status).as("the failing route's status").isEqualTo(500);
            assertThat(body).doesNotContain(BOOM_SECRET);
            if (!body.isEmpty()) {
                String instance = problem(body).path("instance").asText();
                assertThat(instance).as("the 500's instance").isNotEmpty();
                requestId(event).ifPresent(id -> assertThat(instance).as("the 500's instance").isEqualTo(id));
            }
        } else {
            assertThat(status).as("status of %s; log: %s", body, log).isLessThan(500);
        }
        if (status >= 400 && !body.isEmpty()) {
            assertThat(header(response, "Content-Type")).contains("application/problem+json");
            assertThat(problem(body).get("status").asInt()).isEqualTo(status);
        }
        for (String marker : STACK_TRACE_MARKERS) {
            if (!sent.contains(marker)) {
                assertThat(body).as("body of a %d", status).doesNotContain(marker);
            }
        }
    }

    // ---- random events ----

    @Provide
    Arbitrary<APIGatewayV2HTTPEvent> randomEvents() {
        Arbitrary<RequestContext.Http> http = Combinators.combine(methods(), paths().injectNull(0.1),
                        text(20).injectNull(0.2))
                .as((method, path, agent) -> RequestContext.Http.builder().withMethod(method).withPath(path)
                        .withProtocol("HTTP/1.1").withSourceIp("192.0.2.1").withUserAgent(agent).build())
                .injectNull(0.05);
        Arbitrary<RequestContext> context = Combinators.combine(http, authorizers(), stages(), requestIds())
                .as((h, authorizer, stage, requestId) -> RequestContext.builder().withHttp(h)
                        .withAuthorizer(authorizer).withStage(stage).withRequestId(requestId)
                        .withRouteKey("$default").withAccountId("123456789012").withApiId("r3pmxmplak").build())
                .injectNull(0.05);
        Arbitrary<String> version = Arbitraries.of("2.0", "1.0", "", "3").injectNull(0.1);
        return Combinators.combine(context, paths().injectNull(0.1), rawQueries(), queryMaps(), headerMaps(),
                        cookieLists(), bodies(), version)
                .as((c, rawPath, rawQuery, queryMap, headers, cookies, body, v) -> {
                    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
                    event.setVersion(v);
                    event.setRouteKey("$default");
                    event.setRequestContext(c);
                    event.setRawPath(rawPath);
                    event.setRawQueryString(rawQuery);
                    event.setQueryStringParameters(queryMap);
                    event.setHeaders(headers);
                    event.setCookies(cookies);
                    event.setBody(body.text());
                    event.setIsBase64Encoded(body.base64());
                    return event;
                });
    }

    // ---- mutated valid events ----

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return mutation().list().ofMaxSize(4);
    }

    /** Events as API Gateway sends them to the todo API, each built afresh. */
    enum ValidEvent {
        CREATE(() -> HttpApiEvents.post("/todos").subject("user-1").json("{\"title\":\"Buy milk\",\"dueDate\":"
                + "\"2026-05-01\"}")),
        CREATE_BASE64(() -> HttpApiEvents.post("/todos").subject("user-1").header("content-type", "application/json")
                .body("{\"title\":\"Caf\u00e9\"}".getBytes(StandardCharsets.UTF_8))),
        LIST(() -> HttpApiEvents.get("/todos?limit=10").subject("user-2").scopes("todos:read")),
        LIST_DONE(() -> HttpApiEvents.get("/todos?done=true").subject("user-2")),
        READ(() -> HttpApiEvents.get("/todos/01HRZ3K7Q8X9V2M4N6P0R1S3T5").subject("user-3")
                .header("If-None-Match", "\"2\"")),
        HEAD(() -> HttpApiEvents.request("HEAD", "/todos/01HRZ3K7Q8X9V2M4N6P0R1S3T5").subject("user-3")),
        REPLACE(() -> HttpApiEvents.put("/todos/01HRZ3K7Q8X9V2M4N6P0R1S3T5").subject("user-3")
                .header("If-Match", "\"1\"").json("{\"title\":\"Call mum\",\"done\":true}")),
        PATCH(() -> HttpApiEvents.patch("/todos/01HRZ3K7Q8X9V2M4N6P0R1S3T4").subject("user-3")
                .header("Content-Type", "application/merge-patch+json").body("{\"done\":true,\"dueDate\":null}")),
        DELETE(() -> HttpApiEvents.delete("/todos/01HRZ3K7Q8X9V2M4N6P0R1S3T5").subject("user-3")),
        PREFLIGHT(() -> HttpApiEvents.request("OPTIONS", "/todos").header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")),
        NAMED_STAGE(() -> HttpApiEvents.get("/todos").stage("prod").subject("user-4").cookie("session", "abc")),
        LAMBDA_AUTHORIZER(() -> HttpApiEvents.get("/todos")),
        BOOM(() -> HttpApiEvents.get("/boom").subject("user-5"));

        private final java.util.function.Supplier<HttpApiEvents.Builder> builder;

        ValidEvent(java.util.function.Supplier<HttpApiEvents.Builder> builder) {
            this.builder = builder;
        }

        APIGatewayV2HTTPEvent build() {
            APIGatewayV2HTTPEvent event = builder.get().build();
            if (this == LAMBDA_AUTHORIZER) {
                event.getRequestContext().setAuthorizer(Authorizer.builder()
                        .withLambda(new HashMap<>(Map.of("principalId", "user-6", "tenant", "acme"))).build());
            }
            return event;
        }
    }

    /** One change to an event, named for the report of a failing sample. */
    record Mutation(String description, Consumer<APIGatewayV2HTTPEvent> change) {
        void apply(APIGatewayV2HTTPEvent event) {
            change.accept(event);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static Arbitrary<Mutation> mutation() {
        List<Arbitrary<Mutation>> all = new ArrayList<>();
        all.add(Arbitraries.of(Field.class).map(field -> new Mutation("null " + field, field::clear)));
        all.add(methods().map(method -> new Mutation("method " + quote(method), e -> http(e).ifPresent(h ->
                h.setMethod(method)))));
        all.add(paths().map(path -> new Mutation("path " + quote(path), e -> {
            e.setRawPath(path);
            http(e).ifPresent(h -> h.setPath(path));
        })));
        all.add(rawQueries().map(query -> new Mutation("rawQueryString " + quote(query),
                e -> e.setRawQueryString(query))));
        all.add(queryMaps().map(map -> new Mutation("only queryStringParameters " + map, e -> {
            e.setRawQueryString(null);
            e.setQueryStringParameters(map);
        })));
        all.add(Combinators.combine(headerNames(), headerValues()).as((name, value) -> new Mutation(
                "header " + quote(name) + ": " + quote(value), e -> {
                    Map<String, String> headers = e.getHeaders() == null ? new LinkedHashMap<>()
                            : new LinkedHashMap<>(e.getHeaders());
                    headers.put(name, value);
                    e.setHeaders(headers);
                })));
        all.add(Arbitraries.just(new Mutation("a header without a name", e -> {
            Map<String, String> headers = e.getHeaders() == null ? new HashMap<>() : new HashMap<>(e.getHeaders());
            headers.put(null, "orphan");
            e.setHeaders(headers);
        })));
        all.add(bodies().map(body -> new Mutation("body " + body, e -> {
            e.setBody(body.text());
            e.setIsBase64Encoded(body.base64());
        })));
        all.add(Arbitraries.integers().between(0, 40).map(at -> new Mutation("corrupt base64 body at " + at, e -> {
            String encoded = Base64.getEncoder().encodeToString(Optional.ofNullable(e.getBody()).orElse("{}")
                    .getBytes(StandardCharsets.UTF_8));
            int cut = Math.min(at, encoded.length());
            e.setBody(encoded.substring(0, cut) + "!*%" + encoded.substring(cut));
            e.setIsBase64Encoded(true);
        })));
        all.add(Arbitraries.just(new Mutation("flag a text body as base64", e -> e.setIsBase64Encoded(true))));
        all.add(claimMaps().map(claims -> new Mutation("jwt claims " + claims, e -> context(e).ifPresent(c ->
                c.setAuthorizer(Authorizer.builder().withJwt(Authorizer.JWT.builder().withClaims(claims)
                        .withScopes(List.of("todos:read")).build()).build())))));
        all.add(stringLists().map(scopes -> new Mutation("jwt scopes " + scopes, e -> context(e).ifPresent(c ->
                c.setAuthorizer(Authorizer.builder().withJwt(Authorizer.JWT.builder()
                        .withClaims(Map.of("sub", "user-7")).withScopes(scopes).build()).build())))));
        all.add(lambdaContexts().map(lambda -> new Mutation("lambda authorizer " + lambda, e -> context(e)
                .ifPresent(c -> c.setAuthorizer(Authorizer.builder().withLambda(lambda).build())))));
        all.add(stages().map(stage -> new Mutation("stage " + quote(stage), e -> context(e).ifPresent(c ->
                c.setStage(stage)))));
        all.add(requestIds().map(id -> new Mutation("requestId " + quote(id), e -> context(e).ifPresent(c ->
                c.setRequestId(id)))));
        all.add(cookieLists().map(cookies -> new Mutation("cookies " + cookies, e -> e.setCookies(cookies))));
        return Arbitraries.oneOf(all);
    }

    /** The parts of an event a mutation can take away. */
    enum Field {
        REQUEST_CONTEXT(e -> e.setRequestContext(null)),
        HTTP(e -> context(e).ifPresent(c -> c.setHttp(null))),
        METHOD(e -> http(e).ifPresent(h -> h.setMethod(null))),
        HTTP_PATH(e -> http(e).ifPresent(h -> h.setPath(null))),
        RAW_PATH(e -> e.setRawPath(null)),
        BOTH_PATHS(e -> {
            e.setRawPath(null);
            http(e).ifPresent(h -> h.setPath(null));
        }),
        HEADERS(e -> e.setHeaders(null)),
        QUERY_PARAMETERS(e -> e.setQueryStringParameters(null)),
        RAW_QUERY(e -> e.setRawQueryString(null)),
        COOKIES(e -> e.setCookies(null)),
        BODY(e -> e.setBody(null)),
        AUTHORIZER(e -> context(e).ifPresent(c -> c.setAuthorizer(null))),
        JWT(e -> authorizer(e).ifPresent(a -> a.setJwt(null))),
        CLAIMS(e -> authorizer(e).map(Authorizer::getJwt).ifPresent(j -> j.setClaims(null))),
        SCOPES(e -> authorizer(e).map(Authorizer::getJwt).ifPresent(j -> j.setScopes(null))),
        LAMBDA(e -> authorizer(e).ifPresent(a -> a.setLambda(null))),
        REQUEST_ID(e -> context(e).ifPresent(c -> c.setRequestId(null))),
        STAGE(e -> context(e).ifPresent(c -> c.setStage(null))),
        VERSION(e -> e.setVersion(null));

        private final Consumer<APIGatewayV2HTTPEvent> clear;

        Field(Consumer<APIGatewayV2HTTPEvent> clear) {
            this.clear = clear;
        }

        void clear(APIGatewayV2HTTPEvent event) {
            clear.accept(event);
        }
    }

    // ---- parts of events ----

    private static Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")),
                Tuple.of(2, Arbitraries.of("get", "Post", "TRACE", "CONNECT", "BREW", "", " ", "G\u00c9T", "GET /x",
                        "AAAAAAAAAAAAAAAAA", "stra\u00dfe", "\u0131nsert", "\u0000")),
                Tuple.of(1, text(12)),
                Tuple.of(1, Arbitraries.just(null)));
    }

    private static Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().withCharRange('0', '9').withCharRange('A', 'Z').ofLength(26)),
                Tuple.of(3, Arbitraries.strings().withChars("abcXYZ019-_.~!$&'()*+,;=:@#?").ofMinLength(1)
                        .ofMaxLength(12)),
                Tuple.of(3, Arbitraries.of("%", "%2", "%zz", "%G1", "%C3", "%C3%28", "%FF", "%E2%82", "%ED%A0%80",
                        "%00", "%2F", "%25", "%20", "caf%C3%A9", "a%20b", "..", ".", "%2e%2e", "\u00e9", "\ud83d\ude00",
                        "\ud800", "TODO%23x", "USER#1", "a#b")),
                Tuple.of(1, text(16)),
                Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> composed = Combinators.combine(
                        Arbitraries.of("", "/todos", "/todos", "/todos", "/prod/todos", "/boom", "/x", "/todos/a"),
                        segment.list().ofMaxSize(3), Arbitraries.of("", "/", "//"))
                .as((base, segments, end) -> base + segments.stream().map(s -> "/" + s).collect(Collectors.joining())
                        + end);
        return Arbitraries.frequencyOf(
                Tuple.of(6, composed),
                Tuple.of(3, Arbitraries.of("/todos", "/todos/", "/todos/01HRZ3K7Q8X9V2M4N6P0R1S3T5", "/boom", "/",
                        "/prod", "/prod/", "/prod/boom", "/TODOS", "/todos//x")),
                Tuple.of(1, text(30)),
                Tuple.of(1, Arbitraries.of("todos", "", " /todos", "\\todos", "http://example.com/todos",
                        "*", "/" + "a/".repeat(2000))));
    }

    private static Arbitrary<String> rawQueries() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("limit", "cursor", "done", "q", "tag")),
                Tuple.of(1, Arbitraries.strings().withChars("abc%+=;,/?#&20FZz\u00e9").ofMaxLength(8)));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("1", "10", "100", "0", "-1", "true", "false", "TRUE", "", "abc",
                        "99999999999", "1.5", "eyJrIjoidiJ9", "%", "%zz", "%C3%28", "a+b", "%2B", "caf%C3%A9")),
                Tuple.of(2, Arbitraries.strings().withChars("abcXYZ019-_.~!$'()*+,;:@/?%=&").ofMaxLength(16)),
                Tuple.of(1, text(20)));
        Arbitrary<String> pair = Combinators.combine(name, value, Arbitraries.of("=", "", "==")).as((n, v, equals) ->
                equals.isEmpty() ? n : n + equals + v);
        return Arbitraries.frequencyOf(
                Tuple.of(6, pair.list().ofMaxSize(5).map(pairs -> String.join("&", pairs))),
                Tuple.of(1, text(40)),
                Tuple.of(1, Arbitraries.of("&&&", "=", "&=&", "done=true&done=false", "limit=1&limit=2")),
                Tuple.of(1, Arbitraries.just(null)));
    }

    private static Arbitrary<Map<String, String>> queryMaps() {
        return Arbitraries.maps(Arbitraries.of("limit", "done", "cursor", "x", ""),
                        Arbitraries.of("5", "true", "true,false", "", "%zz", "abc").injectNull(0.1))
                .ofMaxSize(3).injectNull(0.3);
    }

    private static Arbitrary<String> headerNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("content-type", "Content-Type", "CONTENT-TYPE", "if-match", "If-None-Match",
                        "origin", "access-control-request-method", "authorization", "accept", "cookie",
                        "content-length")),
                Tuple.of(1, text(20)),
                Tuple.of(1, Arbitraries.of("", " ", "x-\u00e9", "x\r\ny")));
    }

    private static Arbitrary<String> headerValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("application/json", "application/merge-patch+json", "application/json; "
                                + "charset=utf-8", "text/plain", "APPLICATION/JSON", "application/xml", "", "\"1\"",
                        "W/\"2\"", "\"abc\"", "*", "\"99999999999999999999\"", "https://app.example.com", "POST",
                        "Bearer x", "-1")),
                Tuple.of(2, text(40)),
                Tuple.of(1, Arbitraries.of("\u0000\r\n", "x".repeat(20_000), "a,b,c", "\ud800")),
                Tuple.of(1, Arbitraries.just(null)));
    }

    private static Arbitrary<Map<String, String>> headerMaps() {
        return Arbitraries.maps(headerNames(), headerValues()).ofMaxSize(6).injectNull(0.1);
    }

    private static Arbitrary<List<String>> cookieLists() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.of("session=abc", "a=", "=b", "noequals", "x=y=z", " spaced = out ",
                                "", "\u00e9=\u00e8")),
                        Tuple.of(1, text(20)))
                .injectNull(0.1).list().ofMaxSize(4).injectNull(0.3);
    }

    private static Arbitrary<List<String>> stringLists() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.of("todos:read", "todos:write", "", " ", "a b")),
                        Tuple.of(1, text(10)))
                .injectNull(0.2).list().ofMaxSize(4).injectNull(0.2);
    }

    private static Arbitrary<String> stages() {
        return Arbitraries.of("$default", "$default", "prod", "", "todos", "/", "pr%6Fd", "$DEFAULT").injectNull(0.2);
    }

    private static Arbitrary<String> requestIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').ofLength(16)
                        .map(id -> id + "=")),
                Tuple.of(1, text(30)),
                Tuple.of(1, Arbitraries.of("", "\"quoted\"", "</script>")),
                Tuple.of(1, Arbitraries.just(null)));
    }

    private static Arbitrary<Authorizer> authorizers() {
        Arbitrary<Authorizer> jwt = Combinators.combine(claimMaps(), stringLists()).as((claims, scopes) ->
                Authorizer.builder().withJwt(Authorizer.JWT.builder().withClaims(claims).withScopes(scopes).build())
                        .build());
        Arbitrary<Authorizer> lambda = lambdaContexts().map(context -> Authorizer.builder().withLambda(context)
                .build());
        return Arbitraries.frequencyOf(
                Tuple.of(5, jwt),
                Tuple.of(2, lambda),
                Tuple.of(1, Arbitraries.create(Authorizer::new)),
                Tuple.of(2, Arbitraries.just(null)));
    }

    private static Arbitrary<Map<String, String>> claimMaps() {
        Arbitrary<String> subject = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("user-1", "user-2", "0", "a b", "\u00e9l\u00e8ve")),
                Tuple.of(2, Arbitraries.of("", " ", "USER#x", "a#b", "x}{y", "{ownerId}", "%00", "x".repeat(5000))),
                Tuple.of(1, text(20)),
                Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<Map<String, String>> others = Arbitraries.maps(
                Arbitraries.of("scope", "email", "iss", "aud", "cognito:groups", "custom"),
                Arbitraries.of("todos:read todos:write", "  ", "a@example.com", "[a b]", "").injectNull(0.1))
                .ofMaxSize(4);
        return Combinators.combine(subject, others).as((sub, rest) -> {
            Map<String, String> claims = new HashMap<>(rest);
            claims.put("sub", sub);
            return claims;
        }).injectNull(0.1);
    }

    private static Arbitrary<Map<String, Object>> lambdaContexts() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.of("user-9", "", "todos:read", "a b c").map(v -> (Object) v),
                Arbitraries.integers().map(v -> (Object) v),
                Arbitraries.of(true, false).map(v -> (Object) v),
                Arbitraries.of("todos:read", "todos:write").injectNull(0.2).list().ofMaxSize(3).map(v -> (Object) v),
                Arbitraries.just((Object) Map.of("nested", List.of(1, 2))),
                Arbitraries.just(null));
        return Arbitraries.maps(Arbitraries.of("principalId", "sub", "scopes", "scope", "tenant", "userId"), value)
                .ofMaxSize(5).injectNull(0.1);
    }

    /** A request body and whether the event flags it as base64. */
    record Body(String text, boolean base64) {
        @Override
        public String toString() {
            return (base64 ? "base64 " : "") + quote(text);
        }
    }

    private static Arbitrary<Body> bodies() {
        Arbitrary<String> json = Arbitraries.frequencyOf(
                Tuple.of(4, todoJson()),
                Tuple.of(3, jsonValue(3)),
                Tuple.of(1, Arbitraries.of("", "{", "[]", "null", "\"text\"", "{\"title\":\"a\",\"title\":\"b\"}",
                        "[".repeat(40) + "]".repeat(40), "{\"title\":\"" + "x".repeat(300_000) + "\"}",
                        "{\"title\":\"\\ud800\"}", "{\"title\":\"ok\"} trailing")),
                Tuple.of(1, text(60)));
        Arbitrary<Body> text = json.map(body -> new Body(body, false));
        Arbitrary<Body> encoded = json.map(body -> new Body(Base64.getEncoder()
                .encodeToString(body.getBytes(StandardCharsets.UTF_8)), true));
        Arbitrary<Body> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
                .map(bytes -> new Body(Base64.getEncoder().encodeToString(bytes), true));
        Arbitrary<Body> brokenBase64 = Arbitraries.of("!!!!", "abc", "a===", "YQ=", "YWJj\nZGVm", "*", "====",
                "eyJ0aXRsZSI6I!!not*base64").map(body -> new Body(body, true));
        return Arbitraries.frequencyOf(
                Tuple.of(6, text),
                Tuple.of(2, encoded),
                Tuple.of(1, binary),
                Tuple.of(1, brokenBase64),
                Tuple.of(2, Arbitraries.just(new Body(null, false))),
                Tuple.of(1, Arbitraries.just(new Body(null, true))));
    }

    private static Arbitrary<String> todoJson() {
        Arbitrary<Map<String, String>> fields = Arbitraries.maps(
                Arbitraries.of("title", "title", "done", "dueDate", "id", "ownerId", "version", "createdAt",
                        "unknown"),
                Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.of("\"Buy milk\"", "\"\"", "\"   \"", "true", "false", "null",
                                "\"2026-05-01\"", "\"2026-13-45\"", "\"true\"", "1", "1.5", "{}", "[]",
                                "\"" + "t".repeat(201) + "\"", "\"01HRZ3K7Q8X9V2M4N6P0R1S3T5\"", "\"a#b\"",
                                "\"\\u0000\"", "-1", "99999999999999999999")),
                        Tuple.of(1, text(20).map(EventFuzzTest::jsonString))))
                .ofMaxSize(5);
        return fields.map(map -> map.entrySet().stream().map(e -> jsonString(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}")));
    }

    private static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                text(12).map(EventFuzzTest::jsonString),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "1e999", "-0", "0.1", "1E-400",
                        "123456789012345678901234567890"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = jsonValue(depth - 1).list().ofMaxSize(3)
                .map(items -> String.join(",", items)).map(items -> "[" + items + "]");
        Arbitrary<String> object = Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of("title", "done", "id"), text(6)),
                        jsonValue(depth - 1)).ofMaxSize(3)
                .map(map -> map.entrySet().stream().map(e -> jsonString(e.getKey()) + ":" + e.getValue())
                        .collect(Collectors.joining(",", "{", "}")));
        return Arbitraries.frequencyOf(Tuple.of(2, scalar), Tuple.of(1, array), Tuple.of(2, object));
    }

    /** Any text, surrogates and control characters included. */
    private static Arbitrary<String> text(int maxLength) {
        return Arbitraries.strings().all().ofMaxLength(maxLength);
    }

    // ---- the handler under test ----

    /** The todo resource as a user mounts it, and one route that fails as no route should. */
    static final class FuzzHandler extends HttpApiHandler {
        FuzzHandler(DynamoDbClient dynamoDb) {
            super(Router.builder()
                    .cors(CorsPolicy.builder().anyOrigin().build())
                    .resource("/todos", SingleTable.fromEnvironment(Map.of("TABLE_NAME", "todos"), dynamoDb)
                            .repository(Todo.ENTITY), ResourceOptions.builder()
                            .listFilter("done", Boolean.class, done -> Query.index("GSI1")
                                    .sortKey(SortKeyCondition.beginsWith(Map.of("done", done))))
                            .build())
                    .get("/boom", request -> {
                        BOOMS.incrementAndGet();
                        throw new IllegalStateException(BOOM_SECRET);
                    })
                    .build());
        }
    }

    /** A client that answers every call the todo resource makes, as DynamoDB would for an item that exists. */
    private static DynamoDbClient stubbedDynamoDb() {
        DynamoDbClient dynamoDb = mock(DynamoDbClient.class, withSettings().stubOnly());
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        when(dynamoDb.getItem(any(GetItemRequest.class))).thenAnswer(call -> {
            Map<String, AttributeValue> key = call.<GetItemRequest>getArgument(0).key();
            boolean exists = key.get("SK").s().hashCode() % 3 != 0;
            return exists ? GetItemResponse.builder().item(storedTodo(key)).build()
                    : GetItemResponse.builder().build();
        });
        when(dynamoDb.updateItem(any(UpdateItemRequest.class))).thenAnswer(call -> UpdateItemResponse.builder()
                .attributes(storedTodo(call.<UpdateItemRequest>getArgument(0).key())).build());
        when(dynamoDb.deleteItem(any(DeleteItemRequest.class))).thenReturn(DeleteItemResponse.builder().build());
        when(dynamoDb.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(List.of()).build());
        return dynamoDb;
    }

    private static Map<String, AttributeValue> storedTodo(Map<String, AttributeValue> key) {
        String owner = key.get("PK").s().substring("USER#".length());
        String id = key.get("SK").s().substring("TODO#".length());
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("GSI1PK", AttributeValue.fromS("USER#" + owner));
        item.put("GSI1SK", AttributeValue.fromS("DONE#false#" + id));
        item.put("_type", AttributeValue.fromS("Todo"));
        item.put("ownerId", AttributeValue.fromS(owner));
        item.put("id", AttributeValue.fromS(id));
        item.put("title", AttributeValue.fromS("Water the plants"));
        item.put("done", AttributeValue.fromBool(false));
        item.put("version", AttributeValue.fromN("2"));
        item.put("createdAt", AttributeValue.fromS("2024-03-14T07:00:00Z"));
        item.put("updatedAt", AttributeValue.fromS("2024-03-14T07:05:00Z"));
        return item;
    }

    // ---- helpers ----

    /**
     * Runs a handler with what it logs (dynacrud-lambda-logging writes to {@code System.out}) going to a buffer: 20,000
     * request lines would drown the build log.
     */
    private static APIGatewayV2HTTPResponse handleLogging(HttpApiHandler handler, APIGatewayV2HTTPEvent event,
            ByteArrayOutputStream log) {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            return handler.handleRequest(event, null);
        } finally {
            System.setOut(stdout);
        }
    }

    private static Optional<RequestContext> context(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(event.getRequestContext());
    }

    private static Optional<RequestContext.Http> http(APIGatewayV2HTTPEvent event) {
        return context(event).map(RequestContext::getHttp);
    }

    private static Optional<String> requestId(APIGatewayV2HTTPEvent event) {
        return context(event).map(RequestContext::getRequestId).filter(id -> !id.isEmpty());
    }

    private static Optional<Authorizer> authorizer(APIGatewayV2HTTPEvent event) {
        return context(event).map(RequestContext::getAuthorizer);
    }

    private static Optional<String> header(APIGatewayV2HTTPResponse response, String name) {
        return HttpApiEvents.header(response, name);
    }

    private static String bodyText(APIGatewayV2HTTPResponse response) {
        if (response.getBody() == null || response.getBody().isEmpty()) {
            return "";
        }
        return response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8)
                : response.getBody();
    }

    private static JsonNode problem(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("the problem body is not JSON: " + body, e);
        }
    }

    private static String jsonString(String text) {
        return TextNode.valueOf(text).toString();
    }

    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "...(" + text.length() + " chars)" : text;
        return jsonString(shown);
    }
}

package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.ConditionFailedException;
import io.github.dynacrud.DynacrudException;
import io.github.dynacrud.ForbiddenException;
import io.github.dynacrud.InvalidCursorException;
import io.github.dynacrud.ItemAlreadyExistsException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.PayloadTooLargeException;
import io.github.dynacrud.RetryableException;
import io.github.dynacrud.StorageException;
import io.github.dynacrud.UnauthorizedException;
import io.github.dynacrud.UniqueConstraintException;
import io.github.dynacrud.UnsupportedMediaTypeException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.VersionConflictException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_ID = "req-1";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String GENERIC_500_DETAIL =
            "an unexpected error occurred; quote the instance when reporting it";

    /** One route table for the table-driven test; every handler names itself in a header and in the body. */
    private static final Router ROUTER = Router.builder()
            .get("/", answer("root"))
            .get("/health", answer("health"))
            .options("/health", answer("health.options"))
            .get("/todos", answer("todos.list"))
            .post("/todos", answer("todos.create"))
            .get("/todos/{id}", answer("todos.get"))
            .put("/todos/{id}", answer("todos.replace"))
            .patch("/todos/{id}", answer("todos.update"))
            .delete("/todos/{id}", answer("todos.delete"))
            .get("/todos/{id}/comments/{commentId}", answer("comments.get"))
            .get("/files/{path+}", answer("files.any"))
            .get("/files/{name}", answer("files.one"))
            .get("/files/special", answer("files.special"))
            .delete("/files/special", answer("files.special.delete"))
            .get("/a/{x}/c", answer("a.param"))
            .get("/a/{rest+}", answer("a.rest"))
            .get("/reports/{id}", answer("reports.get"))
            .head("/reports/{id}", answer("reports.head"))
            .route("patch", "/lower/{id}", answer("lower.patch"))
            .group("/api", api -> api
                    .get("/status", answer("api.status"))
                    .get("/", answer("api.root"))
                    .group("/v1/", v1 -> v1
                            .post("/users", answer("api.v1.users.create"))
                            .get("/users/{userId}/", answer("api.v1.users.get"))))
            .build();

    private static Handler answer(String routeId) {
        return request -> HttpResponse.json(200, Map.of("route", routeId, "params", request.pathParameters()))
                .withHeader("X-Route", routeId);
    }

    private record Row(String method, String path, int status, String route, Map<String, String> params,
            String allow, String detail) {
        static Row match(String method, String path, String route, Map<String, String> params) {
            return new Row(method, path, 200, route, params, null, null);
        }

        static Row notFound(String method, String path) {
            return new Row(method, path, 404, null, null, null, "no route matches this path");
        }

        static Row notAllowed(String method, String path, String allow) {
            return new Row(method, path, 405, null, null, allow, "this path does not answer " + method.toUpperCase());
        }

        static Row badPath(String method, String path) {
            return new Row(method, path, 400, null, null, null, "the path is not correctly percent-encoded");
        }

        boolean isHead() {
            return method.equalsIgnoreCase("HEAD");
        }

        Map<String, List<String>> expectedHeaders() {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            if (status == 200) {
                headers.put("content-type", List.of("application/json"));
                headers.put("x-route", List.of(route));
            } else {
                headers.put("content-type", List.of("application/problem+json"));
            }
            if (allow != null) {
                headers.put("allow", List.of(allow));
            }
            return headers;
        }

        String expectedBody() {
            if (isHead()) {
                return "";
            }
            if (status == 200) {
                return json(Map.of("route", route, "params", params));
            }
            return json(problem(status, detail, REQUEST_ID));
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status + (route != null ? " " + route + " " + params : "")
                    + (allow != null ? " Allow: " + allow : "");
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                // plain matches, every method
                Row.match("GET", "/", "root", Map.of()),
                Row.match("GET", "/health", "health", Map.of()),
                Row.match("OPTIONS", "/health", "health.options", Map.of()),
                Row.match("GET", "/todos", "todos.list", Map.of()),
                Row.match("POST", "/todos", "todos.create", Map.of()),
                Row.match("GET", "/todos/42", "todos.get", Map.of("id", "42")),
                Row.match("get", "/todos/42", "todos.get", Map.of("id", "42")),
                Row.match("PUT", "/todos/42", "todos.replace", Map.of("id", "42")),
                Row.match("PATCH", "/todos/42", "todos.update", Map.of("id", "42")),
                Row.match("DELETE", "/todos/42", "todos.delete", Map.of("id", "42")),
                Row.match("PATCH", "/lower/7", "lower.patch", Map.of("id", "7")),
                Row.match("GET", "/todos/42/comments/7", "comments.get", Map.of("id", "42", "commentId", "7")),
                // a trailing slash is treated as absent
                Row.match("GET", "/health/", "health", Map.of()),
                Row.match("GET", "/todos/", "todos.list", Map.of()),
                Row.match("GET", "/todos/42/", "todos.get", Map.of("id", "42")),
                // precedence: literal over parameter over greedy, at any depth
                Row.match("GET", "/files/special", "files.special", Map.of()),
                Row.match("GET", "/files/other", "files.one", Map.of("name", "other")),
                Row.match("GET", "/files/a/b/c", "files.any", Map.of("path", "a/b/c")),
                Row.match("GET", "/files/special/x", "files.any", Map.of("path", "special/x")),
                Row.match("GET", "/a/b/c", "a.param", Map.of("x", "b")),
                Row.match("GET", "/a/b/d", "a.rest", Map.of("rest", "b/d")),
                Row.match("GET", "/a/b", "a.rest", Map.of("rest", "b")),
                // percent-decoding, once, before matching
                Row.match("GET", "/todos/a%20b", "todos.get", Map.of("id", "a b")),
                Row.match("GET", "/todos/%252F", "todos.get", Map.of("id", "%2F")),
                Row.match("GET", "/todos/caf%C3%A9", "todos.get", Map.of("id", "café")),
                Row.match("GET", "/todos/a+b", "todos.get", Map.of("id", "a+b")),
                Row.match("GET", "/files/spe%63ial", "files.special", Map.of()),
                Row.match("GET", "/files/a%2Fb", "files.any", Map.of("path", "a/b")),
                Row.notFound("GET", "/todos/a%2Fb"),
                Row.notFound("GET", "/todos/%2F"),
                // malformed escapes and invalid UTF-8
                Row.badPath("GET", "/todos/%zz"),
                Row.badPath("GET", "/todos/%E9"),
                Row.badPath("GET", "/todos/%"),
                Row.badPath("GET", "/todos/%4"),
                Row.badPath("GET", "/todos/%C0%AF"),
                Row.badPath("GET", "/nowhere/%zz"),
                // groups, nested too
                Row.match("GET", "/api/status", "api.status", Map.of()),
                Row.match("GET", "/api", "api.root", Map.of()),
                Row.match("GET", "/api/", "api.root", Map.of()),
                Row.match("POST", "/api/v1/users", "api.v1.users.create", Map.of()),
                Row.match("GET", "/api/v1/users/u-1", "api.v1.users.get", Map.of("userId", "u-1")),
                Row.notFound("GET", "/api/v1"),
                Row.notFound("GET", "/v1/users"),
                Row.notAllowed("GET", "/api/v1/users", "POST"),
                // unknown paths
                Row.notFound("GET", "/nowhere"),
                Row.notFound("GET", "/TODOS"),
                Row.notFound("GET", "/todos/42/extra"),
                Row.notFound("GET", "/files"),
                Row.notFound("GET", "/files/a//b"),
                Row.notFound("POST", "/nowhere"),
                // known paths, other methods: 405 with the exact Allow header
                Row.notAllowed("POST", "/todos/42", "DELETE, GET, HEAD, PATCH, PUT"),
                Row.notAllowed("DELETE", "/todos", "GET, HEAD, POST"),
                Row.notAllowed("POST", "/files/special", "DELETE, GET, HEAD"),
                Row.notAllowed("POST", "/files/x/y", "GET, HEAD"),
                Row.notAllowed("DELETE", "/health", "GET, HEAD, OPTIONS"),
                Row.notAllowed("POST", "/reports/9", "GET, HEAD"),
                Row.notAllowed("OPTIONS", "/todos", "GET, HEAD, POST"),
                Row.notAllowed("PATCH", "/", "GET, HEAD"),
                // HEAD: answered by GET without a body; an explicit HEAD route wins
                Row.match("HEAD", "/todos/42", "todos.get", Map.of("id", "42")),
                Row.match("HEAD", "/files/special", "files.special", Map.of()),
                Row.match("HEAD", "/reports/9", "reports.head", Map.of("id", "9")),
                Row.match("GET", "/reports/9", "reports.get", Map.of("id", "9")),
                Row.notAllowed("HEAD", "/api/v1/users", "POST"),
                Row.notFound("HEAD", "/nowhere"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void route_tableRow_answersWithTheExpectedRouteOrProblem(Row row) {
        // GIVEN
        HttpRequest request = HttpRequest.builder().method(row.method()).path(row.path()).requestId(REQUEST_ID).build();

        // WHEN
        HttpResponse response = ROUTER.route(request);

        // THEN
        assertThat(response.status()).isEqualTo(row.status());
        assertThat(response.headers().asMap()).isEqualTo(row.expectedHeaders());
        assertSameJsonOrEmpty(response.bodyText(), row.expectedBody());
    }

    @Test
    void route_headOnGetRoute_hasTheSameHeadersAsGetAndNoBody() {
        // GIVEN
        HttpRequest get = HttpRequest.builder().method("GET").path("/todos/42").requestId(REQUEST_ID).build();
        HttpRequest head = get.toBuilder().method("HEAD").build();

        // WHEN
        HttpResponse getResponse = ROUTER.route(get);
        HttpResponse headResponse = ROUTER.route(head);

        // THEN
        assertThat(getResponse.bodyText()).isNotEmpty();
        assertThat(headResponse.status()).isEqualTo(getResponse.status()).isEqualTo(200);
        assertThat(headResponse.headers()).isEqualTo(getResponse.headers());
        assertThat(headResponse.body()).isEmpty();
    }

    // ---- build-time checks ----

    static Stream<Arguments> ties() {
        return Stream.of(
                Arguments.of("GET", "/todos/{id}", "GET", "/todos/{key}",
                        "routes GET /todos/{id} and GET /todos/{key} match the same paths"),
                Arguments.of("GET", "/files/{a+}", "get", "/files/{b+}",
                        "routes GET /files/{a+} and GET /files/{b+} match the same paths"),
                Arguments.of("POST", "/todos", "POST", "/todos/",
                        "routes POST /todos and POST /todos match the same paths"),
                Arguments.of("DELETE", "/x/{a}/y/{b}", "DELETE", "/x/{c}/y/{d}",
                        "routes DELETE /x/{a}/y/{b} and DELETE /x/{c}/y/{d} match the same paths"));
    }

    @ParameterizedTest(name = "{0} {1} + {2} {3}")
    @MethodSource("ties")
    void build_twoRoutesWithTheSameMethodAndShape_refusedNamingBoth(String method1, String template1,
            String method2, String template2, String message) {
        // GIVEN
        Router.Builder builder = Router.builder().route(method1, template1, answer("first"));

        // WHEN / THEN
        assertThatThrownBy(() -> builder.route(method2, template2, answer("second")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void build_tieThroughAGroup_refusedNamingBothFullTemplates() {
        // GIVEN
        Router.Builder builder = Router.builder().get("/api/todos/{id}", answer("first"));

        // WHEN / THEN
        assertThatThrownBy(() -> builder.group("/api", api -> api.get("/todos/{key}", answer("second"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routes GET /api/todos/{id} and GET /api/todos/{key} match the same paths");
    }

    @Test
    void build_sameShapeWithOtherMethodsOrOtherLiterals_isAccepted() {
        // GIVEN
        Router router = Router.builder()
                .get("/todos/{id}", answer("get"))
                .delete("/todos/{key}", answer("delete"))
                .get("/todos/{id}/a", answer("a"))
                .get("/todos/{id}/b", answer("b"))
                .build();

        // WHEN
        HttpResponse delete = router.route(HttpRequest.builder().method("DELETE").path("/todos/9").build());
        HttpResponse b = router.route(HttpRequest.builder().path("/todos/9/b").build());

        // THEN
        assertThat(delete.headers().first("X-Route")).contains("delete");
        assertSameJson(delete.bodyText(), json(Map.of("route", "delete", "params", Map.of("key", "9"))));
        assertThat(b.headers().first("X-Route")).contains("b");
    }

    static Stream<Arguments> malformedTemplates() {
        return Stream.of(
                Arguments.of("todos", "path 'todos' must start with '/'"),
                Arguments.of("", "path '' must start with '/'"),
                Arguments.of("/a//b", "path template '/a//b' has an empty segment"),
                Arguments.of("/{}", "path template '/{}' has an invalid or repeated parameter '{}'"),
                Arguments.of("/{1id}", "path template '/{1id}' has an invalid or repeated parameter '{1id}'"),
                Arguments.of("/{id}/x/{id}",
                        "path template '/{id}/x/{id}' has an invalid or repeated parameter '{id}'"),
                Arguments.of("/{rest+}/x", "path template '/{rest+}/x' has a greedy parameter before its end"),
                Arguments.of("/todos{id}", "path template '/todos{id}' mixes text and a parameter in 'todos{id}';"
                        + " give the parameter its own segment"));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("malformedTemplates")
    void build_malformedTemplate_refusedNamingIt(String template, String message) {
        // GIVEN
        Router.Builder builder = Router.builder();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.get(template, answer("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void build_groupWithRootPrefix_addsItsRoutesUnchanged() {
        // GIVEN
        Router.Builder builder = Router.builder();

        // WHEN
        Router router = builder.group("/", root -> root.get("/health", answer("health"))).build();

        // THEN
        HttpResponse response = router.route(HttpRequest.builder().path("/health").build());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().first("X-Route")).contains("health");
    }

    // ---- request ids ----

    @Test
    void route_requestWithoutId_getsAGeneratedIdShownAsInstance() {
        // GIVEN
        AtomicReference<String> seen = new AtomicReference<>();
        Router router = Router.builder()
                .get("/fail", request -> {
                    seen.set(request.requestId());
                    throw new ItemNotFoundException("Todo");
                })
                .build();

        // WHEN
        HttpResponse first = router.route(HttpRequest.builder().path("/fail").build());
        String firstId = seen.get();
        HttpResponse second = router.route(HttpRequest.builder().path("/fail").build());
        HttpResponse unrouted = router.route(HttpRequest.builder().path("/nowhere").build());

        // THEN
        assertThat(firstId).matches(UUID_PATTERN);
        assertThat(seen.get()).matches(UUID_PATTERN).isNotEqualTo(firstId);
        assertThat(first.status()).isEqualTo(404);
        assertSameJson(first.bodyText(), json(problem(404, "Todo not found", firstId)));
        assertSameJson(second.bodyText(), json(problem(404, "Todo not found", seen.get())));
        assertThat(body(unrouted).get("instance").asText()).matches(UUID_PATTERN);
    }

    @Test
    void route_requestWithId_keepsIt() {
        // GIVEN
        AtomicReference<String> seen = new AtomicReference<>();
        Router router = Router.builder()
                .get("/fail", request -> {
                    seen.set(request.requestId());
                    throw new ItemNotFoundException("Todo");
                })
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/fail").requestId("abc-123").build());

        // THEN
        assertThat(seen.get()).isEqualTo("abc-123");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        assertSameJson(response.bodyText(), json(problem(404, "Todo not found", "abc-123")));
    }

    // ---- body limit ----

    @Test
    void route_bodyOverTheDefaultLimit_answers413() {
        // GIVEN
        AtomicInteger calls = new AtomicInteger();
        Router router = Router.builder().post("/upload", counting(calls)).build();
        HttpRequest request = post("/upload", new byte[Router.DEFAULT_BODY_LIMIT + 1]);

        // WHEN
        HttpResponse response = router.route(request);

        // THEN
        assertThat(Router.DEFAULT_BODY_LIMIT).isEqualTo(262_144);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        assertSameJson(response.bodyText(), json(problem(413, "the body exceeds 262144 bytes", REQUEST_ID)));
        assertThat(calls).hasValue(0);
    }

    @Test
    void route_bodyExactlyAtTheDefaultLimit_isAccepted() {
        // GIVEN
        AtomicInteger calls = new AtomicInteger();
        Router router = Router.builder().post("/upload", counting(calls)).build();

        // WHEN
        HttpResponse response = router.route(post("/upload", new byte[Router.DEFAULT_BODY_LIMIT]));

        // THEN
        assertThat(response.status()).isEqualTo(204);
        assertThat(calls).hasValue(1);
    }

    @Test
    void route_bodyOverAConfiguredLimit_answers413() {
        // GIVEN
        AtomicInteger calls = new AtomicInteger();
        Router router = Router.builder().bodyLimit(10).post("/upload", counting(calls)).build();

        // WHEN
        HttpResponse atLimit = router.route(post("/upload", new byte[10]));
        HttpResponse overLimit = router.route(post("/upload", new byte[11]));

        // THEN
        assertThat(atLimit.status()).isEqualTo(204);
        assertThat(overLimit.status()).isEqualTo(413);
        assertSameJson(overLimit.bodyText(), json(problem(413, "the body exceeds 10 bytes", REQUEST_ID)));
        assertThat(calls).hasValue(1);
    }

    @Test
    void bodyLimit_belowOneByte_isRefused() {
        // GIVEN
        Router.Builder builder = Router.builder();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.bodyLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("body limit 0 must be at least 1 byte");
    }

    // ---- filters ----

    @Test
    void route_filters_runBeforeAndAfterInRegistrationOrder() {
        // GIVEN
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Router router = Router.builder()
                .filter(recording("A", calls))
                .filter(recording("B", calls))
                .get("/todos/{id}", request -> {
                    calls.add("handler sees " + request.header("X-Seen").orElse("") + " id="
                            + request.pathParameter("id"));
                    return HttpResponse.text(200, "ok");
                })
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/todos/7").requestId(REQUEST_ID).build());

        // THEN
        assertThat(calls).containsExactly("before A", "before B", "handler sees A,B id=7", "after A 200",
                "after B 200");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().asMap()).isEqualTo(Map.of(
                "content-type", List.of("text/plain; charset=utf-8"),
                "x-after", List.of("A", "B")));
        assertThat(response.bodyText()).isEqualTo("ok");
    }

    @Test
    void route_handlerFails_afterFiltersStillSeeTheProblemResponse() {
        // GIVEN
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Router router = Router.builder()
                .filter(recording("A", calls))
                .get("/todos/{id}", request -> {
                    throw new ItemNotFoundException("Todo");
                })
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/todos/7").requestId(REQUEST_ID).build());

        // THEN
        assertThat(calls).containsExactly("before A", "after A 404");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers().asMap()).isEqualTo(Map.of(
                "content-type", List.of("application/problem+json"),
                "x-after", List.of("A")));
        assertSameJson(response.bodyText(), json(problem(404, "Todo not found", REQUEST_ID)));
    }

    @Test
    void route_beforeFilterThrows_answersItsProblemWithoutCallingTheHandler() {
        // GIVEN
        AtomicInteger calls = new AtomicInteger();
        List<String> filterCalls = Collections.synchronizedList(new ArrayList<>());
        Router router = Router.builder()
                .filter(new Filter() {
                    @Override
                    public HttpRequest before(HttpRequest request) {
                        throw new UnauthorizedException("an API key is required");
                    }
                })
                .filter(recording("B", filterCalls))
                .get("/todos", counting(calls))
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/todos").requestId(REQUEST_ID).build());

        // THEN
        assertThat(calls).hasValue(0);
        assertThat(filterCalls).containsExactly("after B 401");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().asMap()).isEqualTo(Map.of(
                "content-type", List.of("application/problem+json"),
                "www-authenticate", List.of("Bearer"),
                "x-after", List.of("B")));
        assertSameJson(response.bodyText(), json(problem(401, "an API key is required", REQUEST_ID)));
    }

    @Test
    void route_beforeFilterThrowsUnknownException_answersGeneric500() {
        // GIVEN
        Router router = Router.builder()
                .filter(new Filter() {
                    @Override
                    public HttpRequest before(HttpRequest request) {
                        throw new IllegalStateException("filter secret s3cr3t");
                    }
                })
                .get("/todos", counting(new AtomicInteger()))
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/todos").requestId(REQUEST_ID).build());

        // THEN
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        assertSameJson(response.bodyText(), json(problem(500, GENERIC_500_DETAIL, REQUEST_ID)));
        assertThat(response.bodyText()).doesNotContain("s3cr3t");
    }

    @Test
    void route_afterFilterThrows_answersItsProblem() {
        // GIVEN
        Router router = Router.builder()
                .filter(new Filter() {
                    @Override
                    public HttpResponse after(HttpRequest request, HttpResponse response) {
                        throw new ForbiddenException("not today");
                    }
                })
                .get("/todos", request -> HttpResponse.text(200, "ok"))
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/todos").requestId(REQUEST_ID).build());

        // THEN
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        assertSameJson(response.bodyText(), json(problem(403, "not today", REQUEST_ID)));
    }

    @Test
    void route_afterFilterThrows_laterAfterFiltersStillRunOnItsProblem() {
        // GIVEN a failing after filter between two recording ones
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Router router = Router.builder()
                .filter(recording("A", calls))
                .filter(new Filter() {
                    @Override
                    public HttpResponse after(HttpRequest request, HttpResponse response) {
                        throw new ForbiddenException("not today");
                    }
                })
                .filter(recording("C", calls))
                .get("/todos", request -> HttpResponse.text(200, "ok"))
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/todos").requestId(REQUEST_ID).build());

        // THEN
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json"),
                "x-after", List.of("C")));
        assertSameJson(response.bodyText(), json(problem(403, "not today", REQUEST_ID)));
        assertThat(calls).containsExactly("before A", "before C", "after A 200", "after C 403");
    }

    @Test
    void route_filterReturnsNoRequest_answersGeneric500() {
        // GIVEN
        AtomicInteger calls = new AtomicInteger();
        Router router = Router.builder()
                .filter(new Filter() {
                    @Override
                    public HttpRequest before(HttpRequest request) {
                        return null;
                    }
                })
                .get("/todos", counting(calls))
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/todos").requestId(REQUEST_ID).build());

        // THEN
        assertThat(calls).hasValue(0);
        assertThat(response.status()).isEqualTo(500);
        assertSameJson(response.bodyText(), json(problem(500, GENERIC_500_DETAIL, REQUEST_ID)));
    }

    @Test
    void route_answersWithoutAHandler_runEveryAfterFilterButNoBeforeFilter() {
        // GIVEN a router whose filters record their calls and mark responses
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Router router = Router.builder().filter(recording("A", calls)).filter(recording("B", calls))
                .cors(CorsPolicy.builder().anyOrigin().build())
                .bodyLimit(4)
                .get("/todos", counting(new AtomicInteger()))
                .build();
        List<HttpRequest> requests = List.of(
                HttpRequest.builder().path("/nowhere").requestId(REQUEST_ID).build(),
                HttpRequest.builder().method("PUT").path("/todos").requestId(REQUEST_ID).build(),
                post("/todos", new byte[5]),
                HttpRequest.builder().path("/todos/100%").requestId(REQUEST_ID).build(),
                HttpRequest.builder().method("OPTIONS").path("/todos").header("Origin", "https://app.example.com")
                        .header("Access-Control-Request-Method", "GET").requestId(REQUEST_ID).build());

        // WHEN
        List<Integer> statuses = new ArrayList<>();
        for (HttpRequest request : requests) {
            HttpResponse response = router.route(request);
            statuses.add(response.status());
            // THEN every answer went through both after filters, in registration order
            assertThat(response.headers().all("X-After")).as("X-After of %s", request).containsExactly("A", "B");
        }

        // THEN
        assertThat(statuses).containsExactly(404, 405, 413, 400, 204);
        assertThat(calls).containsExactly("after A 404", "after B 404", "after A 405", "after B 405",
                "after A 413", "after B 413", "after A 400", "after B 400", "after A 204", "after B 204");
    }

    @Test
    void route_afterFilterFailsOnA404_answersItsProblem() {
        // GIVEN
        Router router = Router.builder()
                .filter(new Filter() {
                    @Override
                    public HttpResponse after(HttpRequest request, HttpResponse response) {
                        throw new ForbiddenException("not today");
                    }
                })
                .get("/todos", request -> HttpResponse.text(200, "ok"))
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/nowhere").requestId(REQUEST_ID).build());

        // THEN
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        assertSameJson(response.bodyText(), json(problem(403, "not today", REQUEST_ID)));
    }

    // ---- exceptions ----

    static class BaseFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    static class SubFailure extends BaseFailure {
        private static final long serialVersionUID = 1L;
    }

    static class SubSubFailure extends SubFailure {
        private static final long serialVersionUID = 1L;
    }

    static class QuotaExceededException extends DynacrudException {
        private static final long serialVersionUID = 1L;

        QuotaExceededException() {
            super(429, "the daily quota is used up");
        }
    }

    private static Router throwing(Throwable failure, Router.Builder builder) {
        return builder.get("/fail", request -> {
            if (failure instanceof Exception exception) {
                throw exception;
            }
            throw (Error) failure;
        }).build();
    }

    private static HttpResponse fail(Router router) {
        return router.route(HttpRequest.builder().path("/fail").requestId(REQUEST_ID).build());
    }

    static Stream<Arguments> exceptionHandlerCases() {
        return Stream.of(
                Arguments.of(new BaseFailure(), 409, "base"),
                Arguments.of(new SubFailure(), 402, "sub"),
                Arguments.of(new SubSubFailure(), 402, "sub"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("exceptionHandlerCases")
    void route_registeredExceptionHandlers_closestSuperclassAnswers(RuntimeException failure, int status,
            String detail) {
        // GIVEN: the subclass handler is registered first, so order of registration cannot decide
        Router router = throwing(failure, Router.builder()
                .exception(SubFailure.class, (e, request) ->
                        HttpResponse.problem(Problem.of(402, "sub", request.requestId())))
                .exception(BaseFailure.class, (e, request) ->
                        HttpResponse.problem(Problem.of(409, "base", request.requestId()))));

        // WHEN
        HttpResponse response = fail(router);

        // THEN
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        assertSameJson(response.bodyText(), json(problem(status, detail, REQUEST_ID)));
    }

    @Test
    void route_exceptionHandlerReceivesTheExceptionAndRequest() {
        // GIVEN
        SubFailure thrown = new SubFailure();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Router router = throwing(thrown, Router.builder().exception(BaseFailure.class, (e, request) -> {
            seen.set(e);
            return HttpResponse.text(418, "handled " + request.pathParameters() + " " + request.requestId());
        }));

        // WHEN
        HttpResponse response = fail(router);

        // THEN
        assertThat(seen.get()).isSameAs(thrown);
        assertThat(response.status()).isEqualTo(418);
        assertThat(response.bodyText()).isEqualTo("handled {} req-1");
    }

    @Test
    void route_exceptionHandlerForADynacrudException_overridesTheDefaultMapping() {
        // GIVEN
        Router router = throwing(new ItemNotFoundException("Todo"), Router.builder()
                .exception(ItemNotFoundException.class, (e, request) -> HttpResponse.empty(204)));

        // WHEN
        HttpResponse response = fail(router);

        // THEN
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers().asMap()).isEmpty();
        assertThat(response.body()).isEmpty();
    }

    @Test
    void route_unrelatedExceptionHandler_isNotUsed() {
        // GIVEN
        Router router = throwing(new BaseFailure(), Router.builder()
                .exception(SubFailure.class, (e, request) -> HttpResponse.empty(204)));

        // WHEN
        HttpResponse response = fail(router);

        // THEN
        assertThat(response.status()).isEqualTo(500);
        assertSameJson(response.bodyText(), json(problem(500, GENERIC_500_DETAIL, REQUEST_ID)));
    }

    @Test
    void route_exceptionHandlerThrows_answersGeneric500() {
        // GIVEN
        Router router = throwing(new BaseFailure(), Router.builder()
                .exception(BaseFailure.class, (e, request) -> {
                    throw new IllegalStateException("handler secret s3cr3t");
                }));

        // WHEN
        HttpResponse response = fail(router);

        // THEN
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        assertSameJson(response.bodyText(), json(problem(500, GENERIC_500_DETAIL, REQUEST_ID)));
        assertThat(response.bodyText()).doesNotContain("s3cr3t");
    }

    @Test
    void route_exceptionHandlerReturnsNoResponse_answersGeneric500() {
        // GIVEN
        Router router = throwing(new BaseFailure(), Router.builder()
                .exception(BaseFailure.class, (e, request) -> null));

        // WHEN
        HttpResponse response = fail(router);

        // THEN: route never throws and never returns null, as its javadoc promises
        assertThat(response).isNotNull();
        assertThat(response.status()).isEqualTo(500);
        assertSameJson(response.bodyText(), json(problem(500, GENERIC_500_DETAIL, REQUEST_ID)));
    }

    @Test
    void route_handlerReturnsNoResponse_answersGeneric500() {
        // GIVEN
        Router router = Router.builder().get("/fail", request -> null).build();

        // WHEN
        HttpResponse response = fail(router);

        // THEN
        assertThat(response.status()).isEqualTo(500);
        assertSameJson(response.bodyText(), json(problem(500, GENERIC_500_DETAIL, REQUEST_ID)));
    }

    @Test
    void route_unknownRuntimeException_answersGeneric500WithoutInternals() {
        // GIVEN
        AtomicReference<String> requestId = new AtomicReference<>();
        Router router = Router.builder()
                .get("/fail", request -> {
                    requestId.set(request.requestId());
                    throw new IllegalStateException("secret: table arn:aws:dynamodb:eu-west-1:123456789012 s3cr3t");
                })
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/fail").build());

        // THEN
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        assertSameJson(response.bodyText(), json(problem(500, GENERIC_500_DETAIL, requestId.get())));
        assertThat(requestId.get()).matches(UUID_PATTERN);
        assertThat(response.bodyText())
                .doesNotContain("s3cr3t")
                .doesNotContain("secret")
                .doesNotContain("Exception")
                .doesNotContain("at io.");
    }

    @Test
    void route_unknownException_isLoggedOnceWithItsStackTrace() {
        // GIVEN
        IllegalStateException failure = new IllegalStateException("s3cr3t");
        Router router = throwing(failure, Router.builder());
        Logger logger = Logger.getLogger("io.github.dynacrud.http.Router");
        List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);

        // WHEN
        HttpResponse response;
        try {
            response = router.route(HttpRequest.builder().path("/fail").requestId("log-me").build());
        } finally {
            logger.removeHandler(capture);
        }

        // THEN
        assertThat(response.status()).isEqualTo(500);
        List<LogRecord> mine = records.stream().filter(r -> r.getMessage().contains("log-me")).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).getLevel()).isEqualTo(java.util.logging.Level.SEVERE);
        assertThat(mine.get(0).getThrown()).isSameAs(failure);
    }

    @Test
    void route_checkedExceptionOrError_answersGeneric500() {
        // GIVEN
        Router checked = throwing(new IOException("disk s3cr3t"), Router.builder());
        Router error = throwing(new StackOverflowError("deep s3cr3t"), Router.builder());

        // WHEN
        HttpResponse checkedResponse = fail(checked);
        HttpResponse errorResponse = fail(error);

        // THEN
        assertThat(checkedResponse.status()).isEqualTo(500);
        assertSameJson(checkedResponse.bodyText(), json(problem(500, GENERIC_500_DETAIL, REQUEST_ID)));
        assertThat(errorResponse.status()).isEqualTo(500);
        assertSameJson(errorResponse.bodyText(), json(problem(500, GENERIC_500_DETAIL, REQUEST_ID)));
    }

    static Stream<Arguments> dynacrudExceptions() {
        return Stream.of(
                Arguments.of(new ItemNotFoundException("Todo"), 404, "Not Found", "Todo not found", null),
                Arguments.of(new ItemAlreadyExistsException("Todo"), 409, "Conflict", "Todo already exists", null),
                Arguments.of(new UniqueConstraintException("User", "email"), 409, "Conflict",
                        "User email is already taken", null),
                Arguments.of(new VersionConflictException("Todo"), 412, "Precondition Failed",
                        "Todo was changed by another request; read it again and retry", null),
                Arguments.of(new ConditionFailedException("Todo"), 409, "Conflict",
                        "Todo does not meet the condition of this write", null),
                Arguments.of(new InvalidCursorException(), 400, "Bad Request",
                        "cursor is invalid or belongs to another query", null),
                Arguments.of(new BadRequestException("the body must be a JSON object"), 400, "Bad Request",
                        "the body must be a JSON object", null),
                Arguments.of(new BadRequestException("limit", "must be between 1 and 100"), 400, "Bad Request",
                        "limit: must be between 1 and 100",
                        List.of(Map.of("field", "limit", "message", "must be between 1 and 100"))),
                Arguments.of(new UnauthorizedException("sign in"), 401, "Unauthorized", "sign in", null),
                Arguments.of(new ForbiddenException("no scope"), 403, "Forbidden", "no scope", null),
                Arguments.of(new PayloadTooLargeException("too big"), 413, "Content Too Large", "too big", null),
                Arguments.of(new UnsupportedMediaTypeException("send JSON"), 415, "Unsupported Media Type",
                        "send JSON", null),
                Arguments.of(new ValidationException(List.of(
                                new ValidationException.Violation("title", "must not be blank"),
                                new ValidationException.Violation("address.city", "size must be at most 40"))),
                        422, "Unprocessable Content",
                        "title: must not be blank; address.city: size must be at most 40",
                        List.of(Map.of("field", "title", "message", "must not be blank"),
                                Map.of("field", "address.city", "message", "size must be at most 40"))),
                Arguments.of(new QuotaExceededException(), 429, "Too Many Requests", "the daily quota is used up",
                        null),
                Arguments.of(new StorageException("PutItem failed: ValidationException, request id X s3cr3t"), 500,
                        "Internal Server Error", null, null),
                Arguments.of(new RetryableException("PutItem throttled s3cr3t"), 503, "Service Unavailable", null,
                        null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dynacrudExceptions")
    void route_dynacrudException_answersItsStatusTitleAndDetail(DynacrudException failure, int status, String title,
            String detail, List<Map<String, String>> errors) {
        // GIVEN
        Router router = throwing(failure, Router.builder());

        // WHEN
        HttpResponse response = fail(router);

        // THEN
        assertThat(response.status()).isEqualTo(status);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/problem+json"));
        if (failure instanceof RetryableException) {
            headers.put("retry-after", List.of("1"));
        }
        if (status == 401) {
            headers.put("www-authenticate", List.of("Bearer"));
        }
        assertThat(response.headers().asMap()).isEqualTo(headers);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "about:blank");
        expected.put("title", title);
        expected.put("status", status);
        if (detail != null) {
            expected.put("detail", detail);
        }
        expected.put("instance", REQUEST_ID);
        if (errors != null) {
            expected.put("errors", errors);
        }
        assertThat(title).isEqualTo(HttpStatus.reason(status));
        assertSameJson(response.bodyText(), json(expected));
        assertThat(response.bodyText()).doesNotContain("s3cr3t");
    }

    // ---- access ----

    static Stream<Arguments> accessCases() {
        Principal reader = new Principal("alice", Map.of("sub", "alice"), Set.of("todos:read"));
        Principal writer = new Principal("bob", Map.of("sub", "bob"), Set.of("todos:read", "todos:write"));
        return Stream.of(
                Arguments.of("/authenticated", null, 401, "this route needs an authenticated caller"),
                Arguments.of("/authenticated", Principal.of("carol"), 200, null),
                Arguments.of("/scoped", null, 401, "this route needs an authenticated caller"),
                Arguments.of("/scoped", Principal.of("carol"), 403,
                        "this route needs the scopes [todos:read, todos:write]"),
                Arguments.of("/scoped", reader, 403, "this route needs the scopes [todos:read, todos:write]"),
                Arguments.of("/scoped", writer, 200, null));
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("accessCases")
    void route_accessProtectedRoute_answers401Or403OrCallsTheHandler(String path, Principal principal, int status,
            String detail) {
        // GIVEN
        Router router = Router.builder()
                .get("/authenticated", Access.authenticated(request ->
                        HttpResponse.json(200, Map.of("subject", request.principal().orElseThrow().subject()))))
                .get("/scoped", Access.scopes(request ->
                        HttpResponse.json(200, Map.of("subject", request.principal().orElseThrow().subject())),
                        "todos:write", "todos:read"))
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path(path).principal(principal)
                .requestId(REQUEST_ID).build());

        // THEN
        assertThat(response.status()).isEqualTo(status);
        if (status == 200) {
            assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/json")));
            assertSameJson(response.bodyText(), json(Map.of("subject", principal.subject())));
        } else {
            assertThat(response.headers().asMap()).isEqualTo(status == 401
                    ? Map.of("content-type", List.of("application/problem+json"),
                            "www-authenticate", List.of("Bearer"))
                    : Map.of("content-type", List.of("application/problem+json")));
            assertSameJson(response.bodyText(), json(problem(status, detail, REQUEST_ID)));
        }
    }

    // ---- helpers ----

    private static Handler counting(AtomicInteger calls) {
        return request -> {
            calls.incrementAndGet();
            return HttpResponse.empty(204);
        };
    }

    private static Filter recording(String name, List<String> calls) {
        return new Filter() {
            @Override
            public HttpRequest before(HttpRequest request) {
                calls.add("before " + name);
                String seen = request.header("X-Seen").map(s -> s + "," + name).orElse(name);
                return request.toBuilder().headers(request.headers().with("X-Seen", seen)).build();
            }

            @Override
            public HttpResponse after(HttpRequest request, HttpResponse response) {
                calls.add("after " + name + " " + response.status());
                return response.addHeader("X-After", name);
            }
        };
    }

    private static HttpRequest post(String path, byte[] body) {
        return HttpRequest.builder().method("POST").path(path).header("Content-Type", "application/octet-stream")
                .body(body).requestId(REQUEST_ID).build();
    }

    private static Map<String, Object> problem(int status, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", HttpStatus.reason(status));
        problem.put("status", status);
        if (detail != null) {
            problem.put("detail", detail);
        }
        problem.put("instance", instance);
        return problem;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode body(HttpResponse response) {
        try {
            return JSON.readTree(response.bodyText());
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + response.bodyText(), e);
        }
    }

    private static void assertSameJson(String actual, String expected) {
        try {
            assertThat(JSON.readTree(actual)).as("body %s", actual).isEqualTo(JSON.readTree(expected));
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + actual, e);
        }
    }

    private static void assertSameJsonOrEmpty(String actual, String expected) {
        if (expected.isEmpty()) {
            assertThat(actual).isEmpty();
        } else {
            assertSameJson(actual, expected);
        }
    }
}

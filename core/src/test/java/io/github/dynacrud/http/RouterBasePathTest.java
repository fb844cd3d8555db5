package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A router served under a base path, as a custom domain's API mapping serves it. */
class RouterBasePathTest {
    /** Answers with the path it was routed by, its base path and the link it would write to an item. */
    private static final Handler WHERE = request -> HttpResponse.json(200, Map.of(
            "path", request.path(), "basePath", request.basePath(), "link", request.link("/todos/42")));

    private final Router router = Router.builder().basePath("/v1")
            .get("/", WHERE)
            .get("/todos", WHERE)
            .get("/todos/{id}", WHERE)
            .build();

    @ParameterizedTest
    @CsvSource({
            "'', /v1/todos, /todos, /v1, /v1/todos/42",
            "'', /v1/todos/7, /todos/7, /v1, /v1/todos/42",
            "'', /v1, /, /v1, /v1/todos/42",
            "'', /v1/, /, /v1, /v1/todos/42",
            "/prod, /v1/todos, /todos, /prod/v1, /prod/v1/todos/42",
            "'', /todos, /todos, '', /todos/42",
            "/prod, /todos, /todos, /prod, /prod/todos/42"})
    void route_underTheBasePathOrNot_isRoutedWithoutItAndLinksKeepWhatTheClientSent(String basePath, String path,
            String routedPath, String routedBasePath, String link) {
        // GIVEN
        HttpRequest request = HttpRequest.builder().basePath(basePath).path(path).requestId("req-1").build();

        // WHEN
        HttpResponse response = router.route(request);

        // THEN
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/json")));
        assertThat(Json.read(jsonRequest(response), Map.class)).isEqualTo(Map.of(
                "path", routedPath, "basePath", routedBasePath, "link", link));
    }

    @Test
    void route_pathThatOnlyStartsWithTheBasePathsLetters_isNotUnderIt() {
        // GIVEN
        HttpRequest request = HttpRequest.builder().path("/v1todos").requestId("req-1").build();

        // WHEN
        HttpResponse response = router.route(request);

        // THEN
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers().asMap()).isEqualTo(Map.of("content-type", List.of("application/problem+json")));
        assertThat(response.bodyText()).contains("\"detail\":\"no route matches this path\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/v1/todos"})
    void build_routeStartingWithTheBasePath_isRefusedNamingBoth(String template) {
        // GIVEN
        Router.Builder builder = Router.builder().basePath("/v1").get(template, WHERE);

        // WHEN / THEN
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route GET " + template + " starts with the base path '/v1'; give route templates "
                        + "without it");
    }

    @Test
    void basePath_withATrailingSlash_isRefused() {
        assertThatThrownBy(() -> Router.builder().basePath("/v1/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("base path '/v1/' must be empty or start with '/', without a trailing '/', '//' or '?'");
    }

    private static HttpRequest jsonRequest(HttpResponse response) {
        return HttpRequest.builder().header("Content-Type", "application/json").body(response.body()).build();
    }
}

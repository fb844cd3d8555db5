package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestTest {
    private final HttpRequest request = HttpRequest.builder().method("post").path("/todos/a%20b")
            .header("Content-Type", "application/json").queryParameter("limit", "5").queryParameter("limit", "6")
            .cookies(Map.of("session", "s1")).body("{\"title\": \"x\"}").requestId("req-1").build();

    @Test
    void withPathParameters_keepsEveryOtherPartAndCopiesTheParameters() {
        // GIVEN
        Map<String, String> parameters = new HashMap<>(Map.of("id", "a b"));

        // WHEN
        HttpRequest routed = request.withPathParameters(parameters);
        parameters.put("id", "changed");

        // THEN
        assertThat(routed.pathParameters()).containsExactly(Map.entry("id", "a b"));
        assertThat(routed.method()).isEqualTo("POST");
        assertThat(routed.path()).isEqualTo("/todos/a%20b");
        assertThat(routed.header("content-type")).contains("application/json");
        assertThat(routed.queryParameters("limit")).containsExactly("5", "6");
        assertThat(routed.cookies()).containsExactly(Map.entry("session", "s1"));
        assertThat(routed.bodyText()).isEqualTo("{\"title\": \"x\"}");
        assertThat(routed.requestId()).isEqualTo("req-1");
        assertThat(request.pathParameters()).isEmpty();
    }

    @Test
    void withRequestId_keepsEveryOtherPart() {
        // GIVEN
        HttpRequest routed = request.withPathParameters(Map.of("id", "a b"));

        // WHEN
        HttpRequest renamed = routed.withRequestId("req-2");

        // THEN
        assertThat(renamed.requestId()).isEqualTo("req-2");
        assertThat(renamed.pathParameters()).containsExactly(Map.entry("id", "a b"));
        assertThat(renamed.queryParameters("limit")).containsExactly("5", "6");
        assertThat(routed.requestId()).isEqualTo("req-1");
    }

    @Test
    void withRequestId_null_isRefused() {
        assertThatThrownBy(() -> request.withRequestId(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("requestId");
    }

    @Test
    void withPathParameters_nullValue_isRefused() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("id", null);

        assertThatThrownBy(() -> request.withPathParameters(parameters)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void basePath_isKeptByCopiesAndPrefixesLinks() {
        // GIVEN
        HttpRequest staged = request.toBuilder().basePath("/prod").build();

        // WHEN
        HttpRequest routed = staged.withPathParameters(Map.of("id", "a b")).withRequestId("req-2");

        // THEN
        assertThat(routed.basePath()).isEqualTo("/prod");
        assertThat(routed.path()).isEqualTo("/todos/a%20b");
        assertThat(routed.link("/todos/42")).isEqualTo("/prod/todos/42");
        assertThat(routed.toBuilder().build().basePath()).isEqualTo("/prod");
        assertThat(routed.toString()).isEqualTo("HttpRequest[POST /prod/todos/a%20b, requestId=req-2]");
    }

    @Test
    void basePath_byDefault_isEmptyAndLinksAreThePathsThemselves() {
        assertThat(request.basePath()).isEmpty();
        assertThat(request.link("/todos/42")).isEqualTo("/todos/42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "/prod/", "/", "//prod", "/a//b", "/v1?x=1"})
    void basePath_notEmptyNorSlashSeparatedSegments_isRefusedNamingIt(String basePath) {
        HttpRequest.Builder builder = HttpRequest.builder();

        assertThatThrownBy(() -> builder.basePath(basePath)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("base path '" + basePath
                        + "' must be empty or start with '/', without a trailing '/', '//' or '?'");
    }

    @Test
    void link_pathWithoutLeadingSlash_isRefused() {
        assertThatThrownBy(() -> request.link("todos")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path 'todos' must start with '/'");
    }
}

package io.github.dynacrud.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathTemplateTest {

    private static List<String> segments(String... values) {
        return Arrays.asList(values);
    }

    // ---- split ----

    static Stream<Arguments> splits() {
        return Stream.of(
                Arguments.of("/", List.of()),
                Arguments.of("", List.of()),
                Arguments.of("/todos", List.of("todos")),
                Arguments.of("/todos/", List.of("todos")),
                Arguments.of("/todos/42", List.of("todos", "42")),
                Arguments.of("/todos/42/", List.of("todos", "42")),
                Arguments.of("/a//b", List.of("a", "", "b")),
                Arguments.of("/a%2Fb/c", List.of("a%2Fb", "c")),
                Arguments.of("/todos//", List.of("todos", "")));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @MethodSource("splits")
    void split_path_givesItsRawSegmentsIgnoringOneTrailingSlash(String path, List<String> expected) {
        // GIVEN / WHEN
        List<String> split = PathTemplate.split(path);

        // THEN
        assertThat(split).isEqualTo(expected);
    }

    // ---- parse ----

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(null, "path template 'null' must start with '/'"),
                Arguments.of("todos", "path template 'todos' must start with '/'"),
                Arguments.of("", "path template '' must start with '/'"),
                Arguments.of("/a//b", "path template '/a//b' has an empty segment"),
                Arguments.of("/a//", "path template '/a//' has an empty segment"),
                Arguments.of("//", "path template '//' has an empty segment"),
                Arguments.of("/{}", "path template '/{}' has an invalid or repeated parameter '{}'"),
                Arguments.of("/{+}", "path template '/{+}' has an invalid or repeated parameter '{+}'"),
                Arguments.of("/{1id}", "path template '/{1id}' has an invalid or repeated parameter '{1id}'"),
                Arguments.of("/{my-id}", "path template '/{my-id}' has an invalid or repeated parameter '{my-id}'"),
                Arguments.of("/{ id }", "path template '/{ id }' has an invalid or repeated parameter '{ id }'"),
                Arguments.of("/{id}/{id}", "path template '/{id}/{id}' has an invalid or repeated parameter '{id}'"),
                Arguments.of("/{id}/{id+}", "path template '/{id}/{id+}' has an invalid or repeated parameter '{id+}'"),
                Arguments.of("/{rest+}/x", "path template '/{rest+}/x' has a greedy parameter before its end"),
                Arguments.of("/{a+}/{b+}", "path template '/{a+}/{b+}' has a greedy parameter before its end"),
                Arguments.of("/todos{id}", "path template '/todos{id}' mixes text and a parameter in 'todos{id}';"
                        + " give the parameter its own segment"),
                Arguments.of("/{id", "path template '/{id' mixes text and a parameter in '{id';"
                        + " give the parameter its own segment"),
                Arguments.of("/id}", "path template '/id}' mixes text and a parameter in 'id}';"
                        + " give the parameter its own segment"),
                Arguments.of("/{a}{b}", "path template '/{a}{b}' has an invalid or repeated parameter '{a}{b}'"));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("malformed")
    void parse_malformedTemplate_isRefusedNamingIt(String template, String message) {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> PathTemplate.parse(template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void parse_validTemplate_keepsItsTextForMessages() {
        // GIVEN
        String template = "/users/{user_id}/files/{Path2+}";

        // WHEN
        PathTemplate parsed = PathTemplate.parse(template);

        // THEN
        assertThat(parsed).hasToString(template);
    }

    // ---- match ----

    static Stream<Arguments> matches() {
        return Stream.of(
                Arguments.of("/", segments(), Optional.of(Map.of())),
                Arguments.of("/", segments("x"), Optional.empty()),
                Arguments.of("/todos", segments("todos"), Optional.of(Map.of())),
                Arguments.of("/todos/", segments("todos"), Optional.of(Map.of())),
                Arguments.of("/todos", segments("Todos"), Optional.empty()),
                Arguments.of("/todos", segments("todos", "1"), Optional.empty()),
                Arguments.of("/todos", segments(), Optional.empty()),
                Arguments.of("/todos/{id}", segments("todos", "42"), Optional.of(Map.of("id", "42"))),
                Arguments.of("/todos/{id}", segments("todos", "a b"), Optional.of(Map.of("id", "a b"))),
                Arguments.of("/todos/{id}", segments("todos", "%2F"), Optional.of(Map.of("id", "%2F"))),
                Arguments.of("/todos/{id}", segments("todos", "a/b"), Optional.empty()),
                Arguments.of("/todos/{id}", segments("todos", "/"), Optional.empty()),
                Arguments.of("/todos/{id}", segments("todos", ""), Optional.empty()),
                Arguments.of("/todos/{id}", segments("todos"), Optional.empty()),
                Arguments.of("/todos/{id}", segments("todos", "1", "2"), Optional.empty()),
                Arguments.of("/todos/{id}/comments/{cid}", segments("todos", "1", "comments", "2"),
                        Optional.of(Map.of("id", "1", "cid", "2"))),
                Arguments.of("/todos/{id}/comments/{cid}", segments("todos", "1", "other", "2"), Optional.empty()),
                Arguments.of("/files/{path+}", segments("files", "a"), Optional.of(Map.of("path", "a"))),
                Arguments.of("/files/{path+}", segments("files", "a", "b", "c"), Optional.of(Map.of("path", "a/b/c"))),
                Arguments.of("/files/{path+}", segments("files", "a/b"), Optional.of(Map.of("path", "a/b"))),
                Arguments.of("/files/{path+}", segments("files"), Optional.empty()),
                Arguments.of("/files/{path+}", segments("files", "a", "", "b"), Optional.empty()),
                Arguments.of("/files/{path+}", segments("other", "a"), Optional.empty()),
                Arguments.of("/{all+}", segments("x", "y"), Optional.of(Map.of("all", "x/y"))),
                Arguments.of("/{all+}", segments(), Optional.empty()),
                Arguments.of("/users/{id}/{rest+}", segments("users", "7", "a", "b"),
                        Optional.of(Map.of("id", "7", "rest", "a/b"))));
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @MethodSource("matches")
    void match_decodedSegments_givesParametersOrNothing(String template, List<String> decoded,
            Optional<Map<String, String>> expected) {
        // GIVEN
        PathTemplate parsed = PathTemplate.parse(template);

        // WHEN
        Optional<Map<String, String>> parameters = parsed.match(decoded);

        // THEN
        assertThat(parameters).isEqualTo(expected);
    }

    // ---- ranking ----

    static Stream<Arguments> specificity() {
        return Stream.of(
                Arguments.of("/files/special", "/files/{name}", 1),
                Arguments.of("/files/{name}", "/files/{path+}", 1),
                Arguments.of("/files/special", "/files/{path+}", 1),
                Arguments.of("/files/{name}", "/files/special", -1),
                Arguments.of("/files/{path+}", "/files/{name}", -1),
                Arguments.of("/a/{x}/c", "/a/{rest+}", 1),
                Arguments.of("/a/b/{x}", "/a/{y}/c", 1),
                Arguments.of("/a/{x}/c", "/a/b/{y}", -1),
                Arguments.of("/todos/{id}", "/todos/{key}", 0),
                Arguments.of("/files/{a+}", "/files/{b+}", 0),
                Arguments.of("/", "/", 0));
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @MethodSource("specificity")
    void compareSpecificity_ranksLiteralOverParameterOverGreedy(String a, String b, int sign) {
        // GIVEN
        PathTemplate first = PathTemplate.parse(a);
        PathTemplate second = PathTemplate.parse(b);

        // WHEN
        int comparison = first.compareSpecificity(second);

        // THEN
        assertThat(Integer.signum(comparison)).isEqualTo(sign);
        assertThat(Integer.signum(second.compareSpecificity(first))).isEqualTo(-sign);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("/todos/{id}", "/todos/{key}", true),
                Arguments.of("/todos/{id}/", "/todos/{key}", true),
                Arguments.of("/files/{a+}", "/files/{b+}", true),
                Arguments.of("/todos", "/todos", true),
                Arguments.of("/", "/", true),
                Arguments.of("/todos/{id}", "/todos/special", false),
                Arguments.of("/todos/{id}", "/todos/{id+}", false),
                Arguments.of("/todos/a", "/todos/b", false),
                Arguments.of("/todos/{id}", "/todos/{id}/x", false),
                Arguments.of("/todos", "/Todos", false));
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @MethodSource("shapes")
    void sameShape_comparesKindsAndLiteralsNotParameterNames(String a, String b, boolean same) {
        // GIVEN
        PathTemplate first = PathTemplate.parse(a);
        PathTemplate second = PathTemplate.parse(b);

        // WHEN / THEN
        assertThat(first.sameShape(second)).isEqualTo(same);
        assertThat(second.sameShape(first)).isEqualTo(same);
    }
}

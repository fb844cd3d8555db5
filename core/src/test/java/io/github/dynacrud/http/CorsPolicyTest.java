package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynacrud.ItemNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CorsPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_ID = "req-1";
    private static final String APP = "https://app.example.com";
    private static final String ADMIN = "http://localhost:3000";
    private static final String EVIL = "https://evil.example.com";

    private final AtomicInteger handlerCalls = new AtomicInteger();

    private Router explicitOrigins() {
        return Router.builder()
                .cors(CorsPolicy.builder()
                        .allowedOrigins(APP, ADMIN)
                        .allowedMethods("GET", "post", "DELETE")
                        .allowedHeaders("Content-Type", "Authorization")
                        .exposedHeaders("ETag", "Location")
                        .maxAge(Duration.ofHours(1))
                        .allowCredentials()
                        .build())
                .get("/todos", request -> {
                    handlerCalls.incrementAndGet();
                    return HttpResponse.json(200, Map.of("items", List.of())).withHeader("ETag", "\"v1\"");
                })
                .delete("/todos/{id}", Access.authenticated(request -> {
                    handlerCalls.incrementAndGet();
                    return HttpResponse.empty(204);
                }))
                .build();
    }

    private Router anyOrigin() {
        return Router.builder()
                .cors(CorsPolicy.builder().anyOrigin().build())
                .get("/todos", request -> {
                    handlerCalls.incrementAndGet();
                    return HttpResponse.json(200, Map.of("items", List.of())).withHeader("ETag", "\"v1\"");
                })
                .build();
    }

    private static HttpRequest preflight(String path, String origin, String method) {
        return HttpRequest.builder().method("OPTIONS").path(path)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "content-type")
                .requestId(REQUEST_ID)
                .build();
    }

    private static HttpRequest get(String path, String origin) {
        HttpRequest.Builder builder = HttpRequest.builder().path(path).requestId(REQUEST_ID);
        return origin == null ? builder.build() : builder.header("Origin", origin).build();
    }

    // ---- preflight ----

    @Test
    void route_preflightFromAllowedOrigin_answers204WithTheAllowHeaders() {
        // GIVEN
        Router router = explicitOrigins();

        // WHEN
        HttpResponse response = router.route(preflight("/todos", APP, "POST"));

        // THEN
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers().asMap()).isEqualTo(headers(
                "access-control-allow-origin", APP,
                "access-control-allow-methods", "GET, POST, DELETE",
                "access-control-max-age", "3600",
                "access-control-allow-headers", "Content-Type, Authorization",
                "access-control-allow-credentials", "true",
                "vary", "Origin"));
        assertThat(response.body()).isEmpty();
        assertThat(handlerCalls).hasValue(0);
    }

    @Test
    void route_preflightWithLowerCaseMethodFromSecondOrigin_answers204EchoingThatOrigin() {
        // GIVEN
        Router router = explicitOrigins();

        // WHEN
        HttpResponse response = router.route(preflight("/todos", ADMIN, "delete"));

        // THEN
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers().first("Access-Control-Allow-Origin")).contains(ADMIN);
        assertThat(response.headers().all("Vary")).containsExactly("Origin");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void route_preflightWithDefaultPolicyAndAnyOrigin_answers204WithDefaultsAndNoVary() {
        // GIVEN
        Router router = anyOrigin();

        // WHEN
        HttpResponse response = router.route(preflight("/todos", EVIL, "PATCH"));

        // THEN
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers().asMap()).isEqualTo(headers(
                "access-control-allow-origin", "*",
                "access-control-allow-methods", "GET, HEAD, POST, PUT, PATCH, DELETE",
                "access-control-max-age", "600",
                "access-control-allow-headers", "Content-Type, Authorization, If-Match, If-None-Match"));
        assertThat(response.body()).isEmpty();
    }

    @Test
    void route_preflightForARouteThatNeedsAPrincipal_answers204WithoutAuthentication() {
        // GIVEN
        Router router = explicitOrigins();

        // WHEN
        HttpResponse response = router.route(preflight("/todos/42", APP, "DELETE"));

        // THEN
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers().first("Access-Control-Allow-Origin")).contains(APP);
        assertThat(response.body()).isEmpty();
        assertThat(handlerCalls).hasValue(0);
    }

    @Test
    void route_preflightForAnUnknownPath_answers204BeforeRouting() {
        // GIVEN
        Router router = explicitOrigins();

        // WHEN
        HttpResponse response = router.route(preflight("/nowhere/%zz", APP, "GET"));

        // THEN
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers().first("Access-Control-Allow-Origin")).contains(APP);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void route_preflight_skipsFilters() {
        // GIVEN
        AtomicInteger filterCalls = new AtomicInteger();
        Router router = Router.builder()
                .cors(CorsPolicy.builder().allowedOrigins(APP).build())
                .filter(new Filter() {
                    @Override
                    public HttpRequest before(HttpRequest request) {
                        filterCalls.incrementAndGet();
                        throw new IllegalStateException("filters must not see preflights");
                    }
                })
                .get("/todos", request -> HttpResponse.empty(204))
                .build();

        // WHEN
        HttpResponse response = router.route(preflight("/todos", APP, "GET"));

        // THEN
        assertThat(response.status()).isEqualTo(204);
        assertThat(filterCalls).hasValue(0);
    }

    static Stream<Arguments> refusedPreflights() {
        return Stream.of(
                Arguments.of(EVIL, "GET"),
                Arguments.of("null", "GET"),
                Arguments.of("https://app.example.com.evil.com", "GET"),
                Arguments.of("http://app.example.com", "GET"),
                Arguments.of(APP, "PUT"),
                Arguments.of(APP, "PATCH"));
    }

    @ParameterizedTest(name = "Origin: {0}, method {1}")
    @MethodSource("refusedPreflights")
    void route_preflightFromDisallowedOriginOrMethod_answers403Problem(String origin, String method) {
        // GIVEN
        Router router = explicitOrigins();

        // WHEN
        HttpResponse response = router.route(preflight("/todos", origin, method));

        // THEN
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers().asMap()).isEqualTo(headers(
                "content-type", "application/problem+json",
                "vary", "Origin"));
        assertSameJson(response.bodyText(), "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"this origin or method may not call the API\",\"instance\":\"req-1\"}");
        assertThat(handlerCalls).hasValue(0);
    }

    @Test
    void route_optionsWithoutRequestMethod_isNotAPreflightAndIsRouted() {
        // GIVEN
        Router router = explicitOrigins();
        HttpRequest request = HttpRequest.builder().method("OPTIONS").path("/todos").header("Origin", APP)
                .requestId(REQUEST_ID).build();

        // WHEN
        HttpResponse response = router.route(request);

        // THEN
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().asMap()).isEqualTo(headers(
                "content-type", "application/problem+json",
                "allow", "GET, HEAD",
                "vary", "Origin",
                "access-control-allow-origin", APP,
                "access-control-expose-headers", "ETag, Location",
                "access-control-allow-credentials", "true"));
        assertSameJson(response.bodyText(), "{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\","
                + "\"status\":405,\"detail\":\"this path does not answer OPTIONS\",\"instance\":\"req-1\"}");
    }

    // ---- actual responses ----

    @Test
    void route_actualRequestFromAllowedOrigin_addsAllowOriginExposeHeadersCredentialsAndVary() {
        // GIVEN
        Router router = explicitOrigins();

        // WHEN
        HttpResponse response = router.route(get("/todos", APP));

        // THEN
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().asMap()).isEqualTo(headers(
                "content-type", "application/json",
                "etag", "\"v1\"",
                "vary", "Origin",
                "access-control-allow-origin", APP,
                "access-control-expose-headers", "ETag, Location",
                "access-control-allow-credentials", "true"));
        assertThat(response.bodyText()).isEqualTo("{\"items\":[]}");
    }

    @Test
    void route_actualRequestFromDisallowedOrigin_addsOnlyVary() {
        // GIVEN
        Router router = explicitOrigins();

        // WHEN
        HttpResponse response = router.route(get("/todos", EVIL));

        // THEN
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().asMap()).isEqualTo(headers(
                "content-type", "application/json",
                "etag", "\"v1\"",
                "vary", "Origin"));
        assertThat(response.bodyText()).isEqualTo("{\"items\":[]}");
    }

    @Test
    void route_actualRequestWithoutOriginAndExplicitOrigins_stillAddsVary() {
        // GIVEN
        Router router = explicitOrigins();

        // WHEN
        HttpResponse response = router.route(get("/todos", null));

        // THEN
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().asMap()).isEqualTo(headers(
                "content-type", "application/json",
                "etag", "\"v1\"",
                "vary", "Origin"));
        assertThat(response.bodyText()).isEqualTo("{\"items\":[]}");
    }

    @Test
    void route_actualRequestWithAnyOrigin_answersStarWithoutVaryOrCredentials() {
        // GIVEN
        Router router = anyOrigin();

        // WHEN
        HttpResponse response = router.route(get("/todos", EVIL));

        // THEN
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().asMap()).isEqualTo(headers(
                "content-type", "application/json",
                "etag", "\"v1\"",
                "access-control-allow-origin", "*",
                "access-control-expose-headers", "ETag, Location"));
        assertThat(response.bodyText()).isEqualTo("{\"items\":[]}");
    }

    @Test
    void route_actualRequestWithoutOriginAndAnyOrigin_addsNoCorsHeaders() {
        // GIVEN
        Router router = anyOrigin();

        // WHEN
        HttpResponse response = router.route(get("/todos", null));

        // THEN
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().asMap()).isEqualTo(headers(
                "content-type", "application/json",
                "etag", "\"v1\""));
        assertThat(response.bodyText()).isEqualTo("{\"items\":[]}");
    }

    @Test
    void route_problemResponsesFromAllowedOrigin_carryTheCorsHeadersToo() {
        // GIVEN
        Router router = explicitOrigins();
        HttpRequest unauthenticated = HttpRequest.builder().method("DELETE").path("/todos/42").header("Origin", APP)
                .requestId(REQUEST_ID).build();

        // WHEN
        HttpResponse notFound = router.route(get("/nowhere", APP));
        HttpResponse unauthorized = router.route(unauthenticated);

        // THEN
        Map<String, List<String>> expected = headers(
                "content-type", "application/problem+json",
                "vary", "Origin",
                "access-control-allow-origin", APP,
                "access-control-expose-headers", "ETag, Location",
                "access-control-allow-credentials", "true");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.headers().asMap()).isEqualTo(expected);
        assertSameJson(notFound.bodyText(), "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"no route matches this path\",\"instance\":\"req-1\"}");
        assertThat(unauthorized.status()).isEqualTo(401);
        Map<String, List<String>> expectedUnauthorized = new java.util.LinkedHashMap<>(expected);
        expectedUnauthorized.put("www-authenticate", List.of("Bearer"));
        assertThat(unauthorized.headers().asMap()).isEqualTo(expectedUnauthorized);
        assertSameJson(unauthorized.bodyText(), "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"this route needs an authenticated caller\",\"instance\":\"req-1\"}");
    }

    @Test
    void route_handlerFailsFromAllowedOrigin_problemCarriesTheCorsHeaders() {
        // GIVEN
        Router router = Router.builder()
                .cors(CorsPolicy.builder().allowedOrigins(APP).build())
                .get("/todos/{id}", request -> {
                    throw new ItemNotFoundException("Todo");
                })
                .build();

        // WHEN
        HttpResponse response = router.route(get("/todos/1", APP));

        // THEN
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers().asMap()).isEqualTo(headers(
                "content-type", "application/problem+json",
                "vary", "Origin",
                "access-control-allow-origin", APP,
                "access-control-expose-headers", "ETag, Location"));
        assertSameJson(response.bodyText(), "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"Todo not found\",\"instance\":\"req-1\"}");
    }

    @Test
    void route_handlerSetsItsOwnVary_keepsItAndAddsOrigin() {
        // GIVEN
        Router router = Router.builder()
                .cors(CorsPolicy.builder().allowedOrigins(APP).build())
                .get("/todos", request -> HttpResponse.text(200, "ok").withHeader("Vary", "Accept-Encoding"))
                .build();

        // WHEN
        HttpResponse response = router.route(get("/todos", APP));

        // THEN: a cache must still key on Accept-Encoding, or it serves one encoding to every client
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().all("Vary").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim))
                .containsExactlyInAnyOrder("Accept-Encoding", "Origin");
        assertThat(response.bodyText()).isEqualTo("ok");
    }

    // ---- the policy itself ----

    @Test
    void allows_explicitOrigins_matchesExactly() {
        // GIVEN
        CorsPolicy policy = CorsPolicy.builder().allowedOrigins(APP, ADMIN).build();

        // WHEN / THEN
        assertThat(policy.allows(APP)).isTrue();
        assertThat(policy.allows(ADMIN)).isTrue();
        assertThat(policy.allows("http://app.example.com")).isFalse();
        assertThat(policy.allows("https://app.example.com:443")).isFalse();
        assertThat(policy.allows("https://app.example.com.evil.com")).isFalse();
        assertThat(policy.allows("null")).isFalse();
        assertThat(policy.allows("")).isFalse();
    }

    @Test
    void isPreflight_needsOptionsOriginAndRequestMethod() {
        // GIVEN
        HttpRequest full = preflight("/todos", APP, "GET");
        HttpRequest noOrigin = full.toBuilder().headers(full.headers().without("Origin")).build();
        HttpRequest noMethod = full.toBuilder().headers(full.headers().without("Access-Control-Request-Method"))
                .build();
        HttpRequest notOptions = full.toBuilder().method("GET").build();

        // WHEN / THEN
        assertThat(CorsPolicy.isPreflight(full)).isTrue();
        assertThat(CorsPolicy.isPreflight(noOrigin)).isFalse();
        assertThat(CorsPolicy.isPreflight(noMethod)).isFalse();
        assertThat(CorsPolicy.isPreflight(notOptions)).isFalse();
    }

    @Test
    void build_credentialsWithAnyOrigin_isRefused() {
        // GIVEN
        CorsPolicy.Builder builder = CorsPolicy.builder().allowCredentials().allowedOrigins(APP, "*");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("credentials need explicit origins, not '*'");
    }

    @Test
    void build_credentialsWithAnyOriginShortcut_isRefused() {
        // GIVEN
        CorsPolicy.Builder builder = CorsPolicy.builder().anyOrigin().allowCredentials();

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("credentials need explicit origins, not '*'");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"app.example.com", "https://app.example.com/", "https://app.example.com/path",
            "ftp://app.example.com", "", "https://", "https://app example.com", "*.example.com"})
    void allowedOrigins_malformedOrigin_isRefusedNamingIt(String origin) {
        // GIVEN
        CorsPolicy.Builder builder = CorsPolicy.builder();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.allowedOrigins(origin))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("origin '" + origin
                        + "' must be a scheme and host such as 'https://app.example.com', without a path");
    }

    @Test
    void allowedOrigins_null_isRefused() {
        // GIVEN
        CorsPolicy.Builder builder = CorsPolicy.builder();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.allowedOrigins((String) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("origin 'null' must be a scheme and host such as 'https://app.example.com',"
                        + " without a path");
    }

    // ---- helpers ----

    private static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return map;
    }

    private static void assertSameJson(String actual, String expected) {
        try {
            assertThat(JSON.readTree(actual)).as("body %s", actual).isEqualTo(JSON.readTree(expected));
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + actual, e);
        }
    }
}

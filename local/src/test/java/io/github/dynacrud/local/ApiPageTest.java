package io.github.dynacrud.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynacrud.http.HttpResponse;
import io.github.dynacrud.http.Json;
import io.github.dynacrud.http.OpenApi;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiPageTest {
    /** Serves GET /ping and its document at /openapi.json. */
    static final class PingHandler extends HttpApiHandler {
        PingHandler() {
            super(Router.builder().get("/ping", request -> HttpResponse.json(200, "pong"))
                    .openApi("/openapi.json", OpenApi.Info.of("Ping API", "1.0.0")).build());
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.builder().handler(new PingHandler()).port(0).apiPage("/openapi.json").build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void page_answersHtmlThatLoadsSwaggerUiWithTheDocument() throws Exception {
        // WHEN
        var response = get("/docs");

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(response.body()).contains("<script src=\"/docs/swagger-ui-bundle.js\"></script>")
                .contains("SwaggerUIBundle({url: \"/openapi.json\"").contains("validatorUrl: null");
        assertThat(get("/docs/").body()).isEqualTo(response.body());
        assertThat(server.apiPage()).contains(server.uri().resolve("/docs"));
    }

    @ParameterizedTest
    @CsvSource({"swagger-ui-bundle.js, text/javascript; charset=utf-8, SwaggerUIBundle",
            "swagger-ui.css, text/css; charset=utf-8, .swagger-ui",
            "favicon-32x32.png, image/png, PNG"})
    void asset_answersFromTheWebjarWithItsContentType(String name, String type, String content) throws Exception {
        // WHEN
        var response = get("/docs/" + name);

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains(type);
        assertThat(response.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(response.body()).contains(content);
    }

    @Test
    void documentPath_isServedByTheHandlerOnTheSameServer() throws Exception {
        // WHEN
        var response = get("/openapi.json");

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        var document = Json.mapper().readTree(response.body());
        assertThat(document.path("info").path("title").asText()).isEqualTo("Ping API");
        assertThat(document.path("paths").has("/ping")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/docs/nothing.js", "/docs/../pom.xml", "/docs/..%2F..%2Fpom.xml", "/docs/%2e%2e/x",
            "/docs/.hidden", "/docs/swagger-ui.js/x", "/docs//etc/passwd",
            "/docs/..%5C..%5CMETA-INF%5CMANIFEST.MF"})
    void unknownOrEscapingAsset_is404(String path) throws Exception {
        // WHEN
        var response = http.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).build(),
                BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).contains("text/plain; charset=utf-8");
        assertThat(response.body()).startsWith("no API page asset /docs/");
    }

    @Test
    void page_otherMethods_are405WithAllow() throws Exception {
        // WHEN
        var response = http.send(HttpRequest.newBuilder(server.uri().resolve("/docs"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), BodyHandlers.ofString());
        var head = http.send(HttpRequest.newBuilder(server.uri().resolve("/docs/swagger-ui.css"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET, HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-type")).contains("text/css; charset=utf-8");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void serverWithoutAnApiPage_leavesDocsToTheHandler() throws Exception {
        try (LocalServer plain = LocalServer.builder().handler(new PingHandler()).port(0).build().start()) {
            // WHEN
            var response = http.send(HttpRequest.newBuilder(plain.uri().resolve("/docs")).build(),
                    BodyHandlers.ofString());

            // THEN
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
            assertThat(plain.apiPage()).isEmpty();
        }
    }

    @Test
    void apiPage_pathThatIsNoPathOrBelowTheDocsPage_isRefused() {
        assertThatThrownBy(() -> LocalServer.builder().apiPage("openapi.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the API page's document path 'openapi.json' is not a path such as /openapi.json");
        assertThatThrownBy(() -> LocalServer.builder().apiPage("/openapi.json?v=1\"</script>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a path");
        assertThatThrownBy(() -> LocalServer.builder().apiPage("/docs/openapi.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the API page's document path '/docs/openapi.json' lies below /docs, where the page itself"
                        + " is served");
    }

    private java.net.http.HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), BodyHandlers.ofString());
    }
}

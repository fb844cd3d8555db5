package io.github.dynacrud.http;

import static io.github.dynacrud.http.OpenApiDocuments.INFO;
import static io.github.dynacrud.http.OpenApiDocuments.json;
import static io.github.dynacrud.http.OpenApiDocuments.messages;
import static io.github.dynacrud.http.OpenApiDocuments.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Router.Builder#openApi}: the document served with GET and HEAD, generated on its first request only. */
class RouterOpenApiTest {
    private static final Handler OK = request -> HttpResponse.json(200, Map.of("status", "ok"));

    @Test
    void get_documentPath_answersTheDocumentListingItsOwnRoute() {
        // GIVEN
        Router router = Router.builder().get("/health", OK).openApi("/openapi.json", INFO).build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/openapi.json").build());

        // THEN
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().first("Content-Type")).contains("application/json");
        assertThat(response.bodyText()).isEqualTo(OpenApi.document(router, INFO));
        assertThat(messages(response.bodyText())).isEmpty();
        JsonNode document = json(response.bodyText());
        assertThat(names(document.get("paths"))).containsExactly("/health", "/openapi.json");
        assertThat(document.at("/paths/~1openapi.json/get")).isEqualTo(json("{'operationId': 'getOpenApiDocument',"
                + " 'summary': 'The OpenAPI document of this API', 'responses': {'200': {'description': 'the"
                + " document', 'content': {'application/json': {'schema': {'type': 'object'}}}}, '500':"
                + " {'description': 'the document could not be written', 'content': {'application/problem+json':"
                + " {'schema': {'$ref': '#/components/schemas/Problem'}}}}}}"));
    }

    @Test
    void head_documentPath_answersLikeGetWithoutABody() {
        // GIVEN
        Router router = Router.builder().openApi("/openapi.json", INFO).build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().method("HEAD").path("/openapi.json").build());

        // THEN
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().first("Content-Type")).contains("application/json");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void get_documentUnderABasePathAndAfterAGroup_isServedAtItsPath() {
        // GIVEN
        Router router = Router.builder().basePath("/v1").group("/docs", docs -> docs.openApi("/openapi.json", INFO))
                .build();

        // WHEN
        HttpResponse response = router.route(HttpRequest.builder().path("/v1/docs/openapi.json").build());

        // THEN
        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response.bodyText()).get("servers")).isEqualTo(json("[{'url': '/v1'}]"));
    }

    @Test
    void build_documentPathTakenByAnotherGetRoute_refusedNamingBoth() {
        // GIVEN
        Router.Builder builder = Router.builder().group("/docs", docs -> docs.get("/openapi.json", OK));

        // WHEN / THEN
        assertThatThrownBy(() -> builder.openApi("/docs/openapi.json", INFO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routes GET /docs/openapi.json and GET /docs/openapi.json match the same paths");
    }

    @Test
    void openApi_calledTwice_refused() {
        // GIVEN
        Router.Builder builder = Router.builder().openApi("/openapi.json", INFO);

        // WHEN / THEN
        assertThatThrownBy(() -> builder.openApi("/docs.json", INFO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the OpenAPI document is served already; serve it at one path");
    }

    @Test
    void build_withTheDocument_loadsNoGeneratorUntilItsFirstRequest() throws Exception {
        // GIVEN dynacrud's classes in a loader of their own, which tells which of them were loaded
        URL classes = Router.class.getProtectionDomain().getCodeSource().getLocation();
        try (IsolatedClasses loader = new IsolatedClasses(classes)) {
            Class<?> routerType = loader.loadClass(Router.class.getName());
            Class<?> infoType = loader.loadClass(OpenApi.Info.class.getName());
            Object info = infoType.getMethod("of", String.class, String.class).invoke(null, "Test API", "1.0.0");
            Object builder = routerType.getMethod("builder").invoke(null);
            builder.getClass().getMethod("openApi", String.class, infoType).invoke(builder, "/openapi.json", info);

            // WHEN
            Object router = builder.getClass().getMethod("build").invoke(builder);
            boolean generatorLoadedAtBuild = loader.loaded(OpenApiDocument.class.getName())
                    || loader.loaded(JsonSchemas.class.getName());
            Class<?> requestType = loader.loadClass(HttpRequest.class.getName());
            Object requestBuilder = requestType.getMethod("builder").invoke(null);
            requestBuilder.getClass().getMethod("path", String.class).invoke(requestBuilder, "/openapi.json");
            Object request = requestBuilder.getClass().getMethod("build").invoke(requestBuilder);
            Object response = routerType.getMethod("route", requestType).invoke(router, request);

            // THEN
            assertThat(generatorLoadedAtBuild).isFalse();
            assertThat(response.getClass().getMethod("status").invoke(response)).isEqualTo(200);
            assertThat(loader.loaded(OpenApiDocument.class.getName())).isTrue();
            assertThat(loader.loaded(JsonSchemas.class.getName())).isTrue();
        }
    }

    /** Loads dynacrud's main classes itself, and everything else from the test's class path. */
    private static final class IsolatedClasses extends URLClassLoader {
        IsolatedClasses(URL classes) {
            super(new URL[] {classes}, RouterOpenApiTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.github.dynacrud.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }
}

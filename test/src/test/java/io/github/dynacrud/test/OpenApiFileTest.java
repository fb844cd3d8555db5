package io.github.dynacrud.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.http.HttpResponse;
import io.github.dynacrud.http.Json;
import io.github.dynacrud.http.OpenApi;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiFileTest {
    /** A handler that serves its document, with the no-argument constructor a build's main makes it with. */
    public static final class PingHandler extends HttpApiHandler {
        /** Serves GET /ping and the document. */
        public PingHandler() {
            super(Router.builder().get("/ping", request -> HttpResponse.json(200, "pong"))
                    .openApi("/openapi.json", OpenApi.Info.of("Ping API", "2.0.0")).build());
        }
    }

    @TempDir
    Path dir;

    @Test
    void main_handlerClass_writesTheDocumentItServes() throws Exception {
        // GIVEN
        Path file = dir.resolve("target/openapi.json");

        // WHEN
        OpenApiFile.main(new String[] {PingHandler.class.getName(), "/openapi.json", file.toString()});

        // THEN
        String written = Files.readString(file);
        assertThat(written).isEqualTo(OpenApiFile.fetch(new PingHandler(), "/openapi.json"));
        JsonNode document = Json.mapper().readTree(written);
        assertThat(document.path("openapi").asText()).startsWith("3.1");
        assertThat(document.path("info").path("title").asText()).isEqualTo("Ping API");
        assertThat(document.path("paths").has("/ping")).isTrue();
    }

    @Test
    void fetch_pathTheHandlerDoesNotServe_namesTheRouterCallToMake() {
        assertThatThrownBy(() -> OpenApiFile.fetch(new PingHandler(), "/docs.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("GET /docs.json answered 404 with application/problem+json, not the OpenAPI document:"
                        + " does the router call openApi(\"/docs.json\", ...)?");
    }

    @Test
    void main_wrongArguments_saysWhatItExpects() {
        assertThatThrownBy(() -> OpenApiFile.main(new String[] {PingHandler.class.getName()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected <handler class> <document path> <file>, got 1 arguments");
    }
}

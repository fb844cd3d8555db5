package io.github.dynacrud.examples.todo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.http.Json;
import io.github.dynacrud.test.OpenApiContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the build publishes as target/openapi.json, read by a third-party parser. */
class OpenApiDocumentTest {
    @Test
    void publishedDocument_isReadBySwaggerParserWithoutAnyMessage() throws Exception {
        // GIVEN the document the build wrote from what the handler serves
        String document = Files.readString(Path.of("target", "openapi.json"));

        // WHEN / THEN
        assertThat(OpenApiContract.parserMessages(document)).isEmpty();
        assertThat(Json.mapper().readTree(document).path("info").path("title").asText()).isEqualTo("Todo API");
    }
}

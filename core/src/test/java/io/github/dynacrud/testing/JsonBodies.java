package io.github.dynacrud.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.http.HttpResponse;
import io.github.dynacrud.http.Json;

/** Reads the JSON of responses and expected bodies in tests, failing the test on anything that is not JSON. */
public final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * Reads a response's body.
     *
     * @param response the response
     * @return its JSON
     */
    public static JsonNode body(HttpResponse response) {
        return tree(response.bodyText());
    }

    /**
     * Reads JSON text.
     *
     * @param json the text
     * @return its tree
     */
    public static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}

package io.github.dynacrud.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Writes the OpenAPI 3.1 document of a built router. */
final class OpenApiDocument {
    private OpenApiDocument() {
    }

    static String write(Router router, OpenApi.Info info) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("openapi", "3.1.0");
        root.putObject("info").put("title", info.title()).put("version", info.version());
        ObjectNode paths = root.putObject("paths");
        for (Router.Route route : router.routes()) {
            ObjectNode item = paths.has(route.template().toString())
                    ? (ObjectNode) paths.get(route.template().toString())
                    : paths.putObject(route.template().toString());
            item.putObject(route.method().toLowerCase(Locale.ROOT)).putObject("responses")
                    .putObject("default").put("description", "the response");
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document could not be written", e);
        }
    }
}

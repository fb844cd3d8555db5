package io.github.dynacrud.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the OpenAPI 3.1 document of a built router: every route with its method (HEAD is implied by GET, as the
 * router answers it), resource routes from what each resource does, custom routes from their declarations, the
 * schemas {@link JsonSchemas} registers, the shared problem schema and the bearer scheme.
 */
final class OpenApiDocument {
    private OpenApiDocument() {
    }

    /**
     * Writes the document.
     *
     * @param router the router
     * @param info   the API's title and version
     * @return the document as JSON
     * @throws IllegalArgumentException as {@link OperationIds#check} does
     */
    static String write(Router router, OpenApi.Info info) {
        JsonSchemas schemas = new JsonSchemas();
        ResourceOperations resources = new ResourceOperations(schemas);
        CustomOperations custom = new CustomOperations(schemas);
        OperationIds ids = OperationIds.check(router.routes());
        ObjectNode root = OpenApiParts.object().put("openapi", "3.1.0");
        root.putObject("info").put("title", info.title()).put("version", info.version());
        if (!router.basePath().isEmpty()) {
            root.putArray("servers").addObject().put("url", router.basePath());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        ObjectNode paths = root.putObject("paths");
        boolean secured = false;
        for (Router.Route route : router.routes()) {
            ObjectNode operation = route.operation().map(served -> resources.describe(served, ids.of(route)))
                    .orElseGet(() -> custom.describe(route, ids.of(route)));
            route.operation().ifPresent(served -> tags.putIfAbsent(served.resource().entity().type(),
                    "the " + served.resource().entity().type() + " resource"));
            if (operation.has("tags")) {
                operation.get("tags").forEach(tag -> tags.putIfAbsent(tag.asText(), null));
            }
            secured |= operation.has("security");
            String path = OpenApiParts.path(route.template());
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            item.set(route.method().toLowerCase(Locale.ROOT), operation);
        }
        if (!tags.isEmpty()) {
            ArrayNode list = root.putArray("tags");
            tags.forEach((name, description) -> {
                ObjectNode tag = list.addObject().put("name", name);
                if (description != null) {
                    tag.put("description", description);
                }
            });
        }
        ObjectNode components = root.putObject("components");
        ObjectNode registered = schemas.components();
        if (registered.has(OpenApiParts.PROBLEM_SCHEMA)) {
            throw new IllegalArgumentException("a record named " + OpenApiParts.PROBLEM_SCHEMA + " has the name of"
                    + " the document's problem schema; rename the record");
        }
        ObjectNode all = components.putObject("schemas");
        all.setAll(registered);
        all.set(OpenApiParts.PROBLEM_SCHEMA, OpenApiParts.problemSchema());
        if (secured) {
            components.putObject("securitySchemes").set(OpenApiParts.BEARER, OpenApiParts.bearerScheme());
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document could not be written", e);
        }
    }
}

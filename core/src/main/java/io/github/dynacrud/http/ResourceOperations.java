package io.github.dynacrud.http;

import static io.github.dynacrud.http.OpenApiParts.header;
import static io.github.dynacrud.http.OpenApiParts.object;
import static io.github.dynacrud.http.OpenApiParts.parameter;
import static io.github.dynacrud.http.OpenApiParts.response;
import static io.github.dynacrud.http.OpenApiParts.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.http.JsonSchemas.Shape;
import io.github.dynacrud.http.ResourceOptions.Operation;
import io.github.dynacrud.table.EntityRepository;
import java.time.LocalDate;
import java.util.Map;

/**
 * The OpenAPI operation of a resource's route, from what the resource does: its path parameters, query parameters
 * and headers, its bodies in the entity's shapes, and the problems it can answer.
 */
final class ResourceOperations {
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final JsonSchemas schemas;

    /**
     * Describes resource routes with schemas registered in one document.
     *
     * @param schemas the document's schemas
     */
    ResourceOperations(JsonSchemas schemas) {
        this.schemas = schemas;
    }

    /**
     * Describes one route of a resource.
     *
     * @param served      the resource and the operation the route serves
     * @param operationId the operation's id
     * @return the operation object
     */
    ObjectNode describe(Router.ResourceOperation served, String operationId) {
        EntityResource<?> resource = served.resource();
        Operation operation = served.operation();
        Entity<?> entity = resource.entity();
        String type = entity.type();
        ObjectNode node = object().put("operationId", operationId).put("summary", summary(operation, type));
        node.putArray("tags").add(type);
        for (String attribute : resource.pathAttributes()) {
            OpenApiParts.pathParameter(node, attribute, "the " + attribute + " of the " + type + "'s key");
        }
        if (operation != Operation.CREATE && operation != Operation.LIST) {
            OpenApiParts.pathParameter(node, resource.idParameter(), "the " + type + "'s id");
        }
        ObjectNode responses = object();
        boolean versioned = entity.versionAttribute().isPresent();
        switch (operation) {
            case CREATE -> create(resource, node, responses);
            case LIST -> list(resource, node, responses);
            case READ -> read(resource, node, responses);
            case REPLACE, PATCH -> {
                ifMatch(node, type);
                node.set("requestBody", operation == Operation.REPLACE
                        ? OpenApiParts.requestBody(entity(resource, Shape.REPLACE), HttpResponse.JSON)
                        : OpenApiParts.requestBody(entity(resource, Shape.PATCH), MERGE_PATCH, HttpResponse.JSON));
                responses.set("200", item(resource, "the " + type + " as stored", versioned));
            }
            case DELETE -> {
                ifMatch(node, type);
                responses.set("204", response("the " + type + " is deleted", null, null));
            }
        }
        OpenApiParts.problems(responses, ResourceProblems.of(resource, operation));
        OpenApiParts.authenticate(responses);
        OpenApiParts.retryAfter(responses, "503", "", true);
        if (operation == Operation.CREATE && resource.options().idempotency().isPresent()) {
            OpenApiParts.retryAfter(responses, "409", ", when another request with this Idempotency-Key is being"
                    + " written", false);
        }
        node.set("responses", OpenApiParts.sorted(responses));
        OpenApiParts.security(node, resource.options().scopes(operation));
        return node;
    }

    private static String summary(Operation operation, String type) {
        return switch (operation) {
            case CREATE -> "Creates a " + type;
            case LIST -> "Lists " + type + " items, a page at a time";
            case READ -> "Reads a " + type;
            case REPLACE -> "Replaces a " + type;
            case PATCH -> "Changes a " + type + " with a JSON merge patch";
            case DELETE -> "Deletes a " + type;
        };
    }

    private void create(EntityResource<?> resource, ObjectNode node, ObjectNode responses) {
        String type = resource.entity().type();
        if (resource.options().idempotency().isPresent()) {
            parameter(node, "header", Idempotency.KEY_HEADER, schema("string").put("minLength", 1)
                    .put("maxLength", 255).put("pattern", "^[\\x21-\\x7E]+$"), "makes the create idempotent: a"
                    + " repeat with this key, by the same caller, answers the first response again");
        }
        node.set("requestBody", OpenApiParts.requestBody(entity(resource, Shape.CREATE), HttpResponse.JSON));
        ObjectNode created = item(resource, "the " + type + " as stored",
                resource.entity().versionAttribute().isPresent());
        header(created, "Location", "the " + type + "'s URL", true);
        if (resource.options().idempotency().isPresent()) {
            header(created, Idempotency.REPLAYED_HEADER, "true when this is the stored response of an earlier"
                    + " request with the same Idempotency-Key", false);
        }
        responses.set("201", created);
    }

    private void list(EntityResource<?> resource, ObjectNode node, ObjectNode responses) {
        ResourceOptions options = resource.options();
        limit(node, options, "the most items in the page");
        parameter(node, "query", "cursor", schema("string"), "the nextCursor of the previous page");
        options.listFilters().forEach((name, filter) -> parameter(node, "query", name, filterSchema(filter.type()),
                "a list filter: lists the items of the key query its value selects"
                        + (options.listFilters().size() > 1 ? "; one list filter at a time" : "")));
        if (resource.listNeedsFilter()) {
            node.put("description", "Needs one of the query parameters " + options.listFilters().keySet() + ".");
        }
        responses.set("200", response("a page of " + resource.entity().type() + " items", HttpResponse.JSON,
                page(resource.entity().type(), schemas.entity(resource.json(), Shape.OUTPUT))));
    }

    private void read(EntityResource<?> resource, ObjectNode node, ObjectNode responses) {
        String type = resource.entity().type();
        ResourceOptions options = resource.options();
        Map<String, EntityRepository<?>> includes = options.includes();
        boolean versioned = resource.entity().versionAttribute().isPresent();
        if (!includes.isEmpty()) {
            ObjectNode include = schema("string");
            includes.keySet().forEach(include.putArray("enum")::add);
            parameter(node, "query", "include", include, "answers the " + type
                    + " with the first page of these children, under a field of this name, without ETag; its"
                    + " nextCursor continues on the children's list route");
            limit(node, options, "with include, the most children in their page");
        }
        if (versioned) {
            parameter(node, "header", "If-None-Match", schema("string"), "answers 304 without a body when the " + type
                    + "'s ETag is listed, or for *" + (includes.isEmpty() ? "" : "; ignored with include"));
        }
        ObjectNode item = schemas.entity(resource.json(), Shape.OUTPUT);
        if (!includes.isEmpty()) {
            // A copy of the item's schema with the children's fields: the item's own schema admits no other field,
            // so an allOf of the two would refuse every answer.
            String ref = item.get("$ref").asText();
            ObjectNode both = ((ObjectNode) schemas.components().get(ref.substring(ref.lastIndexOf('/') + 1)))
                    .deepCopy();
            ObjectNode properties = both.has("properties") ? (ObjectNode) both.get("properties")
                    : both.putObject("properties");
            includes.forEach((name, repository) -> properties.set(name, page(repository.entity().type(),
                    schemas.entity(EntityJson.of(repository.entity()), Shape.OUTPUT))
                    .put("description", "with include=" + name + ": the first page of these children")));
            item = both;
        }
        ObjectNode found = response("the " + type, HttpResponse.JSON, item);
        if (versioned) {
            header(found, "ETag", "the " + type + "'s version" + (includes.isEmpty() ? "" : "; absent with include"),
                    includes.isEmpty());
            responses.set("304", header(response("the " + type + " has the ETag If-None-Match lists", null, null),
                    "ETag", "the " + type + "'s version", true));
        }
        responses.set("200", found);
    }

    private ObjectNode item(EntityResource<?> resource, String description, boolean versioned) {
        ObjectNode response = response(description, HttpResponse.JSON, schemas.entity(resource.json(), Shape.OUTPUT));
        return versioned ? header(response, "ETag", "the " + resource.entity().type() + "'s version", true)
                : response;
    }

    private static void ifMatch(ObjectNode node, String type) {
        parameter(node, "header", "If-Match", schema("string"), "writes only when the " + type + "'s ETag is"
                + " listed (412 otherwise); * for any version of an existing " + type);
    }

    private static void limit(ObjectNode node, ResourceOptions options, String description) {
        parameter(node, "query", "limit", schema("integer").put("minimum", 1).put("maximum", options.maxPageSize())
                .put("default", options.defaultPageSize()), description);
    }

    /** The page a list answers: the items and the cursor of the next page, {@code null} on the last one. */
    private static ObjectNode page(String type, ObjectNode item) {
        ObjectNode page = schema("object").put("description", "a page of " + type + " items");
        page.putArray("required").add("items").add("nextCursor");
        ObjectNode properties = page.putObject("properties");
        properties.set("items", schema("array").set("items", item));
        ObjectNode cursor = properties.putObject("nextCursor")
                .put("description", "continues the list; null on the last page");
        cursor.putArray("type").add("string").add("null");
        return page;
    }

    /** A list filter's values, as the filter reads them from the query string (enums by constant name). */
    static ObjectNode filterSchema(Class<?> type) {
        if (type.isEnum()) {
            ObjectNode schema = schema("string");
            ArrayNode names = schema.putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return schema;
        }
        if (type == Boolean.class) {
            return schema("boolean");
        }
        if (type == Integer.class || type == Long.class) {
            return schema("integer").put("format", type == Integer.class ? "int32" : "int64");
        }
        return type == LocalDate.class ? schema("string").put("format", "date") : schema("string");
    }

    private ObjectNode entity(EntityResource<?> resource, Shape shape) {
        return schemas.entity(resource.json(), shape);
    }
}

package io.github.dynacrud.http;

import static io.github.dynacrud.http.OpenApiParts.object;
import static io.github.dynacrud.http.OpenApiParts.response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI operation of a custom route: what its {@link Described} declaration says, the security of its
 * {@link Access} checks, and the problems the router itself gives around it; nothing guessed from the handler.
 */
final class CustomOperations {
    private final JsonSchemas schemas;

    /**
     * Describes custom routes with schemas registered in one document.
     *
     * @param schemas the document's schemas
     */
    CustomOperations(JsonSchemas schemas) {
        this.schemas = schemas;
    }

    /**
     * Describes one custom route.
     *
     * @param route       the route
     * @param operationId the operation's id
     * @return the operation object
     */
    ObjectNode describe(Router.Route route, String operationId) {
        ObjectNode node = object().put("operationId", operationId);
        if (route.handler() instanceof DocumentRoute) {
            node.put("summary", "The OpenAPI document of this API");
            ObjectNode responses = object().set("200", response("the document", HttpResponse.JSON,
                    OpenApiParts.schema("object")));
            OpenApiParts.problems(responses, Map.of(500, "the document could not be written"));
            node.set("responses", responses);
            return node;
        }
        HandlerFacts facts = HandlerFacts.of(route.handler());
        Optional<Described> described = facts.described();
        described.flatMap(Described::summary).ifPresent(text -> node.put("summary", text));
        described.flatMap(Described::description).ifPresent(text -> node.put("description", text));
        described.map(Described::tags).filter(tags -> !tags.isEmpty())
                .ifPresent(tags -> tags.forEach(node.putArray("tags")::add));
        OpenApiParts.pathParameters(node, route.template(), described.map(Described::pathParameters).orElse(Map.of()));
        described.ifPresent(d -> d.queryParameters().forEach((name, parameter) -> OpenApiParts.parameter(node,
                "query", name, schemas.type(parameter.type()), parameter.description())));
        described.flatMap(Described::request).ifPresent(type -> node.set("requestBody",
                OpenApiParts.requestBody(schemas.type(type), HttpResponse.JSON)));
        ObjectNode responses = object();
        described.ifPresent(d -> d.responses().forEach((status, type) -> responses.set(String.valueOf(status),
                response(HttpStatus.reason(status), HttpResponse.JSON, type.map(schemas::type).orElse(null)))));
        if (responses.isEmpty()) {
            responses.set("default", response("what the route answers, which it does not describe", null, null));
        }
        OpenApiParts.problems(responses, problems(described, facts.scopes()));
        boolean declares401 = described.map(d -> d.problems().containsKey(401)).orElse(false);
        if (facts.scopes().isPresent() && !declares401) {
            OpenApiParts.authenticate(responses);
        }
        node.set("responses", OpenApiParts.sorted(responses));
        facts.scopes().ifPresent(scopes -> OpenApiParts.security(node, scopes));
        return node;
    }

    /** The declared problems, and those the router gives: the Access check's, the body limit's, a failure's. */
    private static Map<Integer, String> problems(Optional<Described> described, Optional<Set<String>> scopes) {
        Map<Integer, String> problems = new TreeMap<>();
        scopes.ifPresent(required -> {
            problems.put(401, "no authenticated caller");
            if (!required.isEmpty()) {
                problems.put(403, "the caller lacks a scope of " + required.stream().sorted().toList());
            }
        });
        described.ifPresent(d -> {
            if (d.request().isPresent()) {
                problems.put(413, "the body exceeds the router's limit");
            }
            problems.put(500, "an unexpected failure; quote the instance when reporting it");
            problems.putAll(d.problems());
        });
        return problems;
    }
}

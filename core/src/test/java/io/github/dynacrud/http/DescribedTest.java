package io.github.dynacrud.http;

import static io.github.dynacrud.http.OpenApiDocuments.INFO;
import static io.github.dynacrud.http.OpenApiDocuments.each;
import static io.github.dynacrud.http.OpenApiDocuments.json;
import static io.github.dynacrud.http.OpenApiDocuments.names;
import static io.github.dynacrud.http.OpenApiDocuments.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Custom routes in the OpenAPI document: what a {@link Described} handler declares, the security of {@link Access}
 * checks, nothing guessed for an undescribed handler, and declarations refused when they are wrong.
 */
class DescribedTest {
    private static final Handler OK = request -> HttpResponse.json(200, Map.of("status", "ok"));
    private static final String PROBLEM = "{'application/problem+json': {'schema': {'$ref': '#/components/schemas/"
            + "Problem'}}}";

    /** A body a custom route reads. */
    record Archive(String reason) {
    }

    @Test
    void document_undescribedRoute_hasOnlyWhatIsKnown() {
        // WHEN
        JsonNode document = valid(Router.builder().get("/files/{bucket}/{key+}", OK).build());

        // THEN
        assertThat(document.at("/paths/~1files~1{bucket}~1{key}/get")).isEqualTo(json("{"
                + "'operationId': 'getFilesByBucketByKey',"
                + " 'parameters': [{'name': 'bucket', 'in': 'path', 'required': true, 'description': 'one path"
                + " segment', 'schema': {'type': 'string'}}, {'name': 'key', 'in': 'path', 'required': true,"
                + " 'description': \"one or more path segments, '/' included\", 'schema': {'type': 'string'}}],"
                + " 'responses': {'default': {'description': 'what the route answers, which it does not"
                + " describe'}}}"));
        assertThat(document.at("/components").has("securitySchemes")).isFalse();
        assertThat(document.has("tags")).isFalse();
    }

    @Test
    void document_undescribedRouteBehindAccess_needsTheBearerWithItsScopes() {
        // GIVEN
        Router router = Router.builder()
                .get("/me", Access.authenticated(OK))
                .delete("/cache", Access.scopes(Access.scopes(OK, "admin"), "ops"))
                .build();

        // WHEN
        JsonNode document = valid(router);

        // THEN
        JsonNode me = document.at("/paths/~1me/get");
        assertThat(me.get("security")).isEqualTo(json("[{'bearer': []}]"));
        assertThat(names(me.get("responses"))).containsExactly("401", "default");
        assertThat(me.at("/responses/401")).isEqualTo(json("{'description': 'no authenticated caller', 'content': "
                + PROBLEM + ", 'headers': {'WWW-Authenticate': {'description': 'Bearer: the scheme a request needs',"
                + " 'required': true, 'schema': {'type': 'string'}}}}"));
        JsonNode cache = document.at("/paths/~1cache/delete");
        assertThat(cache.get("security")).isEqualTo(json("[{'bearer': ['admin', 'ops']}]"));
        assertThat(names(cache.get("responses"))).containsExactly("401", "403", "default");
        assertThat(cache.at("/responses/403/description").asText()).isEqualTo("the caller lacks a scope of"
                + " [admin, ops]");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void document_describedRoute_saysWhatItDeclaresAndWhatTheRouterAdds() {
        // GIVEN the description inside the Access check, and outside it: both read the same
        Described archive = Described.handler(OK)
                .summary("Archives a todo")
                .description("Moves the todo to the archive.")
                .operationId("archiveTodo")
                .tags("Todo", "Archive")
                .request(Archive.class)
                .response(200, Archive.class)
                .response(201)
                .problem(404, "the todo does not exist")
                .problem(503, "the archive is being moved");
        Router router = Router.builder()
                .post("/todos/{id}/archive", Access.scopes(archive, "todos:write"))
                .post("/notes/{id}/archive", Described.handler(Access.scopes(OK, "todos:write"))
                        .summary("Archives a note").response(204))
                .build();

        // WHEN
        JsonNode document = valid(router);

        // THEN
        JsonNode operation = document.at("/paths/~1todos~1{id}~1archive/post");
        assertThat(names(operation)).containsExactly("operationId", "summary", "description", "tags", "parameters",
                "requestBody", "responses", "security");
        assertThat(operation.get("operationId").asText()).isEqualTo("archiveTodo");
        assertThat(operation.get("summary").asText()).isEqualTo("Archives a todo");
        assertThat(operation.get("description").asText()).isEqualTo("Moves the todo to the archive.");
        assertThat(operation.get("tags")).isEqualTo(json("['Todo', 'Archive']"));
        assertThat(each(operation.get("parameters"), "name")).containsExactly("id");
        assertThat(operation.at("/requestBody/required").asBoolean()).isTrue();
        assertThat(names(operation.at("/requestBody/content"))).containsExactly("application/json");
        assertThat(operation.at("/requestBody/content/application~1json").has("schema")).isTrue();
        assertThat(names(operation.get("responses")))
                .containsExactly("200", "201", "401", "403", "404", "413", "500", "503");
        assertThat(operation.at("/responses/503")).as("a declared problem has no header the router may not send")
                .isEqualTo(json("{'description': 'the archive is being moved', 'content': " + PROBLEM + "}"));
        assertThat(operation.at("/responses/200/description").asText()).isEqualTo("OK");
        assertThat(names(operation.at("/responses/200/content"))).containsExactly("application/json");
        assertThat(operation.at("/responses/201")).isEqualTo(json("{'description': 'Created'}"));
        assertThat(operation.at("/responses/404")).isEqualTo(json("{'description': 'the todo does not exist',"
                + " 'content': " + PROBLEM + "}"));
        assertThat(operation.get("security")).isEqualTo(json("[{'bearer': ['todos:write']}]"));
        JsonNode note = document.at("/paths/~1notes~1{id}~1archive/post");
        assertThat(note.get("operationId").asText()).isEqualTo("postNotesByIdArchive");
        assertThat(names(note.get("responses"))).containsExactly("204", "401", "403", "500");
        assertThat(note.get("security")).isEqualTo(json("[{'bearer': ['todos:write']}]"));
        assertThat(document.get("tags")).isEqualTo(json("[{'name': 'Todo'}, {'name': 'Archive'}]"));
    }

    @Test
    void document_describedParameters_replaceTheShapeOfPathParametersAndAddQueryParameters() {
        // GIVEN
        Router router = Router.builder().get("/files/{bucket}/{key+}", Described.handler(OK)
                .pathParameter("key", "the file's key")
                .queryParameter("since", java.time.LocalDate.class, "only files changed since this day")
                .queryParameter("limit", Integer.class, "the most files"))
                .build();

        // WHEN
        JsonNode operation = valid(router).at("/paths/~1files~1{bucket}~1{key}/get");

        // THEN
        assertThat(each(operation.get("parameters"), "name")).containsExactly("bucket", "key", "since", "limit");
        assertThat(each(operation.get("parameters"), "in")).containsExactly("path", "path", "query", "query");
        assertThat(each(operation.get("parameters"), "description")).containsExactly("one path segment",
                "the file's key", "only files changed since this day", "the most files");
        assertThat(operation.get("parameters")).allSatisfy(parameter -> assertThat(parameter.has("schema")).isTrue());
        assertThat(operation.at("/parameters/2").has("required")).as("query parameters are optional").isFalse();
    }

    @Test
    void build_describedPathParameterTheTemplateDoesNotHave_refusedNamingIt() {
        // GIVEN
        Router.Builder builder = Router.builder()
                .get("/todos/{id}", Described.handler(OK).pathParameter("todoId", "the todo's id"));

        // WHEN / THEN
        String message = "route GET /todos/{id} describes the path parameter 'todoId', which its template does not"
                + " have; it has [id]";
        assertThatThrownBy(() -> OpenApi.document(builder.build(), INFO)).hasMessage(message);
        assertThatThrownBy(() -> builder.openApi("/openapi.json", INFO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void document_describedRouteWithoutResponses_keepsTheDefaultResponse() {
        // WHEN
        JsonNode document = valid(Router.builder().get("/", Described.handler(OK).summary("The root")).build());

        // THEN
        JsonNode root = document.at("/paths/~1/get");
        assertThat(root.get("operationId").asText()).isEqualTo("getRoot");
        assertThat(names(root.get("responses"))).containsExactly("500", "default");
        assertThat(root.has("security")).isFalse();
    }

    @Test
    void document_headAndOptionsRoutes_areListedAsTheirOwnOperations() {
        // WHEN
        JsonNode document = valid(Router.builder().get("/ping", OK).head("/ping", OK).options("/ping", OK).build());

        // THEN
        assertThat(names(document.at("/paths/~1ping"))).containsExactly("get", "head", "options");
        assertThat(document.at("/paths/~1ping/head/operationId").asText()).isEqualTo("headPing");
    }

    @Test
    void document_generatedIdTakenByADeclaredOne_isNumbered() {
        // GIVEN
        Router router = Router.builder()
                .get("/health", OK)
                .get("/status", Described.handler(OK).operationId("getHealth"))
                .build();

        // WHEN
        JsonNode document = valid(router);

        // THEN
        assertThat(document.at("/paths/~1status/get/operationId").asText()).isEqualTo("getHealth");
        assertThat(document.at("/paths/~1health/get/operationId").asText()).isEqualTo("getHealth2");
    }

    @Test
    void build_twoRoutesDeclaringOneOperationId_refusedNamingBothWhenTheDocumentIsServed() {
        // GIVEN
        Router.Builder builder = Router.builder()
                .get("/a", Described.handler(OK).operationId("same"))
                .group("/g", group -> group.post("/b", Access.authenticated(Described.handler(OK)
                        .operationId("same"))));

        // WHEN / THEN
        assertThatThrownBy(() -> OpenApi.document(builder.build(), INFO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routes GET /a and POST /g/b both declare the operation id 'same'; give each its own");
        assertThatThrownBy(() -> builder.openApi("/openapi.json", INFO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routes GET /a and POST /g/b both declare the operation id 'same'; give each its own");
    }

    @Test
    void build_aMethodOpenApiHasNoFieldFor_refusedWhenTheDocumentIsServed() {
        // GIVEN
        Router.Builder builder = Router.builder().route("PURGE", "/cache", OK).openApi("/openapi.json", INFO);

        // WHEN / THEN
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route PURGE /cache cannot be described: OpenAPI 3.1 has no field for the method PURGE");
    }

    @Test
    void handler_describedTwice_refused() {
        // GIVEN
        Described once = Described.handler(OK).summary("Once");

        // WHEN / THEN
        assertThatThrownBy(() -> Described.handler(once)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this handler is described already; describe it once");
        assertThatThrownBy(() -> Described.handler(Access.scopes(once, "admin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this handler is described already; describe it once");
    }

    @Test
    void declarations_givenTwiceOrOutOfRange_refusedNamingThem() {
        // GIVEN
        Described described = Described.handler(OK).request(Archive.class).response(200).problem(404, "missing");

        // WHEN / THEN
        assertThatThrownBy(() -> described.response(200, Archive.class))
                .hasMessage("response 200 is declared already");
        assertThatThrownBy(() -> described.problem(404, "again")).hasMessage("problem 404 is declared already");
        assertThatThrownBy(() -> described.request(Archive.class)).hasMessage("the request body is declared already,"
                + " as io.github.dynacrud.http.DescribedTest$Archive");
        assertThatThrownBy(() -> described.response(404)).hasMessage("response status 404 must be from 100 to 399;"
                + " declare errors with problem(status, description)");
        assertThatThrownBy(() -> described.problem(302, "moved")).hasMessage("problem status 302 must be from 400"
                + " to 599");
        assertThatThrownBy(() -> described.operationId("get todo")).hasMessage("operation id 'get todo' must be"
                + " letters, digits or '_', starting with a letter");
        assertThatThrownBy(() -> described.tags("Todo", "Todo")).hasMessage("tag 'Todo' is given twice");
        assertThatThrownBy(() -> described.summary(" ")).hasMessage("the summary must not be blank");
        assertThatThrownBy(() -> described.pathParameter("id", "one").pathParameter("id", "two"))
                .hasMessage("path parameter 'id' is described already");
        assertThatThrownBy(() -> described.queryParameter("q", String.class, "one").queryParameter("q", String.class,
                "two")).hasMessage("query parameter 'q' is declared already");
    }

    @Test
    void handle_describedAndGuardedHandlers_answerAsTheHandlerAndCheckTheCaller() throws Exception {
        // GIVEN
        Router router = Router.builder().get("/me", Described.handler(Access.scopes(OK, "me")).summary("Me"))
                .build();

        // WHEN
        HttpResponse anonymous = router.route(HttpRequest.builder().path("/me").build());
        HttpResponse unscoped = router.route(HttpRequest.builder().path("/me").principal(Principal.of("alice"))
                .build());
        HttpResponse scoped = router.route(HttpRequest.builder().path("/me")
                .principal(new Principal("alice", Map.of(), java.util.Set.of("me"))).build());

        // THEN
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(unscoped.status()).isEqualTo(403);
        assertThat(scoped.status()).isEqualTo(200);
        assertThat(scoped.bodyText()).isEqualTo("{\"status\":\"ok\"}");
    }
}

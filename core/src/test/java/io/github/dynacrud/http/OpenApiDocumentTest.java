package io.github.dynacrud.http;

import static io.github.dynacrud.http.OpenApiDocuments.each;
import static io.github.dynacrud.http.OpenApiDocuments.json;
import static io.github.dynacrud.http.OpenApiDocuments.names;
import static io.github.dynacrud.http.OpenApiDocuments.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.http.ResourceOptions.Operation;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.IdempotencyStore;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.SortKeyCondition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The OpenAPI document of resources, parsed by swagger-parser with no message: each operation's id, tags, parameters,
 * bodies, responses with their headers, problems and security, from what the resource does.
 */
class OpenApiDocumentTest {
    private static final String PROBLEM = "{'application/problem+json': {'schema': {'$ref': '#/components/schemas/"
            + "Problem'}}}";

    /** The values of a list filter of an enum type. */
    enum Priority { LOW, HIGH }

    private final SingleTable table = SingleTable.builder().client(mock(DynamoDbClient.class)).tableName("app")
            .build();
    private final EntityRepository<Todo> todos = table.repository(Todo.ENTITY);
    private final EntityRepository<Notebook> notebooks = table.repository(Notebook.ENTITY);
    private final EntityRepository<Note> notes = table.repository(Note.ENTITY);
    private final EntityRepository<User> users = table.repository(User.ENTITY);

    @Test
    void document_ofAFlatResource_listsEachOperationOnceWithItsIdTagAndBearerSecurity() {
        // WHEN
        JsonNode document = valid(Router.builder().resource("/todos", todos).build());

        // THEN
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.get("info")).isEqualTo(json("{'title': 'Test API', 'version': '1.0.0'}"));
        assertThat(document.has("servers")).isFalse();
        assertThat(names(document.get("paths"))).containsExactly("/todos", "/todos/{id}");
        assertThat(names(document.at("/paths/~1todos"))).containsExactly("post", "get");
        assertThat(names(document.at("/paths/~1todos~1{id}"))).as("HEAD is implied by GET")
                .containsExactly("get", "put", "patch", "delete");
        assertThat(List.of(op(document, "/todos", "post"), op(document, "/todos", "get"),
                op(document, "/todos/{id}", "get"), op(document, "/todos/{id}", "put"),
                op(document, "/todos/{id}", "patch"), op(document, "/todos/{id}", "delete")))
                .allSatisfy(operation -> {
                    assertThat(operation.get("tags")).isEqualTo(json("['Todo']"));
                    assertThat(operation.get("security")).isEqualTo(json("[{'bearer': []}]"));
                })
                .extracting(operation -> operation.get("operationId").asText())
                .containsExactly("createTodo", "listTodos", "getTodo", "replaceTodo", "patchTodo", "deleteTodo");
        assertThat(document.get("tags")).isEqualTo(json("[{'name': 'Todo', 'description': 'the Todo resource'}]"));
        assertThat(document.at("/components/securitySchemes")).isEqualTo(json("{'bearer': {'type': 'http',"
                + " 'scheme': 'bearer', 'bearerFormat': 'JWT', 'description': 'A JWT, as an API Gateway JWT"
                + " authorizer checks it; its scopes are those the operations list.'}}"));
    }

    @Test
    void document_create_readsTheCreateShapeAndAnswers201WithLocationAndETag() {
        // WHEN
        JsonNode create = op(valid(Router.builder().resource("/todos", todos).build()), "/todos", "post");

        // THEN
        assertThat(create.has("parameters")).isFalse();
        assertThat(create.get("requestBody")).isEqualTo(json("{'required': true, 'content': {'application/json':"
                + " {'schema': {'$ref': '#/components/schemas/TodoCreate'}}}}"));
        assertThat(create.at("/responses/201")).isEqualTo(json("{'description': 'the Todo as stored',"
                + " 'content': {'application/json': {'schema': {'$ref': '#/components/schemas/Todo'}}},"
                + " 'headers': {'ETag': {'description': \"the Todo's version\", 'required': true,"
                + " 'schema': {'type': 'string'}}, 'Location': {'description': \"the Todo's URL\", 'required': true,"
                + " 'schema': {'type': 'string'}}}}"));
        assertThat(names(create.get("responses")))
                .containsExactly("201", "400", "401", "409", "413", "415", "422", "500", "503");
        assertProblems(create);
        assertThat(create.at("/responses/401/headers/WWW-Authenticate/required").asBoolean()).isTrue();
        assertThat(create.at("/responses/503/headers/Retry-After/required").asBoolean()).isTrue();
        assertThat(create.at("/responses/409/description").asText()).isEqualTo("a Todo with this id exists already");
        assertThat(create.at("/responses/401/description").asText())
                .isEqualTo("no authenticated caller, or its token's subject cannot identify an owner");
        assertThat(create.at("/responses/409").has("headers")).isFalse();
    }

    @Test
    void document_list_takesLimitCursorAndFiltersAndAnswersAPageOfItems() {
        // GIVEN
        Router router = Router.builder().resource("/todos", todos, ResourceOptions.builder()
                .pageSizes(10, 50)
                .listFilter("done", Boolean.class, done -> Query.table())
                .listFilter("due", LocalDate.class, due -> Query.table())
                .listFilter("priority", Priority.class, priority -> Query.table())
                .listFilter("rank", Integer.class, rank -> Query.table())
                .listFilter("since", Long.class, since -> Query.table())
                .listFilter("title", String.class, title -> Query.table())
                .build()).build();

        // WHEN
        JsonNode list = op(valid(router), "/todos", "get");

        // THEN
        assertThat(each(list.get("parameters"), "name"))
                .containsExactly("limit", "cursor", "done", "due", "priority", "rank", "since", "title");
        assertThat(list.at("/parameters/0")).isEqualTo(json("{'name': 'limit', 'in': 'query', 'description':"
                + " 'the most items in the page', 'schema': {'type': 'integer', 'minimum': 1, 'maximum': 50,"
                + " 'default': 10}}"));
        assertThat(list.at("/parameters/1")).isEqualTo(json("{'name': 'cursor', 'in': 'query', 'description':"
                + " 'the nextCursor of the previous page', 'schema': {'type': 'string'}}"));
        assertThat(list.get("parameters")).extracting(parameter -> parameter.get("schema")).containsExactly(
                json("{'type': 'integer', 'minimum': 1, 'maximum': 50, 'default': 10}"), json("{'type': 'string'}"),
                json("{'type': 'boolean'}"), json("{'type': 'string', 'format': 'date'}"),
                json("{'type': 'string', 'enum': ['LOW', 'HIGH']}"), json("{'type': 'integer', 'format': 'int32'}"),
                json("{'type': 'integer', 'format': 'int64'}"), json("{'type': 'string'}"));
        assertThat(list.at("/parameters/2/description").asText()).isEqualTo("a list filter: lists the items of the"
                + " key query its value selects; one list filter at a time");
        assertThat(list.has("requestBody")).isFalse();
        assertThat(list.at("/responses/200")).isEqualTo(json("{'description': 'a page of Todo items', 'content':"
                + " {'application/json': {'schema': {'type': 'object', 'description': 'a page of Todo items',"
                + " 'required': ['items', 'nextCursor'], 'properties': {'items': {'type': 'array', 'items':"
                + " {'$ref': '#/components/schemas/Todo'}}, 'nextCursor': {'description': 'continues the list;"
                + " null on the last page', 'type': ['string', 'null']}}}}}}"));
        assertThat(names(list.get("responses"))).containsExactly("200", "400", "401", "500", "503");
        assertThat(list.at("/responses/400/description").asText()).isEqualTo("a query parameter is unknown, given"
                + " twice or malformed (errors names it), or list filters are combined");
        assertProblems(list);
    }

    @Test
    void document_listOfAPartitionNeedingAFilter_saysSo() {
        // GIVEN a partition of users by id: listing needs the email filter
        Router router = Router.builder().resource("/users", users, ResourceOptions.builder()
                .listFilter("email", String.class, email -> Query.index("GSI1").partition("email", email))
                .build()).build();

        // WHEN
        JsonNode list = op(valid(router), "/users", "get");

        // THEN
        assertThat(list.get("description").asText()).isEqualTo("Needs one of the query parameters [email].");
        assertThat(list.at("/responses/400/description").asText()).isEqualTo("a query parameter is unknown, given"
                + " twice or malformed (errors names it), or no list filter is given");
    }

    @Test
    void document_read_honoursIfNoneMatchWith304AndAnswersTheItemWithItsETag() {
        // WHEN
        JsonNode read = op(valid(Router.builder().resource("/todos", todos).build()), "/todos/{id}", "get");

        // THEN
        assertThat(read.get("parameters")).isEqualTo(json("[{'name': 'id', 'in': 'path', 'required': true,"
                + " 'description': \"the Todo's id\", 'schema': {'type': 'string'}}, {'name': 'If-None-Match',"
                + " 'in': 'header', 'description': \"answers 304 without a body when the Todo's ETag is listed, or"
                + " for *\", 'schema': {'type': 'string'}}]"));
        assertThat(read.at("/responses/200")).isEqualTo(json("{'description': 'the Todo', 'content':"
                + " {'application/json': {'schema': {'$ref': '#/components/schemas/Todo'}}}, 'headers': {'ETag':"
                + " {'description': \"the Todo's version\", 'required': true, 'schema': {'type': 'string'}}}}"));
        assertThat(read.at("/responses/304")).isEqualTo(json("{'description': 'the Todo has the ETag If-None-Match"
                + " lists', 'headers': {'ETag': {'description': \"the Todo's version\", 'required': true, 'schema':"
                + " {'type': 'string'}}}}"));
        assertThat(names(read.get("responses"))).containsExactly("200", "304", "401", "404", "500", "503");
        assertProblems(read);
    }

    @Test
    void document_readOfAnEntityWithoutVersions_hasNoETagNorIfNoneMatchNor304() {
        // GIVEN an entity without versions: the read ignores If-None-Match
        record Tag(String ownerId, String id, String name) {
        }
        EntityRepository<Tag> tags = table.repository(io.github.dynacrud.entity.Entity.of(Tag.class)
                .partitionKey("USER#{ownerId}").sortKey("TAG#{id}").generatedId("id").owner("ownerId").build());

        // WHEN
        JsonNode document = valid(Router.builder().resource("/tags", tags).build());

        // THEN
        JsonNode read = op(document, "/tags/{id}", "get");
        assertThat(each(read.get("parameters"), "name")).containsExactly("id");
        assertThat(read.at("/responses/200").has("headers")).isFalse();
        assertThat(names(read.get("responses"))).containsExactly("200", "401", "404", "500", "503");
        assertThat(op(document, "/tags", "post").at("/responses/201/headers").has("ETag")).isFalse();
        assertThat(each(op(document, "/tags/{id}", "put").get("parameters"), "name"))
                .as("If-Match is still evaluated: any tag but * is a 412").containsExactly("id", "If-Match");
    }

    @Test
    void document_replacePatchAndDelete_takeIfMatchAndGive412() {
        // WHEN
        JsonNode document = valid(Router.builder().resource("/todos", todos).build());

        // THEN
        JsonNode replace = op(document, "/todos/{id}", "put");
        JsonNode patch = op(document, "/todos/{id}", "patch");
        JsonNode delete = op(document, "/todos/{id}", "delete");
        JsonNode ifMatch = json("{'name': 'If-Match', 'in': 'header', 'description': \"writes only when the Todo's"
                + " ETag is listed (412 otherwise); * for any version of an existing Todo\", 'schema': {'type':"
                + " 'string'}}");
        assertThat(List.of(replace, patch, delete)).allSatisfy(operation -> {
            assertThat(each(operation.get("parameters"), "name")).containsExactly("id", "If-Match");
            assertThat(operation.at("/parameters/1")).isEqualTo(ifMatch);
            assertThat(operation.at("/responses/412/description").asText())
                    .isEqualTo("If-Match names no current version of the Todo");
            assertProblems(operation);
        });
        assertThat(replace.get("requestBody")).isEqualTo(json("{'required': true, 'content': {'application/json':"
                + " {'schema': {'$ref': '#/components/schemas/TodoReplace'}}}}"));
        assertThat(patch.get("requestBody")).isEqualTo(json("{'required': true, 'content':"
                + " {'application/merge-patch+json': {'schema': {'$ref': '#/components/schemas/TodoPatch'}},"
                + " 'application/json': {'schema': {'$ref': '#/components/schemas/TodoPatch'}}}}"));
        assertThat(List.of(replace, patch)).allSatisfy(operation -> {
            assertThat(names(operation.get("responses")))
                    .containsExactly("200", "400", "401", "404", "412", "413", "415", "422", "500", "503");
            assertThat(operation.at("/responses/200/content/application~1json/schema"))
                    .isEqualTo(json("{'$ref': '#/components/schemas/Todo'}"));
            assertThat(operation.at("/responses/200/headers/ETag/required").asBoolean()).isTrue();
        });
        assertThat(names(delete.get("responses"))).containsExactly("204", "401", "404", "412", "500", "503");
        assertThat(delete.at("/responses/204")).isEqualTo(json("{'description': 'the Todo is deleted'}"));
    }

    @Test
    void document_nestedResourceWithParentAndInclude_bindsThePathAndListsParentProblems() {
        // GIVEN
        Router router = Router.builder()
                .resource("/notebooks", notebooks, ResourceOptions.builder().include("notes", notes).build())
                .resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
                        .parent(notebooks, "noteCount")
                        .listFilter("pinned", Boolean.class, pinned -> Query.index("GSI1")
                                .sortKey(SortKeyCondition.beginsWith(Map.of("pinned", pinned))))
                        .build())
                .build();

        // WHEN
        JsonNode document = valid(router);

        // THEN
        assertThat(names(document.get("paths"))).containsExactly("/notebooks", "/notebooks/{id}",
                "/notebooks/{notebookId}/notes", "/notebooks/{notebookId}/notes/{id}");
        JsonNode listNotes = op(document, "/notebooks/{notebookId}/notes", "get");
        assertThat(listNotes.get("operationId").asText()).isEqualTo("listNotes");
        assertThat(listNotes.at("/parameters/0")).isEqualTo(json("{'name': 'notebookId', 'in': 'path', 'required':"
                + " true, 'description': \"the notebookId of the Note's key\", 'schema': {'type': 'string'}}"));
        assertThat(each(listNotes.get("parameters"), "name")).containsExactly("notebookId", "limit", "cursor",
                "pinned");
        assertThat(listNotes.at("/responses/404/description").asText())
                .isEqualTo("the Notebook of the path does not exist for the caller");
        JsonNode createNote = op(document, "/notebooks/{notebookId}/notes", "post");
        assertThat(createNote.at("/responses/404/description").asText())
                .isEqualTo("the Notebook of the path does not exist for the caller");
        assertThat(each(op(document, "/notebooks/{notebookId}/notes/{id}", "delete").get("parameters"), "name"))
                .containsExactly("notebookId", "id", "If-Match");
        assertThat(op(document, "/notebooks/{notebookId}/notes/{id}", "delete").at("/responses/404/description")
                .asText()).isEqualTo("the Note does not exist for the caller, or its Notebook does not");
        JsonNode deleteNotebook = op(document, "/notebooks/{id}", "delete");
        assertThat(deleteNotebook.at("/responses/409/description").asText())
                .isEqualTo("the Notebook still has children");
        assertThat(op(document, "/todos/{id}", "delete").isMissingNode()).isTrue();
        JsonNode readNotebook = op(document, "/notebooks/{id}", "get");
        assertThat(each(readNotebook.get("parameters"), "name"))
                .containsExactly("id", "include", "limit", "If-None-Match");
        assertThat(readNotebook.at("/parameters/1/schema")).isEqualTo(json("{'type': 'string', 'enum':"
                + " ['notes']}"));
        assertThat(readNotebook.at("/responses/400/description").asText()).isEqualTo("include names no child, or"
                + " comes with a query parameter other than limit, or limit is out of range (errors names it)");
        assertThat(readNotebook.at("/parameters/2/description").asText())
                .isEqualTo("with include, the most children in their page");
        JsonNode withNotes = readNotebook.at("/responses/200/content/application~1json/schema");
        JsonNode notebook = document.at("/components/schemas/Notebook");
        assertThat(withNotes.get("additionalProperties")).isEqualTo(notebook.get("additionalProperties"));
        notebook.get("properties").fieldNames().forEachRemaining(field -> assertThat(withNotes.at("/properties/"
                + field)).as(field).isEqualTo(notebook.at("/properties/" + field)));
        assertThat(readNotebook.at("/responses/200/content/application~1json/schema/properties/notes"))
                .isEqualTo(json("{'type': 'object', 'description': 'with include=notes: the first page of these"
                        + " children', 'required': ['items', 'nextCursor'], 'properties': {'items': {'type':"
                        + " 'array', 'items': {'$ref': '#/components/schemas/Note'}}, 'nextCursor': {'description':"
                        + " 'continues the list; null on the last page', 'type': ['string', 'null']}}}"));
        assertThat(readNotebook.at("/responses/200/headers/ETag/required").asBoolean())
                .as("a read with include answers no ETag").isFalse();
        assertThat(document.get("tags")).extracting(tag -> tag.get("name").asText())
                .containsExactly("Notebook", "Note");
    }

    @Test
    void document_scopesOwnerClaimAndUniqueAttributes_giveSecurity403And409WhereTheyApply() {
        // GIVEN
        Router router = Router.builder()
                .resource("/users", users, ResourceOptions.builder()
                        .operations(Operation.CREATE, Operation.READ, Operation.PATCH, Operation.DELETE)
                        .scopes(Operation.CREATE, "users:write", "users:admin")
                        .build())
                .resource("/todos", todos, ResourceOptions.builder().ownerClaim("custom:tenant")
                        .operations(Operation.READ).build())
                .build();

        // WHEN
        JsonNode document = valid(router);

        // THEN
        JsonNode create = op(document, "/users", "post");
        assertThat(create.get("security")).isEqualTo(json("[{'bearer': ['users:admin', 'users:write']}]"));
        assertThat(create.at("/responses/403/description").asText())
                .isEqualTo("the caller lacks a scope of [users:admin, users:write]");
        assertThat(create.at("/responses/409/description").asText())
                .isEqualTo("a User with this id exists already; or another User has this email");
        assertThat(create.at("/responses/401/description").asText()).isEqualTo("no authenticated caller");
        JsonNode patch = op(document, "/users/{id}", "patch");
        assertThat(patch.get("security")).isEqualTo(json("[{'bearer': []}]"));
        assertThat(names(patch.get("responses")))
                .containsExactly("200", "400", "401", "404", "409", "412", "413", "415", "422", "500", "503");
        assertThat(patch.at("/responses/409/description").asText()).isEqualTo("another User has this email");
        assertThat(names(op(document, "/users/{id}", "delete").get("responses")))
                .containsExactly("204", "401", "404", "412", "500", "503");
        assertThat(names(document.at("/paths/~1users"))).containsExactly("post");
        assertThat(op(document, "/todos/{id}", "get").at("/responses/401/description").asText())
                .isEqualTo("no authenticated caller, or its token has no custom:tenant claim that can identify an owner");
    }

    @Test
    void document_idempotentCreate_takesTheKeyAndMarksReplays() {
        // GIVEN
        Router router = Router.builder().resource("/todos", todos, ResourceOptions.builder()
                .idempotency(Idempotency.of(IdempotencyStore.defaults())).build()).build();

        // WHEN
        JsonNode create = op(valid(router), "/todos", "post");

        // THEN
        assertThat(create.get("parameters")).isEqualTo(json("[{'name': 'Idempotency-Key', 'in': 'header',"
                + " 'description': 'makes the create idempotent: a repeat with this key, by the same caller,"
                + " answers the first response again', 'schema': {'type': 'string', 'minLength': 1,"
                + " 'maxLength': 255, 'pattern': '^[\\\\x21-\\\\x7E]+$'}}]"));
        assertThat(create.at("/responses/201/headers/Idempotent-Replayed")).isEqualTo(json("{'description':"
                + " 'true when this is the stored response of an earlier request with the same Idempotency-Key',"
                + " 'required': false, 'schema': {'type': 'string'}}"));
        assertThat(create.at("/responses/409/description").asText()).isEqualTo("a Todo with this id exists already;"
                + " or another request with this Idempotency-Key is being written (with Retry-After)");
        assertThat(create.at("/responses/409/headers/Retry-After/required").asBoolean()).isFalse();
        assertThat(create.at("/responses/422/description").asText()).isEqualTo("the Todo breaks a validation rule;"
                + " errors lists each field; or the Idempotency-Key came with another request");
        assertThat(create.at("/responses/400/description").asText()).endsWith(", or the Idempotency-Key is not 1 to"
                + " 255 visible ASCII characters");
    }

    @Test
    void document_basePathAndGroups_giveAServerAndPrefixedPaths() {
        // GIVEN
        Router router = Router.builder().basePath("/v1")
                .group("/admin", admin -> admin.resource("/todos", todos, ResourceOptions.builder()
                        .operations(Operation.LIST).build()))
                .build();

        // WHEN
        JsonNode document = valid(router);

        // THEN
        assertThat(document.get("servers")).isEqualTo(json("[{'url': '/v1'}]"));
        assertThat(names(document.get("paths"))).containsExactly("/admin/todos");
        assertThat(op(document, "/admin/todos", "get").get("operationId").asText()).isEqualTo("listTodos");
    }

    @Test
    void document_oneEntityMountedTwice_numbersTheSecondOperationIds() {
        // GIVEN
        Router router = Router.builder()
                .resource("/todos", todos, ResourceOptions.builder().operations(Operation.READ).build())
                .resource("/archive/todos", todos, ResourceOptions.builder().operations(Operation.READ).build())
                .build();

        // WHEN
        JsonNode document = valid(router);

        // THEN
        assertThat(op(document, "/todos/{id}", "get").get("operationId").asText()).isEqualTo("getTodo");
        assertThat(op(document, "/archive/todos/{id}", "get").get("operationId").asText()).isEqualTo("getTodo2");
    }

    @Test
    void document_problemSchema_isSharedByEveryErrorAndListsTheFieldsAtFault() {
        // WHEN
        JsonNode document = valid(Router.builder().resource("/todos", todos).build());

        // THEN
        assertThat(names(document.at("/components/schemas"))).containsExactlyInAnyOrder("Todo", "TodoCreate",
                "TodoReplace", "TodoPatch", "Problem");
        assertThat(document.at("/components/schemas/Problem")).isEqualTo(json("{'type': 'object', 'description':"
                + " 'RFC 9457 problem details', 'required': ['type', 'title', 'status'], 'properties': {"
                + "'type': {'type': 'string', 'format': 'uri-reference', 'description': 'the problem type;"
                + " about:blank when the status says it all'},"
                + " 'title': {'type': 'string', 'description': \"the status's reason phrase\"},"
                + " 'status': {'type': 'integer', 'description': 'the HTTP status'},"
                + " 'detail': {'type': 'string', 'description': 'what went wrong in this occurrence'},"
                + " 'instance': {'type': 'string', 'description': 'the request id, to quote when reporting it'},"
                + " 'errors': {'type': 'array', 'description': 'one entry per field at fault (400, 422)', 'items':"
                + " {'type': 'object', 'required': ['field', 'message'], 'properties': {'field': {'type': 'string',"
                + " 'description': 'the field or parameter, such as title or limit'}, 'message': {'type': 'string',"
                + " 'description': 'what is wrong with it'}}}}}}"));
    }

    @Test
    void document_ofAWholeApi_isValidAndGivesEveryOperationItsOwnId() {
        // GIVEN resources, custom routes with and without descriptions, a group, a base path and the document
        Router router = Router.builder().basePath("/v1")
                .resource("/todos", todos, ResourceOptions.builder()
                        .idempotency(Idempotency.of(IdempotencyStore.defaults()))
                        .scopes(Operation.DELETE, "todos:delete").build())
                .resource("/notebooks", notebooks, ResourceOptions.builder().include("notes", notes).build())
                .resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
                        .parent(notebooks, "noteCount").build())
                .get("/health", Described.handler(request -> HttpResponse.empty(204)).summary("Up").response(204))
                .group("/admin", admin -> admin.delete("/cache/{key+}", Access.scopes(
                        request -> HttpResponse.empty(204), "admin")))
                .openApi("/openapi.json", OpenApiDocuments.INFO)
                .build();

        // WHEN
        JsonNode document = valid(router);

        // THEN
        List<String> ids = new ArrayList<>();
        document.get("paths").forEach(item -> item.forEach(operation -> ids.add(operation.get("operationId")
                .asText())));
        assertThat(ids).containsExactly("createTodo", "listTodos", "getTodo", "replaceTodo", "patchTodo",
                "deleteTodo", "createNotebook", "listNotebooks", "getNotebook", "replaceNotebook", "patchNotebook",
                "deleteNotebook", "createNote", "listNotes", "getNote", "replaceNote", "patchNote", "deleteNote",
                "getHealth", "deleteAdminCacheByKey", "getOpenApiDocument");
        assertThat(document.get("servers")).isEqualTo(json("[{'url': '/v1'}]"));
        assertThat(op(document, "/admin/cache/{key}", "delete").get("security"))
                .isEqualTo(json("[{'bearer': ['admin']}]"));
        assertThat(op(document, "/health", "get").has("security")).isFalse();
    }

    @Test
    void messages_ofABrokenDocument_areReported() {
        // GIVEN an operation without responses, and a reference to nothing
        String broken = "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\":"
                + " {\"/a\": {\"get\": {\"requestBody\": {\"content\": {\"application/json\": {\"schema\":"
                + " {\"$ref\": \"#/components/schemas/Missing\"}}}}}}}}";

        // WHEN / THEN
        assertThat(OpenApiDocuments.messages(broken)).isNotEmpty();
    }

    /** Every 4xx and 5xx response of an operation is a problem. */
    private static void assertProblems(JsonNode operation) {
        operation.get("responses").properties().forEach(response -> {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                assertThat(response.getValue().get("content")).as(response.getKey()).isEqualTo(json(PROBLEM));
            }
        });
    }

    private static JsonNode op(JsonNode document, String path, String method) {
        return document.path("paths").path(path).path(method);
    }
}

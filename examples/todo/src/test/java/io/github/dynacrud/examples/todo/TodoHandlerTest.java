package io.github.dynacrud.examples.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.test.HttpApiEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Unit tests of the todo API as its users write them: the real handler, router, JSON, validation and repository, with
 * Mockito only in place of the {@link DynamoDbClient}, whose requests are captured and checked.
 */
class TodoHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final String ID = "01JD0000000000000000000001";
    private static final String CREATED_AT = "2026-01-02T03:04:05.678Z";
    private static final String UPDATED_AT = "2026-01-03T04:05:06.789Z";

    private DynamoDbClient dynamoDb;
    private TodoHandler handler;

    @BeforeEach
    void newHandler() {
        dynamoDb = mock(DynamoDbClient.class);
        handler = new TodoHandler(table());
    }

    @Test
    void tableConstructor_needsNoEnvironment_whileLambdasConstructorNamesTheMissingVariable() {
        // GIVEN a test JVM without TABLE_NAME, as in a fresh project
        assertThat(System.getenv(SingleTable.TABLE_NAME_VARIABLE)).isNull();
        when(dynamoDb.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(List.of()).build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpApiEvents.get("/todos").subject("user-1").build(),
                null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(HttpApiEvents.json(response).get("items")).isEmpty();
        ArgumentCaptor<QueryRequest> query = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamoDb).query(query.capture());
        assertThat(query.getValue().tableName()).isEqualTo("todos");
        assertThatThrownBy(TodoHandler::new).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SingleTable.TABLE_NAME_VARIABLE);
    }

    @Test
    void create_validTodo_putsItInTheCallersPartitionOnlyIfNewAndAnswers201WithLocationAndETag() throws Exception {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpApiEvents.post("/todos").subject("user-1")
                .json("{\"title\": \"Write the tests\", \"dueDate\": \"2026-12-01\"}").build(), null);

        // THEN
        Instant after = Instant.now();
        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = HttpApiEvents.json(response);
        String id = body.path("id").asText();
        assertThat(id).matches(ULID);
        assertThat(response.getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "content-type", "application/json",
                "etag", "\"1\"",
                "location", "/todos/" + id));
        String createdAt = body.path("createdAt").asText();
        assertThat(Instant.parse(createdAt)).isBetween(before, after);
        assertThat(body).isEqualTo(json("""
                {"id": "%s", "title": "Write the tests", "done": false, "dueDate": "2026-12-01", "version": 1,
                 "createdAt": "%s", "updatedAt": "%s"}""".formatted(id, createdAt, createdAt)));

        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb).putItem(put.capture());
        verifyNoMoreInteractions(dynamoDb);
        assertThat(put.getValue().tableName()).isEqualTo("todos");
        assertThat(put.getValue().conditionExpression()).isEqualTo("attribute_not_exists(PK)");
        assertThat(put.getValue().item()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("PK", s("USER#user-1")),
                Map.entry("SK", s("TODO#" + id)),
                Map.entry("GSI1PK", s("USER#user-1")),
                Map.entry("GSI1SK", s("DONE#false#" + id)),
                Map.entry("_type", s("Todo")),
                Map.entry("ownerId", s("user-1")),
                Map.entry("id", s(id)),
                Map.entry("title", s("Write the tests")),
                Map.entry("done", AttributeValue.fromBool(false)),
                Map.entry("dueDate", s("2026-12-01")),
                Map.entry("version", AttributeValue.fromN("1")),
                Map.entry("createdAt", s(createdAt)),
                Map.entry("updatedAt", s(createdAt))));
    }

    @Test
    void create_readOnlyFieldsInTheBody_areIgnored() throws Exception {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpApiEvents.post("/todos").subject("user-1")
                .json("{\"title\": \"Mine\", \"id\": \"chosen\", \"version\": 7, \"createdAt\": \"2000-01-01T00:00:00Z\","
                        + " \"updatedAt\": \"2000-01-01T00:00:00Z\"}").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = HttpApiEvents.json(response);
        assertThat(body.path("id").asText()).matches(ULID);
        assertThat(body.path("version").asInt()).isEqualTo(1);
        assertThat(body.path("createdAt").asText()).isNotEqualTo("2000-01-01T00:00:00Z");
        assertThat(HttpApiEvents.header(response, "ETag")).hasValue("\"1\"");
    }

    @Test
    void get_existingTodo_readsTheCallersKeyConsistentlyAndAnswers200WithETag() throws Exception {
        // GIVEN
        when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder()
                .item(storedTodo("user-1", ID, "Write the tests", true, "2026-12-01", 3)).build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.get("/todos/" + ID).subject("user-1").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "content-type", "application/json",
                "etag", "\"3\""));
        assertThat(HttpApiEvents.json(response)).isEqualTo(json("""
                {"id": "%s", "title": "Write the tests", "done": true, "dueDate": "2026-12-01", "version": 3,
                 "createdAt": "%s", "updatedAt": "%s"}""".formatted(ID, CREATED_AT, UPDATED_AT)));

        ArgumentCaptor<GetItemRequest> get = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamoDb).getItem(get.capture());
        verifyNoMoreInteractions(dynamoDb);
        assertThat(get.getValue().tableName()).isEqualTo("todos");
        assertThat(get.getValue().key()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PK", s("USER#user-1"),
                "SK", s("TODO#" + ID)));
        assertThat(get.getValue().consistentRead()).isTrue();
    }

    @Test
    void get_withoutSubject_answers401WithoutTouchingDynamoDb() throws Exception {
        // GIVEN
        var event = HttpApiEvents.get("/todos/" + ID).requestId("req-401").build();

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "content-type", "application/problem+json",
                "www-authenticate", "Bearer"));
        assertThat(HttpApiEvents.json(response)).isEqualTo(json("""
                {"type": "about:blank", "title": "Unauthorized", "status": 401,
                 "detail": "this route needs an authenticated caller", "instance": "req-401"}"""));
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void get_noSuchItem_answers404Problem() throws Exception {
        // GIVEN
        when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.get("/todos/" + ID).subject("user-1").requestId("req-404").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsExactlyEntriesOf(Map.of("content-type", "application/problem+json"));
        assertThat(HttpApiEvents.json(response)).isEqualTo(json("""
                {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "Todo not found",
                 "instance": "req-404"}"""));
        verify(dynamoDb).getItem(any(GetItemRequest.class));
        verifyNoMoreInteractions(dynamoDb);
    }

    @Test
    void list_doneTrue_runsOneQueryOnGsi1ForTheCallersDoneTodosOldestFirst() throws Exception {
        // GIVEN
        when(dynamoDb.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder()
                .items(List.of(storedTodo("user-1", ID, "Write the tests", true, null, 2))).count(1).build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.get("/todos?done=true").subject("user-1").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsExactlyEntriesOf(Map.of("content-type", "application/json"));
        assertThat(HttpApiEvents.json(response)).isEqualTo(json("""
                {"items": [{"id": "%s", "title": "Write the tests", "done": true, "dueDate": null, "version": 2,
                            "createdAt": "%s", "updatedAt": "%s"}],
                 "nextCursor": null}""".formatted(ID, CREATED_AT, UPDATED_AT)));

        ArgumentCaptor<QueryRequest> query = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamoDb).query(query.capture());
        verifyNoMoreInteractions(dynamoDb);
        QueryRequest request = query.getValue();
        assertThat(request.tableName()).isEqualTo("todos");
        assertThat(request.indexName()).isEqualTo("GSI1");
        assertThat(resolve(request.keyConditionExpression(), request.expressionAttributeNames(),
                request.expressionAttributeValues()))
                .isEqualTo("GSI1PK = 'USER#user-1' AND begins_with(GSI1SK, 'DONE#true#')");
        assertThat(resolve(request.filterExpression(), request.expressionAttributeNames(),
                request.expressionAttributeValues())).isEqualTo("_type = 'Todo'");
        assertThat(request.scanIndexForward()).isTrue();
        assertThat(request.limit()).isEqualTo(20);
        assertThat(request.consistentRead()).isFalse();
        assertThat(request.hasExclusiveStartKey()).isFalse();
    }

    @Test
    void list_limitZero_answers400NamingLimitWithoutTouchingDynamoDb() throws Exception {
        // GIVEN
        var event = HttpApiEvents.get("/todos?limit=0").subject("user-1").requestId("req-limit").build();

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsExactlyEntriesOf(Map.of("content-type", "application/problem+json"));
        assertThat(HttpApiEvents.json(response)).isEqualTo(json("""
                {"type": "about:blank", "title": "Bad Request", "status": 400,
                 "detail": "limit: must be an integer from 1 to 100", "instance": "req-limit",
                 "errors": [{"field": "limit", "message": "must be an integer from 1 to 100"}]}"""));
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void create_textPlainBody_answers415WithoutTouchingDynamoDb() throws Exception {
        // GIVEN
        var event = HttpApiEvents.post("/todos").subject("user-1").header("Content-Type", "text/plain")
                .body("{\"title\": \"Write the tests\"}").requestId("req-415").build();

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getHeaders()).containsExactlyEntriesOf(Map.of("content-type", "application/problem+json"));
        assertThat(HttpApiEvents.json(response)).isEqualTo(json("""
                {"type": "about:blank", "title": "Unsupported Media Type", "status": 415,
                 "detail": "send the body as application/json or application/merge-patch+json",
                 "instance": "req-415"}"""));
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void create_blankTitle_answers422WithTheFieldErrorWithoutTouchingDynamoDb() throws Exception {
        // GIVEN
        var event = HttpApiEvents.post("/todos").subject("user-1").json("{\"title\": \"   \"}")
                .requestId("req-422").build();

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getHeaders()).containsExactlyEntriesOf(Map.of("content-type", "application/problem+json"));
        assertThat(HttpApiEvents.json(response)).isEqualTo(json("""
                {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
                 "detail": "title: must not be blank", "instance": "req-422",
                 "errors": [{"field": "title", "message": "must not be blank"}]}"""));
        verifyNoInteractions(dynamoDb);
    }

    @ParameterizedTest(name = "dueDate \"{0}\" -> 400")
    @ValueSource(strings = {"2026-1-01", "20261201", "2026-12-01T00:00:00Z", "+12026-01-01", "-0001-01-01"})
    void create_dueDateNotInYyyyMmDdForm_answers400NamingDueDate(String dueDate) throws Exception {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        var event = HttpApiEvents.post("/todos").subject("user-1")
                .json("{\"title\": \"Dated\", \"dueDate\": \"" + dueDate + "\"}").build();

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN the representation promises dueDate as YYYY-MM-DD, so nothing else is stored or echoed
        assertThat(response.getStatusCode()).as("status, body %s", response.getBody()).isEqualTo(400);
        assertThat(HttpApiEvents.json(response).path("errors")).isEqualTo(json(
                "[{\"field\": \"dueDate\", \"message\": \"has the wrong type or format\"}]"));
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void replace_staleIfMatch_answers412FromTheConditionWithoutASecondRead() throws Exception {
        // GIVEN
        when(dynamoDb.updateItem(any(UpdateItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder()
                .message("The conditional request failed")
                .item(storedTodo("user-1", ID, "Newer title", false, null, 2)).build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpApiEvents.put("/todos/" + ID).subject("user-1")
                .header("If-Match", "\"1\"").json("{\"title\": \"Stale title\"}").requestId("req-412").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(412);
        assertThat(HttpApiEvents.json(response)).isEqualTo(json("""
                {"type": "about:blank", "title": "Precondition Failed", "status": 412,
                 "detail": "Todo was changed by another request; read it again and retry", "instance": "req-412"}"""));
        ArgumentCaptor<UpdateItemRequest> update = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(dynamoDb).updateItem(update.capture());
        verifyNoMoreInteractions(dynamoDb);
        UpdateItemRequest request = update.getValue();
        assertThat(request.key()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PK", s("USER#user-1"),
                "SK", s("TODO#" + ID)));
        assertThat(resolve(request.conditionExpression(), request.expressionAttributeNames(),
                request.expressionAttributeValues()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Todo' AND version = 1");
        assertThat(request.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    }

    @Test
    void patch_nullDueDate_removesItInOneUpdateAndAnswers200WithTheNextVersion() throws Exception {
        // GIVEN
        when(dynamoDb.updateItem(any(UpdateItemRequest.class))).thenReturn(UpdateItemResponse.builder()
                .attributes(storedTodo("user-1", ID, "Write the tests", false, null, 3)).build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpApiEvents.patch("/todos/" + ID)
                .subject("user-1").header("Content-Type", "application/merge-patch+json")
                .body("{\"dueDate\": null}").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(HttpApiEvents.header(response, "ETag")).hasValue("\"3\"");
        assertThat(HttpApiEvents.json(response).path("dueDate").isNull()).isTrue();
        ArgumentCaptor<UpdateItemRequest> update = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(dynamoDb).updateItem(update.capture());
        verifyNoMoreInteractions(dynamoDb);
        UpdateItemRequest request = update.getValue();
        String expression = resolve(request.updateExpression(), request.expressionAttributeNames(),
                request.expressionAttributeValues());
        assertThat(expression).contains("REMOVE dueDate").contains("version = if_not_exists(version, 0) + 1")
                .doesNotContain("title").doesNotContain("GSI1");
        assertThat(resolve(request.conditionExpression(), request.expressionAttributeNames(),
                request.expressionAttributeValues())).isEqualTo("attribute_exists(PK) AND _type = 'Todo'");
    }

    @Test
    void delete_noSuchItem_answers404FromTheCondition() throws Exception {
        // GIVEN
        when(dynamoDb.deleteItem(any(DeleteItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder()
                .message("The conditional request failed").build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.delete("/todos/" + ID).subject("user-2").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(HttpApiEvents.json(response).path("status").asInt()).isEqualTo(404);
        ArgumentCaptor<DeleteItemRequest> delete = ArgumentCaptor.forClass(DeleteItemRequest.class);
        verify(dynamoDb).deleteItem(delete.capture());
        verifyNoMoreInteractions(dynamoDb);
        assertThat(delete.getValue().key()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PK", s("USER#user-2"),
                "SK", s("TODO#" + ID)));
    }

    @Test
    void delete_existingItem_answers204WithoutBody() {
        // GIVEN
        when(dynamoDb.deleteItem(any(DeleteItemRequest.class))).thenReturn(DeleteItemResponse.builder().build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.delete("/todos/" + ID).subject("user-1").header("If-Match", "\"4\"").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getHeaders()).isEmpty();
        assertThat(response.getBody()).isEmpty();
        ArgumentCaptor<DeleteItemRequest> delete = ArgumentCaptor.forClass(DeleteItemRequest.class);
        verify(dynamoDb).deleteItem(delete.capture());
        DeleteItemRequest request = delete.getValue();
        assertThat(resolve(request.conditionExpression(), request.expressionAttributeNames(),
                request.expressionAttributeValues()))
                .isEqualTo("attribute_exists(PK) AND _type = 'Todo' AND version = 4");
    }

    @Test
    void preflight_anyOriginByDefault_answers204WithAllowHeadersWithoutAuthOrDynamoDb() {
        // GIVEN
        var event = HttpApiEvents.request("OPTIONS", "/todos/" + ID).header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "content-type, if-match").build();

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "access-control-allow-origin", "*",
                "access-control-allow-methods", "GET, HEAD, POST, PUT, PATCH, DELETE",
                "access-control-allow-headers", "Content-Type, Authorization, If-Match, If-None-Match, Idempotency-Key",
                "access-control-max-age", "600"));
        assertThat(response.getBody()).isEmpty();
        verifyNoInteractions(dynamoDb);
    }

    private SingleTable table() {
        return SingleTable.builder().client(dynamoDb).tableName("todos").build();
    }

    @Test
    void allowedOrigins_oneOrigin_echoesItAndGivesOtherOriginsNoAllowOrigin() {
        // GIVEN
        TodoHandler restricted = new TodoHandler(table(), "https://app.example.com");
        when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder()
                .item(storedTodo("user-1", ID, "Write the tests", false, null, 1)).build());

        // WHEN
        APIGatewayV2HTTPResponse allowedPreflight = restricted.handleRequest(preflight("https://app.example.com"),
                null);
        APIGatewayV2HTTPResponse otherPreflight = restricted.handleRequest(preflight("https://evil.example.com"),
                null);
        APIGatewayV2HTTPResponse allowedGet = restricted.handleRequest(HttpApiEvents.get("/todos/" + ID)
                .subject("user-1").header("Origin", "https://app.example.com").build(), null);
        APIGatewayV2HTTPResponse otherGet = restricted.handleRequest(HttpApiEvents.get("/todos/" + ID)
                .subject("user-1").header("Origin", "https://evil.example.com").build(), null);

        // THEN
        assertThat(allowedPreflight.getStatusCode()).isEqualTo(204);
        assertThat(allowedPreflight.getHeaders())
                .containsEntry("access-control-allow-origin", "https://app.example.com")
                .containsEntry("vary", "Origin");
        assertThat(otherPreflight.getHeaders()).doesNotContainKey("access-control-allow-origin");
        assertThat(otherPreflight.getStatusCode()).isEqualTo(403);

        assertThat(allowedGet.getStatusCode()).isEqualTo(200);
        assertThat(allowedGet.getHeaders())
                .containsEntry("access-control-allow-origin", "https://app.example.com")
                .containsEntry("access-control-expose-headers", "ETag, Location, Idempotent-Replayed")
                .containsEntry("vary", "Origin");
        assertThat(otherGet.getStatusCode()).isEqualTo(200);
        assertThat(otherGet.getHeaders()).doesNotContainKey("access-control-allow-origin")
                .containsEntry("vary", "Origin");
    }

    @Test
    void allowedOrigins_commaSeparatedList_allowsEachOrigin() {
        // GIVEN
        TodoHandler restricted = new TodoHandler(table(), "https://app.example.com, http://localhost:5173");

        // WHEN
        APIGatewayV2HTTPResponse first = restricted.handleRequest(preflight("https://app.example.com"), null);
        APIGatewayV2HTTPResponse second = restricted.handleRequest(preflight("http://localhost:5173"), null);

        // THEN
        assertThat(first.getStatusCode()).isEqualTo(204);
        assertThat(first.getHeaders()).containsEntry("access-control-allow-origin", "https://app.example.com");
        assertThat(second.getStatusCode()).isEqualTo(204);
        assertThat(second.getHeaders()).containsEntry("access-control-allow-origin", "http://localhost:5173");
        verifyNoInteractions(dynamoDb);
    }

    static Stream<Arguments> malformedEvents() {
        return Stream.of(
                Arguments.of("a broken path encoding", HttpApiEvents.get("/todos/%ZZ").subject("user-1"), 400),
                Arguments.of("a broken query encoding", HttpApiEvents.get("/todos").subject("user-1"), 400),
                Arguments.of("an id that could forge a key", HttpApiEvents.get("/todos/a%23b").subject("user-1"), 404),
                Arguments.of("a body that is not base64", HttpApiEvents.post("/todos").subject("user-1")
                        .header("Content-Type", "application/json").body(new byte[] {'{'}), 400),
                Arguments.of("an unknown field", HttpApiEvents.post("/todos").subject("user-1")
                        .json("{\"title\": \"a\", \"tags\": []}"), 400),
                Arguments.of("a wrong type", HttpApiEvents.post("/todos").subject("user-1")
                        .json("{\"title\": \"a\", \"dueDate\": 20261201}"), 400),
                Arguments.of("a body over 256 KB", HttpApiEvents.post("/todos").subject("user-1")
                        .json("{\"title\": \"" + "x".repeat(256 * 1024) + "\"}"), 413),
                Arguments.of("an unknown path", HttpApiEvents.get("/tasks").subject("user-1"), 404));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformedEvents")
    void malformedRequest_answersAProblemWithoutTouchingDynamoDb(String description, HttpApiEvents.Builder event,
            int status) throws Exception {
        // GIVEN
        var request = event.requestId("req-bad").build();
        if (description.equals("a broken query encoding")) {
            // HttpApiEvents decodes the query it is given, so it cannot build this one: API Gateway passes it raw.
            request.setRawQueryString("limit=%ZZ");
        }

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = HttpApiEvents.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("instance").asText()).isEqualTo("req-bad");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void eventWithoutRequestContext_answers400() throws Exception {
        // GIVEN
        var event = new com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent();

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(HttpApiEvents.json(response).path("status").asInt()).isEqualTo(400);
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void itemPathWithPost_answers405WithAllow() throws Exception {
        // GIVEN
        var event = HttpApiEvents.post("/todos/" + ID).subject("user-1").json("{}").requestId("req-405").build();

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "content-type", "application/problem+json",
                "allow", "DELETE, GET, HEAD, PATCH, PUT"));
        assertThat(HttpApiEvents.json(response)).isEqualTo(json("""
                {"type": "about:blank", "title": "Method Not Allowed", "status": 405,
                 "detail": "this path does not answer POST", "instance": "req-405"}"""));
        verifyNoInteractions(dynamoDb);
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent preflight(String origin) {
        return HttpApiEvents.request("OPTIONS", "/todos").header("Origin", origin)
                .header("Access-Control-Request-Method", "POST").build();
    }

    /** A todo item as the table stores it. */
    private static Map<String, AttributeValue> storedTodo(String owner, String id, String title, boolean done,
            String dueDate, int version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", s("USER#" + owner));
        item.put("SK", s("TODO#" + id));
        item.put("GSI1PK", s("USER#" + owner));
        item.put("GSI1SK", s("DONE#" + done + "#" + id));
        item.put("_type", s("Todo"));
        item.put("ownerId", s(owner));
        item.put("id", s(id));
        item.put("title", s(title));
        item.put("done", AttributeValue.fromBool(done));
        if (dueDate != null) {
            item.put("dueDate", s(dueDate));
        }
        item.put("version", AttributeValue.fromN(Integer.toString(version)));
        item.put("createdAt", s(CREATED_AT));
        item.put("updatedAt", s(UPDATED_AT));
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** Spells an expression with its placeholders replaced: names as themselves, string values in quotes. */
    private static String resolve(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        Matcher placeholder = Pattern.compile("[#:][A-Za-z0-9_]+").matcher(expression);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            String token = placeholder.group();
            String replacement;
            if (token.startsWith("#")) {
                assertThat(names).containsKey(token);
                replacement = names.get(token);
            } else {
                assertThat(values).containsKey(token);
                AttributeValue value = values.get(token);
                replacement = value.s() != null ? "'" + value.s() + "'" : value.n() != null ? value.n()
                        : String.valueOf(value.bool());
            }
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(resolved);
        return resolved.toString();
    }
}

package io.github.dynacrud.benchmarks.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Http;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** The hand-written handler end to end, with Mockito only in place of the DynamoDB client. */
class BaselineTodoHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final String CREATED_AT = "2026-01-02T03:04:05.678Z";
    private static final String UPDATED_AT = "2026-01-03T04:05:06.789Z";

    private DynamoDbClient dynamoDb;
    private BaselineTodoHandler handler;

    @BeforeEach
    void newHandler() {
        dynamoDb = mock(DynamoDbClient.class);
        handler = new BaselineTodoHandler(dynamoDb, Map.of("TABLE_NAME", "todos"));
    }

    @Test
    void create_validTodo_putsItemOnlyIfNewAndAnswers201() throws Exception {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        Instant before = Instant.now();

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("POST", "/todos", null,
                "{\"title\": \"Write the tests\", \"done\": true, \"dueDate\": \"2026-12-01\"}", "user-1"), null);

        // THEN
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb).putItem(put.capture());
        Map<String, AttributeValue> item = put.getValue().item();
        String id = item.get("id").s();
        String createdAt = item.get("createdAt").s();
        assertThat(id).matches(UUID);
        assertThat(Instant.parse(createdAt)).isBetween(before, Instant.now());
        assertThat(put.getValue().tableName()).isEqualTo("todos");
        assertThat(put.getValue().conditionExpression()).isEqualTo("attribute_not_exists(PK)");
        assertThat(item).isEqualTo(Map.ofEntries(Map.entry("PK", s("USER#user-1")), Map.entry("SK", s("TODO#" + id)),
                Map.entry("GSI1PK", s("USER#user-1")), Map.entry("GSI1SK", s("DONE#true#" + id)),
                Map.entry("_type", s("Todo")), Map.entry("ownerId", s("user-1")), Map.entry("id", s(id)),
                Map.entry("title", s("Write the tests")), Map.entry("done", AttributeValue.fromBool(true)),
                Map.entry("dueDate", s("2026-12-01")), Map.entry("version", AttributeValue.fromN("1")),
                Map.entry("createdAt", s(createdAt)), Map.entry("updatedAt", s(createdAt))));
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsOnly(Map.entry("content-type", "application/json"),
                Map.entry("location", "/todos/" + id), Map.entry("etag", "\"1\""));
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(JSON.readTree(response.getBody())).isEqualTo(JSON.readTree("{\"id\": \"" + id + "\", "
                + "\"title\": \"Write the tests\", \"done\": true, \"dueDate\": \"2026-12-01\", \"version\": 1, "
                + "\"createdAt\": \"" + createdAt + "\", \"updatedAt\": \"" + createdAt + "\"}"));
    }

    @Test
    void create_base64TitleOnly_storesNotDoneWithoutDueDate() throws Exception {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        APIGatewayV2HTTPEvent event = event("POST", "/todos", null,
                Base64.getEncoder().encodeToString("{\"title\": \"Déjà vu\"}".getBytes(StandardCharsets.UTF_8)),
                "user-1");
        event.setIsBase64Encoded(true);

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb).putItem(put.capture());
        Map<String, AttributeValue> item = put.getValue().item();
        String id = item.get("id").s();
        assertThat(item).doesNotContainKey("dueDate")
                .containsEntry("title", s("Déjà vu"))
                .containsEntry("done", AttributeValue.fromBool(false))
                .containsEntry("GSI1SK", s("DONE#false#" + id));
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("location", "/todos/" + id);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.has("dueDate")).isFalse();
        assertThat(body.get("title").textValue()).isEqualTo("Déjà vu");
        assertThat(body.get("done").booleanValue()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"title\": \"   \"}", "{\"done\": true}", "{\"title\": null}", "{\"title\": \"%s\"}"})
    void create_blankMissingOrLongTitle_answers422WithoutWriting(String body) throws Exception {
        // GIVEN
        String json = String.format(body, "x".repeat(201));

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("POST", "/todos", null, json, "user-1"), null);

        // THEN
        assertProblem(response, 422, "Unprocessable Content");
        assertThat(JSON.readTree(response.getBody()).get("detail").textValue()).startsWith("'title' ");
        verifyNoInteractions(dynamoDb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"title\": \"a\", \"ownerId\": \"user-2\"}", "{\"title\": ", "[]", "null", "",
        "{\"title\": \"a\"} {}", "{\"title\": \"a\", \"title\": \"b\"}", "{\"title\": 5}",
        "{\"title\": \"a\", \"done\": \"yes\"}", "{\"title\": \"a\", \"dueDate\": \"tomorrow\"}"})
    void create_unknownFieldWrongTypeOrMalformedJson_answers400WithoutWriting(String body) throws Exception {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("POST", "/todos", null, body, "user-1"), null);

        // THEN
        assertProblem(response, 400, "Bad Request");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void create_withoutBody_answers400WithoutWriting() throws Exception {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("POST", "/todos", null, null, "user-1"), null);

        // THEN
        assertProblem(response, 400, "Bad Request");
        assertThat(JSON.readTree(response.getBody()).get("detail").textValue()).isEqualTo("a JSON body is required");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void create_itemAlreadyExists_answers409() throws Exception {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder().message("The conditional request failed").build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("POST", "/todos", null, "{\"title\": \"a\"}", "user-1"), null);

        // THEN
        assertProblem(response, 409, "Conflict");
        assertThat(response.getBody()).doesNotContain("conditional request");
    }

    @Test
    void create_withoutSubClaim_answers401WithoutCallingDynamoDb() throws Exception {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("POST", "/todos", null, "{\"title\": \"a\"}", null), null);

        // THEN
        assertProblem(response, 401, "Unauthorized");
        assertThat(response.getHeaders()).containsEntry("www-authenticate", "Bearer");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void get_existingTodo_readsTheCallersKeyAndAnswers200WithETag() throws Exception {
        // GIVEN
        when(dynamoDb.getItem(any(GetItemRequest.class)))
                .thenReturn(GetItemResponse.builder().item(storedItem("t-1", 3)).build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", "/todos/t-1", null, null, "user-1"), null);

        // THEN
        ArgumentCaptor<GetItemRequest> get = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamoDb).getItem(get.capture());
        assertThat(get.getValue().tableName()).isEqualTo("todos");
        assertThat(get.getValue().key()).isEqualTo(Map.of("PK", s("USER#user-1"), "SK", s("TODO#t-1")));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsOnly(Map.entry("content-type", "application/json"),
                Map.entry("etag", "\"3\""));
        assertThat(JSON.readTree(response.getBody())).isEqualTo(todoJson("t-1", 3));
    }

    @Test
    void get_missingTodo_answers404() throws Exception {
        // GIVEN
        when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", "/todos/t-9", null, null, "user-1"), null);

        // THEN
        assertProblem(response, 404, "Not Found");
        verify(dynamoDb).getItem(any(GetItemRequest.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/todos/", "/todos/a#b", "/todos/a/b", "/todo", "/", ""})
    void get_idThatCannotNameATodoOrUnknownPath_answers404WithoutReading(String path) throws Exception {
        // GIVEN
        String longId = "/todos/" + "x".repeat(257);

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", path, null, null, "user-1"), null);
        APIGatewayV2HTTPResponse tooLong = handler.handleRequest(event("GET", longId, null, null, "user-1"), null);

        // THEN
        assertProblem(response, 404, "Not Found");
        assertProblem(tooLong, 404, "Not Found");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void list_withLimit_queriesOnePageAndItsNextCursorResumesAfterTheLastKey() throws Exception {
        // GIVEN
        Map<String, AttributeValue> lastKey = Map.of("PK", s("USER#user-1"), "SK", s("TODO#t-2"));
        when(dynamoDb.query(any(QueryRequest.class)))
                .thenReturn(QueryResponse.builder().items(List.of(storedItem("t-1", 1), storedItem("t-2", 2)))
                        .lastEvaluatedKey(lastKey).build())
                .thenReturn(QueryResponse.builder().items(List.of(storedItem("t-3", 1))).build());

        // WHEN
        APIGatewayV2HTTPResponse first = handler.handleRequest(event("GET", "/todos", "limit=2", null, "user-1"), null);
        String cursor = JSON.readTree(first.getBody()).get("nextCursor").textValue();
        APIGatewayV2HTTPResponse second = handler.handleRequest(
                event("GET", "/todos", "limit=2&cursor=" + cursor, null, "user-1"), null);

        // THEN
        ArgumentCaptor<QueryRequest> query = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamoDb, times(2)).query(query.capture());
        QueryRequest firstQuery = query.getAllValues().get(0);
        assertThat(firstQuery.tableName()).isEqualTo("todos");
        assertThat(firstQuery.keyConditionExpression()).isEqualTo("PK = :pk AND begins_with(SK, :sk)");
        assertThat(firstQuery.expressionAttributeValues())
                .isEqualTo(Map.of(":pk", s("USER#user-1"), ":sk", s("TODO#")));
        assertThat(firstQuery.limit()).isEqualTo(2);
        assertThat(firstQuery.hasExclusiveStartKey()).isFalse();
        assertThat(query.getAllValues().get(1).exclusiveStartKey()).isEqualTo(lastKey);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8))
                .isEqualTo("{\"PK\":\"USER#user-1\",\"SK\":\"TODO#t-2\"}");
        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(first.getHeaders()).containsOnly(Map.entry("content-type", "application/json"));
        assertThat(JSON.readTree(first.getBody()).get("items"))
                .containsExactly(todoJson("t-1", 1), todoJson("t-2", 2));
        ObjectNode lastPage = JSON.createObjectNode().putNull("nextCursor");
        lastPage.putArray("items").add(todoJson("t-3", 1));
        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(JSON.readTree(second.getBody())).isEqualTo(lastPage);
    }

    @Test
    void list_withoutQuery_asksForTheDefaultPageOfTwenty() throws Exception {
        // GIVEN
        when(dynamoDb.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", "/todos", null, null, "user-1"), null);

        // THEN
        ArgumentCaptor<QueryRequest> query = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamoDb).query(query.capture());
        assertThat(query.getValue().limit()).isEqualTo(20);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.getBody())).isEqualTo(JSON.readTree("{\"items\": [], \"nextCursor\": null}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "limit=", "limit", "limit=2.5", "limit=1&limit=2",
        "done=true", "limit=%zz", "cursor=", "cursor=!!!", "cursor=bm90IGpzb24", "cursor=eyJQSyI6IlVTRVIjdXNlci0xIn0",
        "cursor=eyJQSyI6IlVTRVIjdXNlci0yIiwiU0siOiJUT0RPI3QtMSJ9",
        "cursor=eyJQSyI6IlVTRVIjdXNlci0xIiwiU0siOiJQUk9GSUxFIn0"})
    void list_badLimitUnknownParameterOrForeignCursor_answers400WithoutQuerying(String query) throws Exception {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", "/todos", query, null, "user-1"), null);

        // THEN
        assertProblem(response, 400, "Bad Request");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void list_cursorOfAnotherUser_isRefusedAsNotOurs() throws Exception {
        // GIVEN
        String foreign = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"PK\":\"USER#user-2\",\"SK\":\"TODO#t-1\"}".getBytes(StandardCharsets.UTF_8));

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("GET", "/todos", "cursor=" + foreign, null, "user-1"), null);

        // THEN
        assertProblem(response, 400, "Bad Request");
        assertThat(JSON.readTree(response.getBody()).get("detail").textValue())
                .isEqualTo("'cursor' is not a cursor this API returned");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void patch_titleAndDoneWithIfMatch_updatesInOneConditionedRequestAndAnswers200WithTheNewItem() throws Exception {
        // GIVEN
        Map<String, AttributeValue> updated = new HashMap<>(storedItem("t-1", 4));
        updated.put("title", s("Ship it"));
        updated.put("done", AttributeValue.fromBool(true));
        when(dynamoDb.updateItem(any(UpdateItemRequest.class)))
                .thenReturn(UpdateItemResponse.builder().attributes(updated).build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("PATCH", "/todos/t-1", null,
                "{\"title\": \"Ship it\", \"done\": true, \"version\": 3}", "user-1", Map.of("if-match", "\"3\"")),
                null);

        // THEN
        ArgumentCaptor<UpdateItemRequest> update = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(dynamoDb).updateItem(update.capture());
        UpdateItemRequest request = update.getValue();
        assertThat(request.tableName()).isEqualTo("todos");
        assertThat(request.key()).isEqualTo(Map.of("PK", s("USER#user-1"), "SK", s("TODO#t-1")));
        assertThat(request.updateExpression()).isEqualTo("SET #updatedAt = :now, #version = if_not_exists(#version,"
                + " :zero) + :one, #title = :title, #done = :done, GSI1SK = :gsi1sk");
        assertThat(request.conditionExpression()).isEqualTo("attribute_exists(PK) AND #type = :type AND"
                + " #version = :expected");
        assertThat(request.expressionAttributeNames()).isEqualTo(Map.of("#type", "_type", "#version", "version",
                "#updatedAt", "updatedAt", "#title", "title", "#done", "done"));
        Map<String, AttributeValue> values = request.expressionAttributeValues();
        assertThat(Instant.parse(values.get(":now").s())).isBefore(Instant.now().plusSeconds(1));
        assertThat(values).containsEntry(":type", s("Todo")).containsEntry(":zero", AttributeValue.fromN("0"))
                .containsEntry(":one", AttributeValue.fromN("1")).containsEntry(":title", s("Ship it"))
                .containsEntry(":done", AttributeValue.fromBool(true)).containsEntry(":gsi1sk", s("DONE#true#t-1"))
                .containsEntry(":expected", AttributeValue.fromN("3")).hasSize(8);
        assertThat(request.returnValues()).isEqualTo(ReturnValue.ALL_NEW);
        assertThat(request.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsOnly(Map.entry("content-type", "application/json"),
                Map.entry("etag", "\"4\""));
        assertThat(JSON.readTree(response.getBody())).isEqualTo(todoJson("t-1", 4).put("title", "Ship it")
                .put("done", true));
    }

    @Test
    void patch_nullDueDate_removesItWithoutTouchingTheIndexKey() throws Exception {
        // GIVEN
        when(dynamoDb.updateItem(any(UpdateItemRequest.class)))
                .thenReturn(UpdateItemResponse.builder().attributes(storedItem("t-1", 2)).build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("PATCH", "/todos/t-1", null, "{\"dueDate\": null}", "user-1"), null);

        // THEN
        ArgumentCaptor<UpdateItemRequest> update = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(dynamoDb).updateItem(update.capture());
        assertThat(update.getValue().updateExpression()).isEqualTo("SET #updatedAt = :now,"
                + " #version = if_not_exists(#version, :zero) + :one REMOVE #dueDate");
        assertThat(update.getValue().conditionExpression()).isEqualTo("attribute_exists(PK) AND #type = :type");
        assertThat(update.getValue().expressionAttributeNames()).containsEntry("#dueDate", "dueDate");
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.getBody())).isEqualTo(todoJson("t-1", 2));
    }

    @Test
    void patch_withoutChanges_readsConsistentlyAndWritesNothing() throws Exception {
        // GIVEN
        when(dynamoDb.getItem(any(GetItemRequest.class)))
                .thenReturn(GetItemResponse.builder().item(storedItem("t-1", 3)).build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("PATCH", "/todos/t-1", null, "{\"id\": \"t-9\"}", "user-1"), null);

        // THEN
        ArgumentCaptor<GetItemRequest> get = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamoDb).getItem(get.capture());
        verify(dynamoDb, times(0)).updateItem(any(UpdateItemRequest.class));
        assertThat(get.getValue().key()).isEqualTo(Map.of("PK", s("USER#user-1"), "SK", s("TODO#t-1")));
        assertThat(get.getValue().consistentRead()).isTrue();
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("etag", "\"3\"");
        assertThat(JSON.readTree(response.getBody())).isEqualTo(todoJson("t-1", 3));
    }

    @Test
    void patch_staleVersion_answers412AndMissingTodo_answers404() throws Exception {
        // GIVEN
        when(dynamoDb.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(ConditionalCheckFailedException.builder().item(storedItem("t-1", 5)).build())
                .thenThrow(ConditionalCheckFailedException.builder().build());

        // WHEN
        APIGatewayV2HTTPResponse stale = handler.handleRequest(event("PATCH", "/todos/t-1", null,
                "{\"done\": true}", "user-1", Map.of("if-match", "\"4\"")), null);
        APIGatewayV2HTTPResponse missing = handler.handleRequest(
                event("PATCH", "/todos/t-2", null, "{\"done\": true}", "user-1"), null);

        // THEN
        assertProblem(stale, 412, "Precondition Failed");
        assertProblem(missing, 404, "Not Found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"3\"", "\"v3\"", "\"3\", \"4\""})
    void patch_ifMatchWithoutOneStrongVersion_answers412WithoutWriting(String ifMatch) throws Exception {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("PATCH", "/todos/t-1", null,
                "{\"done\": true}", "user-1", Map.of("if-match", ifMatch)), null);

        // THEN
        assertProblem(response, 412, "Precondition Failed");
        verifyNoInteractions(dynamoDb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"ownerId\": \"user-2\"}", "[]", "{\"done\": null}", "{\"done\": \"yes\"}",
        "{\"dueDate\": \"tomorrow\"}", "{\"title\": 5}", "{\"title\": ", ""})
    void patch_unknownFieldWrongTypeOrMalformedJson_answers400WithoutWriting(String body) throws Exception {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("PATCH", "/todos/t-1", null, body, "user-1"), null);

        // THEN
        assertProblem(response, 400, "Bad Request");
        verifyNoInteractions(dynamoDb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"title\": null}", "{\"title\": \" \"}"})
    void patch_removedOrBlankTitle_answers422WithoutWriting(String body) throws Exception {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("PATCH", "/todos/t-1", null, body, "user-1"), null);

        // THEN
        assertProblem(response, 422, "Unprocessable Content");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void otherMethodOnKnownPath_answers405WithAllow() throws Exception {
        // WHEN
        APIGatewayV2HTTPResponse item = handler.handleRequest(event("DELETE", "/todos/t-1", null, null, "user-1"), null);
        APIGatewayV2HTTPResponse collection = handler.handleRequest(event("PUT", "/todos", null, "{}", "user-1"), null);

        // THEN
        assertProblem(item, 405, "Method Not Allowed");
        assertThat(item.getHeaders()).containsEntry("allow", "GET, PATCH");
        assertProblem(collection, 405, "Method Not Allowed");
        assertThat(collection.getHeaders()).containsEntry("allow", "GET, POST");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void unexpectedSdkFailure_answers500WithoutLeakingOrLoggingItsMessage() throws Exception {
        // GIVEN
        when(dynamoDb.getItem(any(GetItemRequest.class)))
                .thenThrow(DynamoDbException.builder().message("item title 'Secret plan' is corrupt").build());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        APIGatewayV2HTTPResponse response;

        // WHEN
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            response = handler.handleRequest(event("GET", "/todos/t-1", null, null, "user-1"), null);
        } finally {
            System.setErr(stderr);
        }

        // THEN
        assertProblem(response, 500, "Internal Server Error");
        assertThat(JSON.readTree(response.getBody()).get("detail").textValue())
                .isEqualTo("an unexpected error occurred");
        assertThat(response.getBody()).doesNotContain("Secret");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("req-1", DynamoDbException.class.getName())
                .doesNotContain("Secret");
    }

    @Test
    void constructor_withoutTableName_failsNamingTheVariable() {
        // WHEN / THEN
        assertThatThrownBy(() -> new BaselineTodoHandler(dynamoDb, Map.of("TABLE_NAME", " ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TABLE_NAME");
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String query, String body, String sub) {
        return event(method, path, query, body, sub, Map.of());
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String query, String body, String sub,
            Map<String, String> headers) {
        JWT jwt = JWT.builder().withClaims(sub == null ? Map.of() : Map.of("sub", sub)).withScopes(List.of()).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(query == null ? "" : query)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(RequestContext.builder()
                        .withRequestId("req-1")
                        .withHttp(Http.builder().withMethod(method).withPath(path).build())
                        .withAuthorizer(Authorizer.builder().withJwt(jwt).build())
                        .build())
                .build();
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String title) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.get("title").textValue()).isEqualTo(title);
        assertThat(body.get("status").intValue()).isEqualTo(status);
        assertThat(body.get("detail").textValue()).isNotBlank();
        assertThat(body.size()).isEqualTo(3);
    }

    private static Map<String, AttributeValue> storedItem(String id, int version) {
        return Map.ofEntries(Map.entry("PK", s("USER#user-1")), Map.entry("SK", s("TODO#" + id)),
                Map.entry("GSI1PK", s("USER#user-1")), Map.entry("GSI1SK", s("DONE#false#" + id)),
                Map.entry("_type", s("Todo")), Map.entry("ownerId", s("user-1")), Map.entry("id", s(id)),
                Map.entry("title", s("Todo " + id)), Map.entry("done", AttributeValue.fromBool(false)),
                Map.entry("version", AttributeValue.fromN(Integer.toString(version))),
                Map.entry("createdAt", s(CREATED_AT)), Map.entry("updatedAt", s(UPDATED_AT)));
    }

    private static ObjectNode todoJson(String id, int version) {
        return JSON.createObjectNode().put("id", id).put("title", "Todo " + id).put("done", false)
                .put("version", version).put("createdAt", CREATED_AT).put("updatedAt", UPDATED_AT);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}

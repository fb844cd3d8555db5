package io.github.dynacrud.examples.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.test.HttpApiEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The users API with a Mockito DynamoDB client: each request's status, body and the exact DynamoDB requests. */
class UserHandlerTest {
    private static final String ULID = "[0-9A-HJKMNP-TV-Z]{26}";
    private static final String ADA = "{\"email\": \"ada@example.com\", \"name\": \"Ada Lovelace\"}";

    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final UserHandler handler = new UserHandler(
            SingleTable.builder().client(dynamoDb).tableName("users").build());

    @Test
    void create_withWriteScope_putsUserAndEmailGuardInOneTransaction() {
        // GIVEN
        when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.post("/users").subject("admin-1").scopes("users:write").json(ADA).build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/json");
        JsonNode body = HttpApiEvents.json(response);
        String id = body.get("id").asText();
        assertThat(id).matches(ULID);
        assertThat(body.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(body.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(HttpApiEvents.header(response, "Location")).hasValue("/users/" + id);
        assertThat(HttpApiEvents.header(response, "ETag")).hasValue("\"1\"");

        ArgumentCaptor<TransactWriteItemsRequest> transaction =
                ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
        verify(dynamoDb).transactWriteItems(transaction.capture());
        verifyNoMoreInteractions(dynamoDb);
        List<TransactWriteItem> writes = transaction.getValue().transactItems();
        assertThat(writes).hasSize(2).allSatisfy(write -> {
            assertThat(write.put()).isNotNull();
            assertThat(write.put().tableName()).isEqualTo("users");
            assertThat(write.put().conditionExpression()).isEqualTo("attribute_not_exists(PK)");
        });
        Put user = writes.get(0).put();
        assertThat(user.item()).contains(
                entry("PK", s("USER#" + id)), entry("SK", s("PROFILE")),
                entry("GSI1PK", s("EMAIL#ada@example.com")), entry("GSI1SK", s("USER")),
                entry("_type", s("User")), entry("id", s(id)), entry("email", s("ada@example.com")),
                entry("name", s("Ada Lovelace")), entry("version", AttributeValue.fromN("1")));
        Put guard = writes.get(1).put();
        assertThat(guard.item()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PK", s("UNIQUE#User#email#ada@example.com"), "SK", s("UNIQUE#User#email#ada@example.com"),
                "_type", s("_unique"), "targetPK", s("USER#" + id), "targetSK", s("PROFILE")));
    }

    @Test
    void create_withoutWriteScope_is403AndCallsNoDynamoDb() {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.post("/users").subject("reader-1").scopes("users:read").json(ADA).build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
        assertThat(HttpApiEvents.json(response).get("detail").asText()).isEqualTo(
                "this route needs the scopes [users:write]");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void create_withoutToken_is401AndCallsNoDynamoDb() {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpApiEvents.post("/users").json(ADA).build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
        assertThat(HttpApiEvents.header(response, "WWW-Authenticate")).hasValue("Bearer");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void lookup_withoutToken_is401AndCallsNoDynamoDb() {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.get("/users").query("email", "ada@example.com").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(HttpApiEvents.header(response, "WWW-Authenticate")).hasValue("Bearer");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void create_takenEmail_is409Problem() {
        // GIVEN the user's Put passes and the guard's Put finds the email taken
        when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(
                TransactionCanceledException.builder().message("Transaction cancelled")
                        .cancellationReasons(CancellationReason.builder().code("None").build(),
                                CancellationReason.builder().code("ConditionalCheckFailed").build())
                        .build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.post("/users").subject("admin-1").scopes("users:write").json(ADA).build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
        JsonNode problem = HttpApiEvents.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("title").asText()).isEqualTo("Conflict");
        assertThat(problem.get("detail").asText()).isEqualTo("User email is already taken");
        verify(dynamoDb).transactWriteItems(any(TransactWriteItemsRequest.class));
        verifyNoMoreInteractions(dynamoDb);
    }

    @Test
    void create_invalidEmailAndBlankName_is422WithAnErrorPerField() {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpApiEvents.post("/users").subject("admin-1")
                .scopes("users:write").json("{\"email\": \"not-an-email\", \"name\": \" \"}").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
        JsonNode errors = HttpApiEvents.json(response).get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("email", "name");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void create_tooLongName_is422NamingName() {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpApiEvents.post("/users").subject("admin-1")
                .scopes("users:write").json("{\"email\": \"ada@example.com\", \"name\": \"" + "a".repeat(101) + "\"}")
                .build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(HttpApiEvents.json(response).get("errors").findValuesAsText("field")).containsExactly("name");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void lookup_byEmail_queriesGsi1ForTheRenderedPartition() {
        // GIVEN
        when(dynamoDb.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder()
                .items(List.of(storedUser("01JQ0000000000000000000000", "ada@example.com"))).build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.get("/users").query("email", "ada@example.com").subject("reader-1").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = HttpApiEvents.json(response);
        assertThat(body.get("items")).hasSize(1);
        assertThat(body.get("items").get(0).get("id").asText()).isEqualTo("01JQ0000000000000000000000");
        assertThat(body.get("items").get(0).get("email").asText()).isEqualTo("ada@example.com");
        assertThat(body.get("nextCursor").isNull()).isTrue();

        ArgumentCaptor<QueryRequest> query = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamoDb).query(query.capture());
        verifyNoMoreInteractions(dynamoDb);
        assertThat(query.getValue().tableName()).isEqualTo("users");
        assertThat(query.getValue().indexName()).isEqualTo("GSI1");
        assertThat(resolved(query.getValue().keyConditionExpression(), query.getValue()))
                .isEqualTo("GSI1PK = EMAIL#ada@example.com AND begins_with(GSI1SK, USER)");
        assertThat(resolved(query.getValue().filterExpression(), query.getValue())).isEqualTo("_type = User");
    }

    @Test
    void lookup_withoutEmail_is400AndCallsNoDynamoDb() {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.get("/users").subject("reader-1").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
        assertThat(HttpApiEvents.json(response).get("detail").asText()).contains("email");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void read_withoutWriteScope_getsTheUserWithOneConsistentRead() {
        // GIVEN
        when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder()
                .item(storedUser("01JQ0000000000000000000000", "ada@example.com")).build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.get("/users/01JQ0000000000000000000000").subject("reader-1").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(HttpApiEvents.json(response).get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(HttpApiEvents.header(response, "ETag")).hasValue("\"1\"");
        ArgumentCaptor<GetItemRequest> get = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamoDb).getItem(get.capture());
        verifyNoMoreInteractions(dynamoDb);
        assertThat(get.getValue().key()).isEqualTo(Map.of("PK", s("USER#01JQ0000000000000000000000"),
                "SK", s("PROFILE")));
        assertThat(get.getValue().consistentRead()).isTrue();
    }

    @Test
    void delete_withoutWriteScope_is403AndCallsNoDynamoDb() {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.delete("/users/01JQ0000000000000000000000").subject("reader-1").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(403);
        verifyNoInteractions(dynamoDb);
    }

    private static Map<String, AttributeValue> storedUser(String id, String email) {
        return Map.of("PK", s("USER#" + id), "SK", s("PROFILE"), "GSI1PK", s("EMAIL#" + email),
                "GSI1SK", s("USER"), "_type", s("User"), "id", s(id), "email", s(email), "name", s("Ada Lovelace"),
                "version", AttributeValue.fromN("1"), "createdAt", s("2026-01-01T00:00:00Z"));
    }

    /** Replaces the placeholders of an expression with the attribute names and string values they stand for. */
    private static String resolved(String expression, QueryRequest request) {
        String text = expression;
        for (Map.Entry<String, String> name : request.expressionAttributeNames().entrySet()) {
            text = text.replace(name.getKey(), name.getValue());
        }
        for (Map.Entry<String, AttributeValue> value : request.expressionAttributeValues().entrySet()) {
            text = text.replace(value.getKey(), value.getValue().s());
        }
        return text;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}

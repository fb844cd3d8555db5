package io.github.dynacrud.examples.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.test.HttpApiEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * Unit tests of the notes API: the real handler, router, JSON, validation and repositories, with Mockito only in place
 * of the {@link DynamoDbClient}, whose requests are captured and checked.
 */
class NotesHandlerTest {
    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final NotesHandler handler = new NotesHandler(SingleTable.builder().client(dynamoDb).tableName("notes")
            .build());

    @Test
    void listNotebooks_readsTheCallersNotebooksFromGsi1OldestFirst() {
        // GIVEN a test JVM without TABLE_NAME: the table constructor needs no environment
        assertThat(System.getenv(SingleTable.TABLE_NAME_VARIABLE)).isNull();
        when(dynamoDb.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(List.of()).build());

        // WHEN
        APIGatewayV2HTTPResponse response = send(HttpApiEvents.get("/notebooks").subject("user-1").build());

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(HttpApiEvents.json(response).get("items")).isEmpty();
        ArgumentCaptor<QueryRequest> query = ArgumentCaptor.forClass(QueryRequest.class);
        verify(dynamoDb).query(query.capture());
        assertThat(query.getValue().indexName()).isEqualTo("GSI1");
        assertThat(query.getValue().expressionAttributeValues()).containsValue(AttributeValue.fromS("USER#user-1"));
        assertThat(query.getValue().scanIndexForward()).isNotEqualTo(Boolean.FALSE);
    }

    @Test
    void createNote_putsTheNoteAndCountsItOnTheNotebookInOneTransaction() {
        // GIVEN
        when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        // WHEN
        APIGatewayV2HTTPResponse response = send(HttpApiEvents.post("/notebooks/nb1/notes").subject("user-1")
                .json("{\"title\": \"Buy milk\", \"tags\": [\"home\", \"shop\"], \"notebookId\": \"nb2\"}").build());

        // THEN
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        assertThat(HttpApiEvents.header(response, "Location")).get().asString().startsWith("/notebooks/nb1/notes/");
        assertThat(HttpApiEvents.json(response).get("pinned").asBoolean()).isFalse();
        assertThat(HttpApiEvents.json(response).get("notebookId").asText()).isEqualTo("nb1");
        ArgumentCaptor<TransactWriteItemsRequest> sent = ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
        verify(dynamoDb).transactWriteItems(sent.capture());
        List<TransactWriteItem> items = sent.getValue().transactItems();
        assertThat(items).hasSize(2);
        assertThat(items.get(0).put().item().get("PK")).isEqualTo(AttributeValue.fromS("USER#user-1"));
        assertThat(items.get(0).put().item().get("SK").s()).startsWith("NOTEBOOK#nb1#NOTE#");
        assertThat(items.get(0).put().item().get("tags").l()).extracting(AttributeValue::s)
                .containsExactly("home", "shop");
        assertThat(items.get(1).update().key()).isEqualTo(Map.of("PK", AttributeValue.fromS("USER#user-1"),
                "SK", AttributeValue.fromS("NOTEBOOK#nb1#META")));
        assertThat(items.get(1).update().expressionAttributeNames()).containsValue("noteCount");
    }

    @Test
    void createNote_withRepeatedTooManyOrTooLongTags_is422AndSendsNothing() {
        for (String tags : List.of("[\"a\", \"a\"]", "[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]",
                "[\"" + "x".repeat(31) + "\"]", "[\"\"]")) {
            // WHEN
            APIGatewayV2HTTPResponse response = send(HttpApiEvents.post("/notebooks/nb1/notes").subject("user-1")
                    .json("{\"title\": \"Tags\", \"tags\": " + tags + "}").build());

            // THEN
            assertThat(response.getStatusCode()).as(tags).isEqualTo(422);
            assertThat(HttpApiEvents.header(response, "Content-Type")).contains("application/problem+json");
            assertThat(HttpApiEvents.json(response).toString()).contains("tags");
        }
        assertThat(mockingDetails(dynamoDb).getInvocations()).isEmpty();
    }

    @Test
    void deleteNotebook_withNotes_isConditionedOnItsCountAndAnswers409() {
        // GIVEN the stored notebook still counts a note
        when(dynamoDb.deleteItem(any(DeleteItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder()
                .item(Map.of("PK", AttributeValue.fromS("USER#user-1"), "SK", AttributeValue.fromS("NOTEBOOK#nb1#META"),
                        "_type", AttributeValue.fromS("Notebook"), "noteCount", AttributeValue.fromN("1")))
                .build());

        // WHEN
        APIGatewayV2HTTPResponse response = send(HttpApiEvents.delete("/notebooks/nb1").subject("user-1").build());

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(HttpApiEvents.json(response).get("detail").asText())
                .isEqualTo("Notebook still has children; delete them first");
        ArgumentCaptor<DeleteItemRequest> sent = ArgumentCaptor.forClass(DeleteItemRequest.class);
        verify(dynamoDb).deleteItem(sent.capture());
        assertThat(sent.getValue().conditionExpression()).contains("attribute_not_exists");
        assertThat(sent.getValue().expressionAttributeNames()).containsValue("noteCount");
    }

    @Test
    void readNotebook_includingNotes_isOneQuery() {
        // GIVEN
        when(dynamoDb.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(List.of(Map.of(
                "PK", AttributeValue.fromS("USER#user-1"), "SK", AttributeValue.fromS("NOTEBOOK#nb1#META"),
                "_type", AttributeValue.fromS("Notebook"), "ownerId", AttributeValue.fromS("user-1"),
                "id", AttributeValue.fromS("nb1"), "name", AttributeValue.fromS("Ideas"),
                "noteCount", AttributeValue.fromN("0"), "version", AttributeValue.fromN("1")))).build());

        // WHEN
        APIGatewayV2HTTPResponse response = send(HttpApiEvents.get("/notebooks/nb1").query("include", "notes")
                .subject("user-1").build());

        // THEN
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(HttpApiEvents.json(response).get("notes").get("items")).isEmpty();
        assertThat(HttpApiEvents.json(response).get("noteCount").asInt()).isZero();
        assertThat(mockingDetails(dynamoDb).getInvocations()).hasSize(1);
    }

    @Test
    void request_withoutSubject_is401() {
        // WHEN
        APIGatewayV2HTTPResponse response = send(HttpApiEvents.get("/notebooks/nb1/notes").build());

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(mockingDetails(dynamoDb).getInvocations()).isEmpty();
    }

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }
}

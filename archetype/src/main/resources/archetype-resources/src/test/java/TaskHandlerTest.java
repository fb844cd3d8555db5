package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.test.HttpApiEvents;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/** The handler with a mocked DynamoDB client: each test checks the response and the request sent to DynamoDB. */
class TaskHandlerTest {
    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final TaskHandler handler =
            new TaskHandler(SingleTable.builder().client(dynamoDb).tableName("tasks").build());

    @Test
    void post_validTask_putsItInTheCallersPartitionAndAnswers201() {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.post("/tasks").subject("user-1").json("{\"title\": \"Ship it\"}").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode task = HttpApiEvents.json(response);
        String id = task.get("id").asText();
        assertThat(task.get("title").asText()).isEqualTo("Ship it");
        assertThat(task.get("done").asBoolean()).isFalse();
        assertThat(HttpApiEvents.header(response, "Location")).hasValue("/tasks/" + id);
        assertThat(HttpApiEvents.header(response, "ETag")).hasValue("\"1\"");
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb).putItem(put.capture());
        assertThat(put.getValue().tableName()).isEqualTo("tasks");
        assertThat(put.getValue().conditionExpression()).isEqualTo("attribute_not_exists(PK)");
        assertThat(put.getValue().item().get("PK").s()).isEqualTo("USER#user-1");
        assertThat(put.getValue().item().get("SK").s()).isEqualTo("TASK#" + id);
    }

    @Test
    void get_missingTask_answers404AfterOneReadOfTheCallersKey() {
        // GIVEN
        when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.get("/tasks/01JD0000000000000000000001").subject("user-1").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
        assertThat(HttpApiEvents.json(response).get("status").asInt()).isEqualTo(404);
        ArgumentCaptor<GetItemRequest> get = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamoDb).getItem(get.capture());
        assertThat(get.getValue().key().get("PK").s()).isEqualTo("USER#user-1");
        assertThat(get.getValue().key().get("SK").s()).isEqualTo("TASK#01JD0000000000000000000001");
    }

    @Test
    void post_blankTitle_answers422WithoutCallingDynamoDb() {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.post("/tasks").subject("user-1").json("{\"title\": \" \"}").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
        assertThat(HttpApiEvents.json(response).toString()).contains("title");
        verifyNoInteractions(dynamoDb);
    }

    @Test
    void get_withoutToken_answers401WithoutCallingDynamoDb() {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpApiEvents.get("/tasks").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(HttpApiEvents.json(response).get("status").asInt()).isEqualTo(401);
        verifyNoInteractions(dynamoDb);
    }
}

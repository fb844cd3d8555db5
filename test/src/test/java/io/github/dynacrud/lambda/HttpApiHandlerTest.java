package io.github.dynacrud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.test.HttpApiEvents;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

class HttpApiHandlerTest {
    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final TodoTestHandler handler = new TodoTestHandler(dynamoDb, "todos");

    @Test
    void post_withMockedClient_createsTheTodoInOnePutItem() {
        // GIVEN
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.post("/todos").subject("user-1").json("{\"title\":\"Write docs\"}").build(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(HttpApiEvents.header(response, "Location")).hasValueSatisfying(
                location -> assertThat(location).matches("/todos/[0-9A-Z]{26}"));
        assertThat(HttpApiEvents.header(response, "ETag")).hasValue("\"1\"");
        assertThat(HttpApiEvents.json(response).get("title").asText()).isEqualTo("Write docs");
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb).putItem(put.capture());
        assertThat(put.getValue().tableName()).isEqualTo("todos");
        assertThat(put.getValue().item().get("PK").s()).isEqualTo("USER#user-1");
    }

    @Test
    void anyEvent_withoutRequestContext_isA400Problem() {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(new APIGatewayV2HTTPEvent(), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
        assertThat(HttpApiEvents.json(response).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void primingEvents_answerWithoutTouchingDynamoDb() {
        // GIVEN
        SnapStartPriming priming = SnapStartPriming.register(handler,
                PrimingRequest.post("/todos").subject("priming").json("{}").build());

        // WHEN / THEN
        assertThat(priming.prime()).containsExactly(404, 404, 204, 400, 422);
        org.mockito.Mockito.verifyNoInteractions(dynamoDb);
    }
}

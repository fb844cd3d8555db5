package io.github.dynacrud.lambda.docs;

// tag::unit-test[]
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.test.HttpApiEvents;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/** The unit test of docs/lambda.md, run as a fresh project would: no environment variable is set. */
class GuideTodoHandlerTest {
    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final GuideTodoHandler handler =
            new GuideTodoHandler(SingleTable.builder().client(dynamoDb).tableName("todos").build());

    @Test
    void post_createsTheTodoForTheCaller() {
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());

        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.post("/todos").subject("user-1").json("{\"title\": \"Write docs\"}").build(), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(HttpApiEvents.json(response).get("title").asText()).isEqualTo("Write docs");
        ArgumentCaptor<PutItemRequest> put = ArgumentCaptor.forClass(PutItemRequest.class);
        verify(dynamoDb).putItem(put.capture());
        assertThat(put.getValue().tableName()).isEqualTo("todos");
        assertThat(put.getValue().item().get("PK").s()).isEqualTo("USER#user-1");
    }

    @Test
    void post_withoutToken_is401() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                HttpApiEvents.post("/todos").json("{\"title\": \"Write docs\"}").build(), null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(HttpApiEvents.header(response, "Content-Type")).hasValue("application/problem+json");
    }
}
// end::unit-test[]

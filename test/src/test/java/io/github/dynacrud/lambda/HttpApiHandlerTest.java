package io.github.dynacrud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.internal.Ulid;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

    @Test
    void afterRestore_reseedsGeneratedIds_soRestoredCopiesDoNotContinueOneSequence() {
        // GIVEN an id made before the snapshot, in the millisecond the next one is made in
        SnapStartPriming priming = SnapStartPriming.register(handler);
        Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07.123Z"), ZoneOffset.UTC);
        String beforeSnapshot = Ulid.next(clock);

        // WHEN
        priming.afterRestore(null);
        String afterRestore = Ulid.next(clock);

        // THEN: not the next id of the snapshot's sequence, which every restored copy would make alike
        String nextInSequence = Ulid.next(clock);
        assertThat(afterRestore.substring(0, 10)).isEqualTo(beforeSnapshot.substring(0, 10));
        assertThat(afterRestore).isNotEqualTo(successor(beforeSnapshot));
        assertThat(nextInSequence).isEqualTo(successor(afterRestore));
    }

    /** The id after one in the same millisecond: its last Crockford character plus one, with carries. */
    private static String successor(String ulid) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        char[] chars = ulid.toCharArray();
        for (int i = chars.length - 1; i >= 10; i--) {
            int digit = alphabet.indexOf(chars[i]);
            if (digit < 31) {
                chars[i] = alphabet.charAt(digit + 1);
                return new String(chars);
            }
            chars[i] = '0';
        }
        throw new IllegalStateException("the random part of " + ulid + " is at its largest");
    }
}

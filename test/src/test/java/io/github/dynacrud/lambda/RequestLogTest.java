package io.github.dynacrud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynacrud.test.HttpApiEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/** The request line, as {@code dynacrud-lambda-logging} (this module's test binding) writes it. */
class RequestLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final TodoTestHandler handler = new TodoTestHandler(dynamoDb, "todos");

    @AfterEach
    void endInvocation() {
        System.clearProperty(TRACE_PROPERTY);
    }

    @Test
    void create_isOneJsonLineWithPowertoolsKeysMethodRouteStatusLatencyAndBothRequestIds() throws IOException {
        // GIVEN an invocation as the Java runtime starts it: Lambda's request id in the context, the trace header in
        // a system property
        when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());
        System.setProperty(TRACE_PROPERTY, "Root=1-67b0c0de-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1");
        APIGatewayV2HTTPEvent event = HttpApiEvents.post("/todos").subject("user-1").requestId("apigw-1")
                .json("{\"title\":\"Secret plans\"}").build();

        // WHEN
        List<String> lines = output(event, new InvocationContext("lambda-1"));

        // THEN
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("Secret plans").doesNotContain("user-1");
        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(names(line)).containsExactlyInAnyOrder("timestamp", "level", "message", "logger", "service",
                "xray_trace_id", "method", "route", "status", "latency_ms", "correlation_id", "function_request_id");
        assertThat(line.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("message").asText()).isEqualTo("POST /todos 201");
        assertThat(line.get("logger").asText()).isEqualTo("io.github.dynacrud.lambda");
        assertThat(line.get("service").asText()).isEqualTo("service_undefined");
        assertThat(line.get("xray_trace_id").asText()).isEqualTo("1-67b0c0de-0123456789abcdef01234567");
        assertThat(line.get("method").asText()).isEqualTo("POST");
        assertThat(line.get("route").asText()).isEqualTo("POST /todos");
        assertThat(line.get("status").asInt()).isEqualTo(201);
        assertThat(line.get("latency_ms").isIntegralNumber()).isTrue();
        assertThat(line.get("latency_ms").asLong()).isBetween(0L, 10_000L);
        assertThat(line.get("correlation_id").asText()).isEqualTo("apigw-1");
        assertThat(line.get("function_request_id").asText()).isEqualTo("lambda-1");
        assertThat(MDC.getCopyOfContextMap()).as("nothing of the invocation stays for the next").isNullOrEmpty();
    }

    @Test
    void eventThatIsNoRequest_isLoggedWithoutRouteAndWithTheNewRequestId() throws IOException {
        // GIVEN an event without a request context, in a test that passes no Lambda context
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();

        // WHEN
        List<String> lines = output(event, null);

        // THEN
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(names(line)).doesNotContain("function_request_id", "xray_trace_id");
        assertThat(line.get("message").asText()).isEqualTo("- (no route) 400");
        assertThat(line.get("method").asText()).isEqualTo("-");
        assertThat(line.get("route").isNull()).isTrue();
        assertThat(line.get("status").asInt()).isEqualTo(400);
        assertThat(line.get("correlation_id").asText()).matches("[0-9a-f-]{36}");
    }

    /** Runs one invocation and returns the lines it printed, where Lambda reads a function's logs. */
    private List<String> output(APIGatewayV2HTTPEvent event, Context context) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            handler.handleRequest(event, context);
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }
}

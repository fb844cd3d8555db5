package io.github.dynacrud.lambda.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynacrud.lambda.deploy.app.Todo;
import io.github.dynacrud.lambda.deploy.app.TodoHandler;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.test.HttpApiEvents;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deploys a user's function as Lambda does and drives it through the real runtime interface client: the function's
 * jar is packed like a shaded jar from this module's jar, its runtime dependencies and the function's classes, then
 * installed in a task root and run by {@code aws-lambda-java-runtime-interface-client} in a child JVM, which takes its
 * events from a Runtime API emulator on 127.0.0.1 and stores todos in DynamoDB Local.
 */
class LambdaRuntimeDeploymentIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FUNCTION_PACKAGE = TodoHandler.class.getPackageName().replace('.', '/') + "/";
    /** The X-Ray trace the emulator hands out with every event, as the log line names it. */
    private static final String TRACE_ID = "1-67b0c0de-0123456789abcdef01234567";
    /** Lambda's limit for a deployment package uploaded directly. */
    private static final long LAMBDA_DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;

    private static Deployment deployment;

    @BeforeAll
    static void deploy() throws Exception {
        String table = DynamoDbLocalExtension.uniqueTableName("deployment");
        LocalTable.create(DYNAMODB.client(), table, Todo.ENTITY);
        deployment = Deployment.start(FUNCTION_PACKAGE, TodoHandler.class.getName() + "::handleRequest",
                Map.of("TABLE_NAME", table, "AWS_ENDPOINT_URL_DYNAMODB", DYNAMODB.endpoint().toString()));
    }

    @AfterAll
    static void undeploy() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Test
    void functionJar_holdsTheFunctionAndItsRuntimeDependenciesOnly() throws IOException {
        // WHEN
        List<String> entries;
        try (ZipFile zip = new ZipFile(deployment.jar().toFile())) {
            entries = zip.stream().map(ZipEntry::getName).toList();
        }
        long size = Files.size(deployment.jar());

        // THEN
        System.out.printf("Function jar: %,d bytes (%.1f MiB), %,d entries%n", size, size / 1048576.0,
                entries.size());
        assertThat(entries).contains(
                FUNCTION_PACKAGE + "TodoHandler.class",
                "io/github/dynacrud/lambda/HttpApiHandler.class",
                "io/github/dynacrud/table/SingleTable.class",
                "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                "META-INF/services/jakarta.validation.spi.ValidationProvider",
                "io/github/dynacrud/lambda/logging/JsonLinesServiceProvider.class",
                "META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
        assertThat(entries).as("HTTP clients other than url-connection, DynamoDB Local, the platform, tests")
                .noneMatch(name -> Stream.of(
                        "org/apache/http/", "org/apache/hc/", "io/netty/",
                        "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/",
                        "software/amazon/awssdk/http/nio/",
                        "com/amazonaws/services/dynamodbv2/", "com/almworks/sqlite4java/", "org/eclipse/jetty/",
                        "com/amazonaws/services/lambda/runtime/api/client/",
                        "io/github/dynacrud/testing/", "io/github/dynacrud/fixtures/", "io/github/dynacrud/test/",
                        "io/github/dynacrud/local/",
                        "io/github/dynacrud/lambda/deploy/LambdaRuntimeDeploymentIT",
                        "org/junit/", "org/assertj/", "org/mockito/")
                        .anyMatch(name::startsWith));
        assertThat(deployment.droppedDuplicates()).as("classes in two dependencies: two versions of one library")
                .noneMatch(name -> name.endsWith(".class"));
        assertThat(size).isLessThan(LAMBDA_DIRECT_UPLOAD_LIMIT);
    }

    @Test
    void createGetListDelete_underTheRuntimeInterfaceClient_answerAsTheRouterDoes() throws Exception {
        // WHEN a todo is created
        JsonNode created = deployment.invoke(HttpApiEvents.post("/todos").subject("user-1")
                .json("{\"title\":\"Ship the function\"}").requestId("apigw-create").build());

        // THEN
        assertResponseEvent(created, 201);
        String id = body(created).get("id").asText();
        assertThat(id).matches("[0-9A-Z]{26}");
        assertThat(headerNames(created)).containsExactlyInAnyOrder("content-type", "etag", "location");
        assertThat(header(created, "content-type")).isEqualTo("application/json");
        assertThat(header(created, "etag")).isEqualTo("\"1\"");
        assertThat(header(created, "location")).isEqualTo("/todos/" + id);
        assertThat(body(created).get("title").asText()).isEqualTo("Ship the function");
        assertThat(body(created).get("done").asBoolean()).isFalse();
        assertThat(body(created).get("version").asLong()).isEqualTo(1);
        assertThat(body(created).has("ownerId")).as("the owner comes from the token, never back out").isFalse();

        // WHEN it is read back
        JsonNode read = deployment.invoke(HttpApiEvents.get("/todos/" + id).subject("user-1").requestId("apigw-read")
                .build());

        // THEN
        assertResponseEvent(read, 200);
        assertThat(headerNames(read)).containsExactlyInAnyOrder("content-type", "etag");
        assertThat(header(read, "content-type")).isEqualTo("application/json");
        assertThat(header(read, "etag")).isEqualTo("\"1\"");
        assertThat(body(read)).isEqualTo(body(created));

        // WHEN the owner's todos are listed
        JsonNode listed = deployment.invoke(HttpApiEvents.get("/todos?limit=10").subject("user-1")
                .requestId("apigw-list").build());

        // THEN
        assertResponseEvent(listed, 200);
        assertThat(headerNames(listed)).containsExactly("content-type");
        assertThat(header(listed, "content-type")).isEqualTo("application/json");
        assertThat(body(listed).get("items")).containsExactly(body(created));
        assertThat(body(listed).get("nextCursor").isNull()).as("nextCursor of %s", listed).isTrue();

        // WHEN it is deleted
        JsonNode deleted = deployment.invoke(HttpApiEvents.delete("/todos/" + id).subject("user-1")
                .requestId("apigw-delete").build());

        // THEN
        assertResponseEvent(deleted, 204);
        assertThat(headerNames(deleted)).isEmpty();
        assertThat(deleted.get("body").asText()).isEmpty();

        // WHEN it is read again
        JsonNode gone = deployment.invoke(HttpApiEvents.get("/todos/" + id).subject("user-1").requestId("apigw-gone")
                .build());

        // THEN
        assertResponseEvent(gone, 404);
        assertThat(headerNames(gone)).containsExactly("content-type");
        assertThat(header(gone, "content-type")).isEqualTo("application/problem+json");
        assertThat(body(gone).get("type").asText()).isEqualTo("about:blank");
        assertThat(body(gone).get("title").asText()).isEqualTo("Not Found");
        assertThat(body(gone).get("status").asInt()).isEqualTo(404);
        assertThat(body(gone).get("instance").asText()).as("API Gateway's request id").isEqualTo("apigw-gone");

        // THEN each request was logged as one JSON line, without its body
        List<String> output = deployment.functionLines();
        List<String> logged = new ArrayList<>();
        for (String line : output) {
            if (line.contains("\"logger\":\"io.github.dynacrud.lambda\"")) {
                JsonNode entry = MAPPER.readTree(line);
                assertThat(names(entry)).as(line).containsExactlyInAnyOrder("timestamp", "level", "message",
                        "logger", "service", "xray_trace_id", "method", "route", "status", "latency_ms",
                        "correlation_id", "function_request_id");
                assertThat(entry.get("timestamp").asText()).as(line)
                        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
                assertThat(entry.get("level").asText()).as(line).isEqualTo("INFO");
                assertThat(entry.get("service").asText()).as("the function's name").isEqualTo("dynacrud-todos");
                assertThat(entry.get("xray_trace_id").asText()).as(line).isEqualTo(TRACE_ID);
                assertThat(entry.get("function_request_id").asText()).as(line).matches("[0-9a-f-]{36}");
                assertThat(entry.get("latency_ms").isIntegralNumber()).as(line).isTrue();
                logged.add(entry.get("correlation_id").asText() + " " + entry.get("method").asText() + " "
                        + entry.get("route").asText() + " " + entry.get("status").asInt() + " "
                        + entry.get("message").asText());
            }
        }
        assertThat(logged).as(deployment.functionOutput()).containsExactly(
                "apigw-create POST POST /todos 201 POST /todos 201",
                "apigw-read GET GET /todos/{id} 200 GET /todos/{id} 200",
                "apigw-list GET GET /todos 200 GET /todos 200",
                "apigw-delete DELETE DELETE /todos/{id} 204 DELETE /todos/{id} 204",
                "apigw-gone GET GET /todos/{id} 404 GET /todos/{id} 404");
        assertThat(output).as("the function's output").noneMatch(line -> line.contains("Ship the function"));
    }

    /**
     * Checks the payload 2.0 response event as the runtime serialized it for API Gateway: the status, a text (not
     * base64) body, and neither {@code cookies} (no route here sets one) nor {@code multiValueHeaders}, which API
     * Gateway ignores.
     */
    private static void assertResponseEvent(JsonNode response, int status) {
        assertThat(names(response)).as("response event %s", response)
                .containsExactlyInAnyOrder("statusCode", "headers", "body", "isBase64Encoded");
        assertThat(response.get("statusCode").asInt()).as("status of %s", response).isEqualTo(status);
        assertThat(response.get("isBase64Encoded").asBoolean()).as("isBase64Encoded of %s", response).isFalse();
    }

    /** @return the header names of a response event, which the adapter writes in lower case */
    private static List<String> headerNames(JsonNode response) {
        return names(response.get("headers"));
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static JsonNode body(JsonNode response) throws IOException {
        return MAPPER.readTree(response.get("body").asText());
    }

    private static String header(JsonNode response, String name) {
        return response.get("headers").path(name).asText(null);
    }
}

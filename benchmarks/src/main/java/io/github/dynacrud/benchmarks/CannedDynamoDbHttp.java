package io.github.dynacrud.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.CRC32;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * An {@link SdkHttpClient} that answers DynamoDB's JSON protocol from memory: the answers of {@link CannedDynamoDb},
 * written as DynamoDB writes them (with the {@code x-amz-crc32} the SDK checks), chosen by the request's
 * {@code X-Amz-Target}. A real client built on it does everything it does against DynamoDB (marshalling, endpoint
 * rules, signing, unmarshalling) except the network, so both handlers pay the SDK's own work on each request.
 */
final class CannedDynamoDbHttp implements SdkHttpClient {
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Answer> answers;
    private final byte[] drain = new byte[8192];

    private CannedDynamoDbHttp(CannedDynamoDb canned) {
        ObjectNode page = JSON.createObjectNode();
        var query = canned.query((QueryRequest) null);
        page.put("Count", query.count());
        ArrayNode items = page.putArray("Items");
        query.items().forEach(item -> items.add(item(item)));
        page.set("LastEvaluatedKey", item(query.lastEvaluatedKey()));
        page.put("ScannedCount", query.count());
        answers = Map.of(
                "PutItem", answer(JSON.createObjectNode()),
                "GetItem", answer(JSON.createObjectNode().set("Item", item(canned.getItem((GetItemRequest) null).item()))),
                "Query", answer(page),
                "UpdateItem", answer(JSON.createObjectNode().set("Attributes",
                        item(canned.updateItem((UpdateItemRequest) null).attributes()))));
    }

    /**
     * Builds a DynamoDB client as a function has one, in its region with session credentials, sending to this stub.
     *
     * @return the client
     */
    static DynamoDbClient client() {
        return DynamoDbClient.builder()
                .httpClient(new CannedDynamoDbHttp(new CannedDynamoDb()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        "ASIAEXAMPLEEXAMPLE00", "secret/EXAMPLE/secret/EXAMPLE/secret/EXAMPL", "session-token")))
                .build();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        Answer answer = target.startsWith(TARGET_PREFIX) ? answers.get(target.substring(TARGET_PREFIX.length()))
                : null;
        if (answer == null) {
            throw new IllegalArgumentException("no canned answer for " + target);
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                // A real client writes the body to the socket: read it as one would.
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream body = request.contentStreamProvider().get().newStream()) {
                        while (body.read(drain) >= 0) {
                            // dropped
                        }
                    }
                }
                return HttpExecuteResponse.builder().response(answer.response())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body()))).build();
            }

            @Override
            public void abort() {
                // Answered from memory: nothing to abort.
            }
        };
    }

    @Override
    public String clientName() {
        return "CannedDynamoDbHttp";
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private record Answer(SdkHttpResponse response, byte[] body) {
    }

    private static Answer answer(ObjectNode json) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        return new Answer(SdkHttpResponse.builder().statusCode(200)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("x-amz-crc32", Long.toString(crc.getValue()))
                .putHeader("x-amzn-RequestId", "BENCHMARKREQUESTID0000000000000000000000000000000000")
                .build(), body);
    }

    /** An item in DynamoDB's JSON: only the types the todos use. */
    private static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode json = JSON.createObjectNode();
        item.forEach((name, value) -> {
            ObjectNode typed = json.putObject(name);
            switch (value.type()) {
                case S -> typed.put("S", value.s());
                case N -> typed.put("N", value.n());
                case BOOL -> typed.put("BOOL", value.bool());
                default -> throw new IllegalArgumentException("no canned JSON for " + value.type());
            }
        });
        return json;
    }
}

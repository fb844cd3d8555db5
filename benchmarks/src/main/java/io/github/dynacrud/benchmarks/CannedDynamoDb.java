package io.github.dynacrud.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A {@link DynamoDbClient} that answers from memory with responses built once: a put succeeds, a get finds a stored
 * todo, a query finds a full page and a key to continue from, an update answers the todo as the patch of
 * {@link TodoEvents#patch} leaves it. It measures the handlers without the SDK's own work; {@link CannedDynamoDbHttp}
 * sends the same answers through the SDK.
 */
final class CannedDynamoDb implements DynamoDbClient {
    /** The id of the todo a get finds. */
    static final String ID = "01JD0000000000000000000001";

    private final PutItemResponse put = PutItemResponse.builder().build();
    private final GetItemResponse get = GetItemResponse.builder().item(todo(ID, false)).build();
    private final QueryResponse page;
    private final UpdateItemResponse update;

    CannedDynamoDb() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < TodoEvents.PAGE; i++) {
            items.add(todo("01JD00000000000000000001" + (char) ('A' + i / 10) + (char) ('A' + i % 10), i % 2 == 0));
        }
        Map<String, AttributeValue> last = items.get(items.size() - 1);
        page = QueryResponse.builder().items(items).count(items.size())
                .lastEvaluatedKey(Map.of("PK", last.get("PK"), "SK", last.get("SK"))).build();
        Map<String, AttributeValue> patched = new HashMap<>(todo(ID, true));
        patched.put("title", AttributeValue.fromS("Measure the warm cost"));
        patched.put("version", AttributeValue.fromN("4"));
        patched.put("updatedAt", AttributeValue.fromS("2026-12-02T10:00:00.789Z"));
        update = UpdateItemResponse.builder().attributes(patched).build();
    }

    /** A todo as dynacrud stores it, which is also how the baseline stores it. */
    private static Map<String, AttributeValue> todo(String id, boolean done) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS("USER#" + TodoEvents.OWNER));
        item.put("SK", AttributeValue.fromS("TODO#" + id));
        item.put("GSI1PK", AttributeValue.fromS("USER#" + TodoEvents.OWNER));
        item.put("GSI1SK", AttributeValue.fromS("DONE#" + done + "#" + id));
        item.put("_type", AttributeValue.fromS("Todo"));
        item.put("ownerId", AttributeValue.fromS(TodoEvents.OWNER));
        item.put("id", AttributeValue.fromS(id));
        item.put("title", AttributeValue.fromS("Measure the cold start"));
        item.put("done", AttributeValue.fromBool(done));
        item.put("dueDate", AttributeValue.fromS("2026-12-24"));
        item.put("version", AttributeValue.fromN("3"));
        item.put("createdAt", AttributeValue.fromS("2026-11-30T08:15:30.123Z"));
        item.put("updatedAt", AttributeValue.fromS("2026-12-01T09:45:00.456Z"));
        return Map.copyOf(item);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return put;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return get;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return page;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return update;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}

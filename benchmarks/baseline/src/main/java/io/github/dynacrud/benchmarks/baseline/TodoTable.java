package io.github.dynacrud.benchmarks.baseline;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The todos in one DynamoDB table, stored with the low-level client in the same item shape dynacrud uses. */
final class TodoTable {
    static final String SORT_KEY_PREFIX = "TODO#";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    TodoTable(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** Returns the partition key value that holds all todos of one owner. */
    static String partition(String owner) {
        return "USER#" + owner;
    }

    /**
     * Stores a new todo at version 1, refusing to overwrite an item with the same key.
     *
     * @return the stored item
     */
    Map<String, AttributeValue> create(String owner, NewTodo todo) {
        String id = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        Map<String, AttributeValue> item = new HashMap<>(20);
        item.put("PK", AttributeValue.fromS(partition(owner)));
        item.put("SK", AttributeValue.fromS(SORT_KEY_PREFIX + id));
        item.put("GSI1PK", AttributeValue.fromS(partition(owner)));
        item.put("GSI1SK", AttributeValue.fromS("DONE#" + todo.done() + "#" + id));
        item.put("_type", AttributeValue.fromS("Todo"));
        item.put("ownerId", AttributeValue.fromS(owner));
        item.put("id", AttributeValue.fromS(id));
        item.put("title", AttributeValue.fromS(todo.title()));
        item.put("done", AttributeValue.fromBool(todo.done()));
        if (todo.dueDate() != null) {
            item.put("dueDate", AttributeValue.fromS(todo.dueDate().toString()));
        }
        item.put("version", AttributeValue.fromN("1"));
        item.put("createdAt", AttributeValue.fromS(now));
        item.put("updatedAt", AttributeValue.fromS(now));
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(PK)")
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw HttpProblem.conflict("a todo with this id already exists");
        }
        return item;
    }

    /** Reads one todo of an owner, empty when there is none. */
    Optional<Map<String, AttributeValue>> find(String owner, String id) {
        GetItemResponse response = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(tableName)
                .key(Map.of("PK", AttributeValue.fromS(partition(owner)),
                        "SK", AttributeValue.fromS(SORT_KEY_PREFIX + id)))
                .build());
        // The SDK answers an empty map, not null, for a missing item.
        return response.hasItem() ? Optional.of(response.item()) : Optional.empty();
    }

    /**
     * Reads one page of an owner's todos in sort-key order.
     *
     * @param startKey where the previous page stopped, or null for the first page
     */
    QueryResponse page(String owner, int limit, Map<String, AttributeValue> startKey) {
        return dynamoDb.query(QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(owner)),
                        ":sk", AttributeValue.fromS(SORT_KEY_PREFIX)))
                .limit(limit)
                .exclusiveStartKey(startKey)
                .build());
    }
}

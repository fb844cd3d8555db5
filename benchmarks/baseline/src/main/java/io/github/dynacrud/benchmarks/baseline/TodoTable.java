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
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

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
        return find(owner, id, false);
    }

    /**
     * Applies a patch in one {@code UpdateItem} that checks the item exists (and has the expected version) and
     * answers the new item; a patch without changes reads the item, strongly consistent, and writes nothing.
     *
     * @param expectedVersion the version the caller last read, or null to skip the check
     * @return the item as stored
     */
    Map<String, AttributeValue> patch(String owner, String id, TodoChanges changes, Long expectedVersion) {
        if (changes.isEmpty()) {
            Map<String, AttributeValue> item = find(owner, id, true)
                    .orElseThrow(() -> HttpProblem.notFound("no todo has this id"));
            if (expectedVersion != null && !expectedVersion.toString().equals(item.get("version").n())) {
                throw HttpProblem.preconditionFailed("the todo was changed since; read it again");
            }
            return item;
        }
        Map<String, String> names = new HashMap<>(8);
        Map<String, AttributeValue> values = new HashMap<>(12);
        names.put("#type", "_type");
        names.put("#version", "version");
        names.put("#updatedAt", "updatedAt");
        values.put(":type", AttributeValue.fromS("Todo"));
        values.put(":zero", AttributeValue.fromN("0"));
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":now", AttributeValue.fromS(Instant.now().toString()));
        StringBuilder set = new StringBuilder("SET #updatedAt = :now, #version = if_not_exists(#version, :zero) + :one");
        if (changes.title() != null) {
            set.append(", #title = :title");
            names.put("#title", "title");
            values.put(":title", AttributeValue.fromS(changes.title()));
        }
        if (changes.done() != null) {
            // The done state is part of the index key the list by state reads: it moves with it.
            set.append(", #done = :done, GSI1SK = :gsi1sk");
            names.put("#done", "done");
            values.put(":done", AttributeValue.fromBool(changes.done()));
            values.put(":gsi1sk", AttributeValue.fromS("DONE#" + changes.done() + "#" + id));
        }
        String remove = "";
        if (changes.setsDueDate()) {
            names.put("#dueDate", "dueDate");
            if (changes.dueDate() == null) {
                remove = " REMOVE #dueDate";
            } else {
                set.append(", #dueDate = :dueDate");
                values.put(":dueDate", AttributeValue.fromS(changes.dueDate().toString()));
            }
        }
        String condition = "attribute_exists(PK) AND #type = :type";
        if (expectedVersion != null) {
            condition += " AND #version = :expected";
            values.put(":expected", AttributeValue.fromN(expectedVersion.toString()));
        }
        try {
            return dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(key(owner, id))
                    .updateExpression(set + remove)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes();
        } catch (ConditionalCheckFailedException e) {
            // The old item tells a missing todo from a stale version without a second read.
            AttributeValue type = e.hasItem() ? e.item().get("_type") : null;
            if (type == null || !"Todo".equals(type.s())) {
                throw HttpProblem.notFound("no todo has this id");
            }
            throw HttpProblem.preconditionFailed("the todo was changed since; read it again");
        }
    }

    private Optional<Map<String, AttributeValue>> find(String owner, String id, boolean consistent) {
        GetItemResponse response = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(tableName)
                .key(key(owner, id))
                .consistentRead(consistent ? Boolean.TRUE : null)
                .build());
        // The SDK answers an empty map, not null, for a missing item.
        return response.hasItem() ? Optional.of(response.item()) : Optional.empty();
    }

    private static Map<String, AttributeValue> key(String owner, String id) {
        return Map.of("PK", AttributeValue.fromS(partition(owner)), "SK", AttributeValue.fromS(SORT_KEY_PREFIX + id));
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

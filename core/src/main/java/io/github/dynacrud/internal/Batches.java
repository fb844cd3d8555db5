package io.github.dynacrud.internal;

import io.github.dynacrud.entity.Entity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code BatchGetItem} and {@code BatchWriteItem} of one table: requests cut at DynamoDB's limits (100 keys, 25
 * writes), and what DynamoDB leaves unprocessed sent again after a {@linkplain Backoff jittered pause}, a bounded
 * number of times.
 */
public final class Batches {
    /** The most keys one {@code BatchGetItem} may carry. */
    public static final int GET_CHUNK = 100;
    /** The most writes one {@code BatchWriteItem} may carry. */
    public static final int WRITE_CHUNK = 25;

    private Batches() {
    }

    /**
     * Reads items by key with strongly consistent reads.
     *
     * @param client    the DynamoDB client
     * @param tableName the table
     * @param keys      distinct primary keys
     * @return the items found, by primary key ({@code PK} and {@code SK})
     * @throws io.github.dynacrud.RetryableException when keys stay unprocessed after the last attempt
     */
    public static Map<Map<String, AttributeValue>, Map<String, AttributeValue>> get(DynamoDbClient client,
            String tableName, List<Map<String, AttributeValue>> keys) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> found = new HashMap<>();
        for (List<Map<String, AttributeValue>> chunk : chunks(keys, GET_CHUNK)) {
            Map<String, KeysAndAttributes> pending = Map.of(tableName,
                    KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
            for (int attempt = 1; ; attempt++) {
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = call("BatchGetItem",
                        () -> client.batchGetItem(r -> r.requestItems(request)));
                response.responses().getOrDefault(tableName, List.of())
                        .forEach(item -> found.put(keyOf(item), item));
                pending = response.unprocessedKeys();
                if (pending == null || pending.isEmpty()) {
                    break;
                }
                Backoff.pause(attempt, "DynamoDB BatchGetItem left keys unprocessed");
            }
        }
        return found;
    }

    /**
     * Writes puts and deletes, unconditionally.
     *
     * @param client    the DynamoDB client
     * @param tableName the table
     * @param writes    the writes, at most one per primary key
     * @throws io.github.dynacrud.RetryableException when writes stay unprocessed after the last attempt
     */
    public static void write(DynamoDbClient client, String tableName, List<WriteRequest> writes) {
        for (List<WriteRequest> chunk : chunks(writes, WRITE_CHUNK)) {
            Map<String, List<WriteRequest>> pending = Map.of(tableName, chunk);
            for (int attempt = 1; ; attempt++) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = call("BatchWriteItem",
                        () -> client.batchWriteItem(r -> r.requestItems(request)));
                pending = response.unprocessedItems();
                if (pending == null || pending.isEmpty()) {
                    break;
                }
                Backoff.pause(attempt, "DynamoDB BatchWriteItem left items unprocessed");
            }
        }
    }

    /**
     * Returns an item's primary key.
     *
     * @param item a stored item
     * @return its {@code PK} and {@code SK}
     */
    public static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(Entity.PARTITION_KEY, item.get(Entity.PARTITION_KEY), Entity.SORT_KEY, item.get(Entity.SORT_KEY));
    }

    private static <R> R call(String operation, Supplier<R> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw AwsFailures.translate(operation, e);
        }
    }

    private static <E> List<List<E>> chunks(List<E> elements, int size) {
        List<List<E>> chunks = new ArrayList<>();
        for (int from = 0; from < elements.size(); from += size) {
            chunks.add(elements.subList(from, Math.min(elements.size(), from + size)));
        }
        return chunks;
    }
}

package io.github.dynacrud.table;

import io.github.dynacrud.internal.Batches;
import io.github.dynacrud.internal.EntityMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Unconditional puts and deletes of one entity type for one caller, sent in {@code BatchWriteItem} requests of up to
 * 25 writes; what DynamoDB leaves unprocessed is sent again after a short jittered pause, a bounded number of times.
 * Each put is completed and validated as a create is (owner from the scope, a generated id when absent, version 1,
 * both timestamps) but overwrites any item with its key; a delete of a missing item does nothing. Nothing is
 * atomic: a failure can leave some chunks written. Get one from {@link EntityRepository#batchWrite(Scope)}.
 *
 * <pre>{@code
 * List<Event> stored = events.batchWrite(scope).put(first).put(second).delete(oldId).run();
 * }</pre>
 *
 * @param <T> the record type
 */
public final class BatchWrite<T extends Record> {
    /** A guarantee of single writes that the caller accepts a batch does not keep. */
    public enum Waiver {
        /** Puts store version 1 over any version, and deletes remove any version. */
        VERSION_CHECKS
    }

    private final EntityRepository<T> repository;
    private final Scope scope;
    private final List<T> puts = new ArrayList<>();
    private final List<Map<String, ?>> deletes = new ArrayList<>();

    BatchWrite(EntityRepository<T> repository, Scope scope) {
        this.repository = repository;
        this.scope = scope;
    }

    /**
     * Adds a put of an item, written whole over any item with its key.
     *
     * @param item the item; owner, version and timestamps in it are ignored
     * @return this batch
     */
    public BatchWrite<T> put(T item) {
        puts.add(Objects.requireNonNull(item, "item"));
        return this;
    }

    /**
     * Adds a delete by id.
     *
     * @param id the value of the entity's id attribute
     * @return this batch
     */
    public BatchWrite<T> delete(String id) {
        return delete(repository.idKey(id));
    }

    /**
     * Adds a delete by the values of the key attributes.
     *
     * @param key a value for every key attribute except the owner
     * @return this batch
     */
    public BatchWrite<T> delete(Map<String, ?> key) {
        deletes.add(Objects.requireNonNull(key, "key"));
        return this;
    }

    /**
     * Validates every put, then writes the batch.
     *
     * @return the items put, as stored, in the order they were added
     * @throws io.github.dynacrud.ValidationException when an item is invalid or a key part could forge another key;
     *                                                 nothing is written then
     * @throws IllegalArgumentException                when two writes have one key
     * @throws io.github.dynacrud.RetryableException   when writes stay unprocessed; earlier chunks are written
     */
    public List<T> run() {
        EntityMapping<T> mapping = repository.mapping();
        Instant now = repository.now();
        List<WriteRequest> writes = new ArrayList<>();
        List<T> stored = new ArrayList<>();
        Set<Map<String, AttributeValue>> keys = new HashSet<>();
        for (T put : puts) {
            Map<String, AttributeValue> item = mapping.toItem(repository.newItem(scope, put, now));
            once(keys, Batches.keyOf(item));
            writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            stored.add(mapping.schema().mapToItem(item));
        }
        for (Map<String, ?> delete : deletes) {
            Map<String, AttributeValue> key = repository.key(scope, delete);
            once(keys, key);
            writes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
        }
        Batches.write(repository.client(), repository.tableName(), writes);
        return List.copyOf(stored);
    }

    private void once(Set<Map<String, AttributeValue>> keys, Map<String, AttributeValue> key) {
        if (!keys.add(Map.copyOf(key))) {
            throw new IllegalArgumentException("a batch write of " + repository.entity().type()
                    + " names one item twice; DynamoDB refuses two writes of one key in a batch");
        }
    }
}

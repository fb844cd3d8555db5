package io.github.dynacrud.table;

import io.github.dynacrud.TransactionCanceledException;
import io.github.dynacrud.TransactionCanceledException.Reason;
import io.github.dynacrud.UniqueConstraintException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.internal.Transactions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The writes of one transaction, grouped by the action that added them: their limits (how many, each item once),
 * the one {@code TransactWriteItems} that sends them with its retries of conflicts, and the reading of its
 * cancellation reasons into one reason per action.
 */
final class TransactionWrites {
    /**
     * One write and what its failed condition means, read from the old item DynamoDB returns with it.
     *
     * @param write      the write
     * @param reason     the reason of a failed condition, given the old item or {@code null}
     * @param takesValue the unique attribute whose value the write's guard put takes, or {@code null}
     */
    record Write(TransactWriteItem write, Function<Map<String, AttributeValue>, Reason> reason, String takesValue) {
        /** A write that takes no unique value. */
        Write(TransactWriteItem write, Function<Map<String, AttributeValue>, Reason> reason) {
            this(write, reason, null);
        }
    }

    private final int maxWrites;
    private final List<TransactWriteItem> items = new ArrayList<>();
    private final List<Write> writes = new ArrayList<>();
    private final List<Integer> actionOf = new ArrayList<>();
    private final List<String> actionTypes = new ArrayList<>();
    private final Map<Map<String, AttributeValue>, Integer> keys = new HashMap<>();

    TransactionWrites(int maxWrites) {
        this.maxWrites = maxWrites;
    }

    /**
     * Adds the writes of one action, refusing more writes than the limit and an item named twice; a unique value taken
     * twice is a {@link UniqueConstraintException}.
     */
    void add(String entityType, List<Write> action) {
        int index = actionTypes.size();
        if (items.size() + action.size() > maxWrites) {
            throw new IllegalStateException("action " + index + " (" + entityType + ") would make "
                    + (items.size() + action.size()) + " writes; a transaction holds at most " + maxWrites
                    + ", guard items of unique attributes included");
        }
        Map<Map<String, AttributeValue>, Integer> added = new HashMap<>();
        for (Write write : action) {
            Map<String, AttributeValue> key = key(write.write());
            Integer other = keys.containsKey(key) ? keys.get(key) : added.get(key);
            if (other != null && write.takesValue() != null) {
                // Two actions taking one value: the second finds it taken, as it would in two transactions.
                throw new UniqueConstraintException(entityType, write.takesValue());
            }
            if (other != null) {
                throw new IllegalArgumentException("action " + index + " (" + entityType + ") writes an item that"
                        + " action " + other + " writes too (a unique value counts as an item); DynamoDB takes one"
                        + " action per item in a transaction");
            }
            added.put(key, index);
        }
        keys.putAll(added);
        actionTypes.add(entityType);
        for (Write write : action) {
            items.add(write.write());
            writes.add(write);
            actionOf.add(index);
        }
    }

    /** Sends the writes in one transaction, retrying conflicts with other transactions a bounded number of times. */
    void commit(DynamoDbClient client, String clientRequestToken) {
        commit(client, clientRequestToken, reasons -> null);
    }

    /** @return whether no write was added */
    boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * Sends the writes like {@link #commit(DynamoDbClient, String)}, throwing what {@code whenConflictsPersist} gives
     * for the cancellation reasons, when it gives something, once the last attempt conflicted.
     */
    void commit(DynamoDbClient client, String clientRequestToken,
            Function<List<CancellationReason>, RuntimeException> whenConflictsPersist) {
        if (items.isEmpty()) {
            throw new IllegalStateException("a transaction without actions has nothing to commit");
        }
        Transactions.write(client, TransactWriteItemsRequest.builder().transactItems(items)
                .clientRequestToken(clientRequestToken).build(), this::failIfChecked, whenConflictsPersist);
    }

    /** Throws the typed failure when a condition of the transaction failed. */
    private void failIfChecked(List<CancellationReason> reasons) {
        if (reasons.stream().noneMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
            return;
        }
        List<Reason> perAction = new ArrayList<>();
        actionTypes.forEach(type -> perAction.add(Reason.NONE));
        for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
            CancellationReason reason = reasons.get(i);
            int action = actionOf.get(i);
            if ("ConditionalCheckFailed".equals(reason.code()) && perAction.get(action) == Reason.NONE) {
                perAction.set(action, writes.get(i).reason().apply(reason.hasItem() ? reason.item() : null));
            }
        }
        throw new TransactionCanceledException(actionTypes, perAction);
    }

    private static Map<String, AttributeValue> key(TransactWriteItem write) {
        Map<String, AttributeValue> key;
        if (write.put() != null) {
            key = write.put().item();
        } else if (write.update() != null) {
            key = write.update().key();
        } else if (write.delete() != null) {
            key = write.delete().key();
        } else {
            key = write.conditionCheck().key();
        }
        return Map.of(Entity.PARTITION_KEY, key.get(Entity.PARTITION_KEY), Entity.SORT_KEY,
                key.get(Entity.SORT_KEY));
    }
}

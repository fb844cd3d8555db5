package io.github.dynacrud.internal;

import io.github.dynacrud.ItemAlreadyExistsException;
import io.github.dynacrud.StorageException;
import io.github.dynacrud.UniqueConstraintException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.KeyParts;
import io.github.dynacrud.entity.KeyTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Writes items of an entity with unique attributes together with their guard items, one per taken value
 * ({@code PK = SK = UNIQUE#<type>#<attribute>#<value>}), in one {@code TransactWriteItems}: a value is taken exactly
 * when its guard exists, and no guard outlives the value it guards.
 *
 * @param <T> the record type
 */
public final class UniqueGuards<T extends Record> {
    /** The entity type stored on guard items. */
    public static final String GUARD_TYPE = "_unique";
    /** The attributes of a guard item that hold the primary key of the item whose value it guards. */
    private static final String TARGET_PK = "targetPK";
    private static final String TARGET_SK = "targetSK";

    private final Entity<T> entity;
    private final RecordModel<T> model;
    private final String tableName;

    /**
     * Creates the guard writer of one entity type.
     *
     * @param mapping   the entity's mapping
     * @param tableName the table
     */
    public UniqueGuards(EntityMapping<T> mapping, String tableName) {
        this.entity = mapping.entity();
        this.model = mapping.model();
        this.tableName = tableName;
    }

    /**
     * Creates an item and the guards of its unique values.
     *
     * @param client  the DynamoDB client
     * @param item    the stored form of the new item
     * @param created the new item
     */
    public void create(DynamoDbClient client, Map<String, AttributeValue> item, T created) {
        List<TransactWriteItem> writes = new ArrayList<>();
        List<Supplier<RuntimeException>> failures = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(" + Entity.PARTITION_KEY + ")")).build());
        failures.add(() -> new ItemAlreadyExistsException(entity.type()));
        addGuardChanges(writes, failures, null, created, item);
        transact(client, writes, failures);
    }

    /**
     * Tells whether a change of an item moves a guard: a unique value is set, cleared or changed.
     *
     * @param before the item as read
     * @param after  its new state, or {@code null} for a delete
     * @return {@code true} when the write must go with guard changes
     */
    public boolean movesGuards(T before, T after) {
        return entity.uniqueAttributes().stream().anyMatch(attribute ->
                !Objects.equals(guardKey(before, attribute), after == null ? null : guardKey(after, attribute)));
    }

    /**
     * Writes a change of an item that was just read together with the guard changes it implies, in one
     * transaction. The item write is conditioned on the version read, so a concurrent change makes it fail rather
     * than orphan a guard.
     *
     * @param client    the DynamoDB client
     * @param itemWrite the item's update or delete, conditioned on the version read
     * @param key       the item's primary key
     * @param before    the item as read
     * @param after     its new state, or {@code null} for a delete
     * @throws VersionConflictException when the item's condition failed: it changed since it was read
     * @throws UniqueConstraintException when a new value is taken
     * @throws StorageException when the guard of an old value points at another item
     */
    public void write(DynamoDbClient client, TransactWriteItem itemWrite, Map<String, AttributeValue> key, T before,
            T after) {
        List<TransactWriteItem> writes = new ArrayList<>();
        List<Supplier<RuntimeException>> failures = new ArrayList<>();
        writes.add(itemWrite);
        failures.add(() -> new VersionConflictException(entity.type()));
        addGuardChanges(writes, failures, before, after, key);
        transact(client, writes, failures);
    }

    private void addGuardChanges(List<TransactWriteItem> writes, List<Supplier<RuntimeException>> failures,
            T before, T after, Map<String, AttributeValue> target) {
        for (GuardWrite guard : guardWrites(before, after, target)) {
            writes.add(guard.write());
            // The item was just read, so a guard of its old value that points elsewhere is not a change since the
            // read (retrying would fail alike) but guards that disagree with the item, such as after a change of
            // normalization: nothing is written, and the failure is logged as the server's.
            failures.add(guard.takes() ? () -> new UniqueConstraintException(entity.type(), guard.attribute())
                    : () -> new StorageException("the guard of the old value of " + entity.type() + "."
                            + guard.attribute() + " points at another item; nothing was written"));
        }
    }

    /**
     * One write of a guard item in a transaction.
     *
     * @param write     a conditional put that takes a value, or a delete that frees one if its guard points at the
     *                  item written
     * @param attribute the unique attribute
     * @param takes     {@code true} for the put, whose failure means the value is taken; {@code false} for the
     *                  delete, whose failure means the guard belongs to another item
     */
    public record GuardWrite(TransactWriteItem write, String attribute, boolean takes) {
    }

    /**
     * Lists the guard writes a change of an item implies: the guards of values it no longer has are deleted if they
     * point at this item (never another item's, whatever state of the item the caller gives), and those of its new
     * values are put only if free.
     *
     * @param before the item before the change, or {@code null} for a create
     * @param after  the item after it, or {@code null} for a delete
     * @param target the item's primary key, which new guards point at
     * @return the writes, to join the item's write in one transaction
     */
    public List<GuardWrite> guardWrites(T before, T after, Map<String, AttributeValue> target) {
        List<GuardWrite> writes = new ArrayList<>();
        for (String attribute : entity.uniqueAttributes()) {
            Map<String, AttributeValue> oldGuard = before == null ? null : guardKey(before, attribute);
            Map<String, AttributeValue> newGuard = after == null ? null : guardKey(after, attribute);
            // Compared as rendered keys: values equal as keys (1.0 and 1.00) share one guard.
            if (Objects.equals(oldGuard, newGuard)) {
                continue;
            }
            if (oldGuard != null) {
                writes.add(new GuardWrite(freeIfOwn(oldGuard, target), attribute, false));
            }
            if (newGuard != null) {
                Map<String, AttributeValue> guard = new HashMap<>(newGuard);
                guard.put(Entity.TYPE_ATTRIBUTE, AttributeValue.fromS(GUARD_TYPE));
                guard.put(TARGET_PK, target.get(Entity.PARTITION_KEY));
                guard.put(TARGET_SK, target.get(Entity.SORT_KEY));
                writes.add(new GuardWrite(TransactWriteItem.builder().put(p -> p.tableName(tableName).item(guard)
                        .conditionExpression("attribute_not_exists(" + Entity.PARTITION_KEY + ")")).build(),
                        attribute, true));
            }
        }
        return writes;
    }

    /** A delete of a guard that holds only if the guard points at the item or is already gone. */
    private TransactWriteItem freeIfOwn(Map<String, AttributeValue> guardKey, Map<String, AttributeValue> target) {
        Expressions condition = new Expressions();
        String expression = "attribute_not_exists(" + condition.name(Entity.PARTITION_KEY) + ") OR ("
                + condition.name(TARGET_PK) + " = " + condition.value(target.get(Entity.PARTITION_KEY)) + " AND "
                + condition.name(TARGET_SK) + " = " + condition.value(target.get(Entity.SORT_KEY)) + ")";
        return TransactWriteItem.builder().delete(d -> d.tableName(tableName).key(guardKey)
                .conditionExpression(expression).expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values())).build();
    }

    /**
     * Returns the key of the guard of one item's unique value: {@code UNIQUE#<type>#<attribute>#<value>}, the value
     * in its {@linkplain Entity#uniqueNormalization normalized} form, with the owner after the type for owner-scoped
     * entities, so values are unique per owner and one owner's values cannot be
     * probed by another.
     *
     * @param item      the item
     * @param attribute the unique attribute
     * @return {@code PK} and {@code SK} of the guard, or {@code null} when the item has no value there
     */
    public Map<String, AttributeValue> guardKey(T item, String attribute) {
        Object value = model.value(item, attribute);
        if (value == null) {
            return null;
        }
        StringBuilder key = new StringBuilder(Entity.GUARD_PREFIX).append(KeyTemplate.SEPARATOR).append(entity.type());
        entity.ownerAttribute().ifPresent(owner -> key.append(KeyTemplate.SEPARATOR)
                .append(KeyParts.check(owner, model.value(item, owner))));
        // Checked again once normalized, so a normalization cannot make one guard key out of two values' parts.
        String normalized = entity.uniqueNormalization(attribute).apply(KeyParts.check(attribute, value));
        key.append(KeyTemplate.SEPARATOR).append(attribute).append(KeyTemplate.SEPARATOR)
                .append(KeyParts.check(attribute, normalized));
        AttributeValue rendered = AttributeValue.fromS(key.toString());
        return Map.of(Entity.PARTITION_KEY, rendered, Entity.SORT_KEY, rendered);
    }

    private void transact(DynamoDbClient client, List<TransactWriteItem> writes,
            List<Supplier<RuntimeException>> failures) {
        Transactions.write(client, TransactWriteItemsRequest.builder().transactItems(writes).build(), reasons -> {
            for (int i = 0; i < reasons.size() && i < failures.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    throw failures.get(i).get();
                }
            }
        });
    }
}

package io.github.dynacrud.table;

import io.github.dynacrud.ItemAlreadyExistsException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.UniqueConstraintException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.Index;
import io.github.dynacrud.internal.AwsFailures;
import io.github.dynacrud.internal.EntityMapping;
import io.github.dynacrud.internal.Expressions;
import io.github.dynacrud.internal.ItemLimits;
import io.github.dynacrud.internal.KeyQuery;
import io.github.dynacrud.internal.RecordModel;
import io.github.dynacrud.internal.Ulid;
import io.github.dynacrud.internal.UniqueGuards;
import io.github.dynacrud.internal.Validation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Reads and writes the items of one entity type. Each operation is one DynamoDB request: conditions replace
 * read-before-write, and a failed condition tells a missing item from a stale version without a second read.
 *
 * <p>The exception is an entity with {@linkplain Entity.Builder#unique unique attributes}: a replace, a patch that
 * changes a unique value, and a delete first read the item (one consistent {@code GetItem}), then write it together
 * with its guard items in one {@code TransactWriteItems} conditioned on the version read, because the guard of the
 * old value can only be removed when that value is known.
 *
 * <pre>{@code
 * EntityRepository<Todo> todos = table.repository(TODO);
 * Scope scope = Scope.owner("user-1");
 * Todo created = todos.create(scope, new Todo(null, null, "Write docs", false, null, null, null));
 * Todo done = todos.patch(scope, created.id(), Map.of("done", true), created.version());
 * todos.delete(scope, done.id(), done.version());
 * }</pre>
 *
 * @param <T> the record type
 */
public final class EntityRepository<T extends Record> {
    private final SingleTable table;
    private final DynamoDbClient client;
    private final Entity<T> entity;
    private final EntityMapping<T> mapping;
    private final RecordModel<T> model;
    private final KeyQuery<T> queries;
    private final UniqueGuards<T> guards;
    private final Set<String> replaceable;

    EntityRepository(SingleTable table, Entity<T> entity) {
        this.table = table;
        this.client = table.client();
        this.entity = entity;
        this.mapping = new EntityMapping<>(entity);
        this.model = mapping.model();
        this.queries = new KeyQuery<>(mapping, table.tableName(), table.cursors());
        this.guards = new UniqueGuards<>(mapping, table.tableName());
        Set<String> fields = new LinkedHashSet<>();
        model.components().forEach(c -> fields.add(c.name()));
        fields.removeAll(entity.keyAttributes());
        entity.versionAttribute().ifPresent(fields::remove);
        entity.createdAtAttribute().ifPresent(fields::remove);
        entity.updatedAtAttribute().ifPresent(fields::remove);
        this.replaceable = Set.copyOf(fields);
        // Bootstrapping Hibernate Validator costs most of a second: pay it here, at start-up, not on the first write.
        Validation.prepare(entity.recordType());
    }

    /** @return the entity type this repository serves */
    public Entity<T> entity() {
        return entity;
    }

    /**
     * Creates an item: fills the owner from the scope, a new ULID when the id is generated and absent, version 1 and
     * both timestamps, validates it, and writes it only if no item has its key.
     *
     * @param scope the caller's scope
     * @param item  the new item; owner, version and timestamps in it are ignored
     * @return the item as stored
     * @throws ValidationException        when a constraint or a key part is broken
     * @throws ItemAlreadyExistsException when an item with the same key exists
     * @throws UniqueConstraintException  when a unique value is taken
     */
    public T create(Scope scope, T item) {
        Instant now = now();
        Map<String, Object> managed = new HashMap<>();
        owner(scope).ifPresent(owner -> managed.put(entity.ownerAttribute().orElseThrow(), owner));
        entity.idAttribute().filter(id -> entity.generatesId() && model.value(item, id) == null)
                .ifPresent(id -> managed.put(id, Ulid.next(table.clock())));
        entity.versionAttribute().ifPresent(v -> managed.put(v, mapping.versionValue(1)));
        entity.createdAtAttribute().ifPresent(a -> managed.put(a, now));
        entity.updatedAtAttribute().ifPresent(a -> managed.put(a, now));
        T created = model.with(item, managed);
        Validation.check(created);
        Map<String, AttributeValue> stored = mapping.toItem(created);
        if (!entity.uniqueAttributes().isEmpty()) {
            guards.create(client, stored, created);
        } else {
            put(stored);
        }
        // Read back from the stored form: storage can normalise values (TTL seconds, decimal scale).
        return mapping.schema().mapToItem(stored);
    }

    private void put(Map<String, AttributeValue> stored) {
        try {
            client.putItem(PutItemRequest.builder().tableName(table.tableName()).item(stored)
                    .conditionExpression("attribute_not_exists(" + Entity.PARTITION_KEY + ")").build());
        } catch (ConditionalCheckFailedException e) {
            throw new ItemAlreadyExistsException(entity.type());
        } catch (SdkException e) {
            throw AwsFailures.translate("PutItem", e);
        }
    }

    /**
     * Reads an item by its id, with a strongly consistent read.
     *
     * @param scope the caller's scope
     * @param id    the value of the entity's id attribute
     * @return the item, or empty when it does not exist for this caller
     * @throws ValidationException when the id could forge another key
     */
    public Optional<T> get(Scope scope, String id) {
        return get(scope, idKey(id));
    }

    /**
     * Reads an item by the values of its key attributes (the owner comes from the scope).
     *
     * @param scope the caller's scope
     * @param key   a value for every key attribute except the owner
     * @return the item, or empty when it does not exist for this caller
     * @throws ValidationException when a key part could forge another key
     */
    public Optional<T> get(Scope scope, Map<String, ?> key) {
        Map<String, AttributeValue> primaryKey = mapping.primaryKey(keyValues(scope, key));
        try {
            return mapping.fromItem(client.getItem(GetItemRequest.builder().tableName(table.tableName()).key(primaryKey)
                    .consistentRead(true).build()).item());
        } catch (SdkException e) {
            throw AwsFailures.translate("GetItem", e);
        }
    }

    /**
     * Reads one page of items of this type, from the table's partition or from an index; never a scan.
     *
     * @param scope the caller's scope
     * @param query what to read
     * @return the page
     * @throws io.github.dynacrud.InvalidCursorException when the cursor is altered or from another query
     */
    public Page<T> query(Scope scope, Query query) {
        return queries.run(client, owner(scope), query);
    }

    /**
     * Replaces every writable attribute of an existing item; id, owner, version and timestamps are kept or managed.
     *
     * @param scope the caller's scope
     * @param item  the new state, with its key attributes set
     * @return the item as stored
     * @throws ItemNotFoundException when the item does not exist for this caller
     */
    public T replace(Scope scope, T item) {
        return replace(scope, item, OptionalLong.empty());
    }

    /**
     * Like {@link #replace(Scope, Record)}, only if the stored version is the expected one.
     *
     * @param scope           the caller's scope
     * @param item            the new state, with its key attributes set
     * @param expectedVersion the version the caller last read
     * @return the item as stored
     * @throws VersionConflictException when the stored version differs
     */
    public T replace(Scope scope, T item, long expectedVersion) {
        return replace(scope, item, OptionalLong.of(expectedVersion));
    }

    private T replace(Scope scope, T item, OptionalLong expectedVersion) {
        T input = owner(scope).map(o -> model.with(item, Map.of(entity.ownerAttribute().orElseThrow(), o)))
                .orElse(item);
        Validation.check(input);
        Map<String, AttributeValue> key = mapping.primaryKey(name -> model.value(input, name));
        if (!entity.uniqueAttributes().isEmpty()) {
            T current = read(key);
            return guards.write(client, key, current, merge(current, input, replaceable), expectedVersion, now());
        }
        Expressions update = new Expressions();
        Map<String, Object> values = new HashMap<>();
        replaceable.forEach(name -> values.put(name, model.value(input, name)));
        applyChanges(update, values, name -> model.value(input, name), now());
        return update(key, update, expectedVersion);
    }

    /**
     * Changes some attributes of an existing item in one {@code UpdateItem}; a {@code null} value removes the
     * attribute. Each new value is validated against the record's constraints, and every index key built from a
     * changed attribute is rebuilt.
     *
     * @param scope   the caller's scope
     * @param id      the value of the entity's id attribute
     * @param changes new values by attribute name
     * @return the item as stored
     * @throws ValidationException   when a value breaks a constraint or the change touches a key or managed attribute
     * @throws ItemNotFoundException when the item does not exist for this caller
     */
    public T patch(Scope scope, String id, Map<String, ?> changes) {
        return patch(scope, idKey(id), changes, OptionalLong.empty());
    }

    /**
     * Like {@link #patch(Scope, String, Map)}, only if the stored version is the expected one.
     *
     * @param scope           the caller's scope
     * @param id              the value of the entity's id attribute
     * @param changes         new values by attribute name
     * @param expectedVersion the version the caller last read
     * @return the item as stored
     * @throws VersionConflictException when the stored version differs
     */
    public T patch(Scope scope, String id, Map<String, ?> changes, long expectedVersion) {
        return patch(scope, idKey(id), changes, OptionalLong.of(expectedVersion));
    }

    /**
     * Like {@link #patch(Scope, String, Map)}, for entities whose key has several attributes.
     *
     * @param scope           the caller's scope
     * @param key             a value for every key attribute except the owner
     * @param changes         new values by attribute name
     * @param expectedVersion the version the caller last read, or empty to skip the check
     * @return the item as stored
     */
    public T patch(Scope scope, Map<String, ?> key, Map<String, ?> changes, OptionalLong expectedVersion) {
        checkChanges(changes);
        Function<String, Object> keyValues = keyValues(scope, key);
        Map<String, AttributeValue> primaryKey = mapping.primaryKey(keyValues);
        if (entity.uniqueAttributes().stream().anyMatch(changes::containsKey)) {
            T current = read(primaryKey);
            T next = model.with(current, changes);
            Validation.check(next);
            return guards.write(client, primaryKey, current, next, expectedVersion, now());
        }
        Expressions update = new Expressions();
        applyChanges(update, changes, keyValues, now());
        return update(primaryKey, update, expectedVersion);
    }

    /**
     * Deletes an item.
     *
     * @param scope the caller's scope
     * @param id    the value of the entity's id attribute
     * @throws ItemNotFoundException when the item does not exist for this caller
     */
    public void delete(Scope scope, String id) {
        delete(scope, idKey(id), OptionalLong.empty());
    }

    /**
     * Deletes an item only if the stored version is the expected one.
     *
     * @param scope           the caller's scope
     * @param id              the value of the entity's id attribute
     * @param expectedVersion the version the caller last read
     * @throws VersionConflictException when the stored version differs
     */
    public void delete(Scope scope, String id, long expectedVersion) {
        delete(scope, idKey(id), OptionalLong.of(expectedVersion));
    }

    /**
     * Deletes an item identified by the values of its key attributes.
     *
     * @param scope           the caller's scope
     * @param key             a value for every key attribute except the owner
     * @param expectedVersion the version the caller last read, or empty to skip the check
     * @throws ItemNotFoundException    when the item does not exist for this caller
     * @throws VersionConflictException when the stored version differs
     */
    public void delete(Scope scope, Map<String, ?> key, OptionalLong expectedVersion) {
        Map<String, AttributeValue> primaryKey = mapping.primaryKey(keyValues(scope, key));
        if (!entity.uniqueAttributes().isEmpty()) {
            guards.write(client, primaryKey, read(primaryKey), null, expectedVersion, now());
            return;
        }
        Expressions condition = new Expressions();
        String expression = existsCondition(condition, expectedVersion);
        try {
            client.deleteItem(DeleteItemRequest.builder().tableName(table.tableName()).key(primaryKey)
                    .conditionExpression(expression)
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
        } catch (ConditionalCheckFailedException e) {
            throw conditionFailure(e);
        } catch (SdkException e) {
            throw AwsFailures.translate("DeleteItem", e);
        }
    }

    private T update(Map<String, AttributeValue> key, Expressions update, OptionalLong expectedVersion) {
        String condition = existsCondition(update, expectedVersion);
        try {
            return mapping.fromItem(client.updateItem(UpdateItemRequest.builder().tableName(table.tableName()).key(key)
                    .updateExpression(update.updateExpression())
                    .conditionExpression(condition)
                    .expressionAttributeNames(update.names())
                    .expressionAttributeValues(update.values())
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                    .attributes()).orElseThrow(() -> new ItemNotFoundException(entity.type()));
        } catch (ConditionalCheckFailedException e) {
            throw conditionFailure(e);
        } catch (SdkException e) {
            throw AwsFailures.translate("UpdateItem", e);
        }
    }

    /**
     * Adds the SET and REMOVE actions of some changes, the index keys they affect, {@code updatedAt} and the version.
     */
    private void applyChanges(Expressions update, Map<String, ?> changes, Function<String, Object> known,
            Instant now) {
        Map<String, Object> written = new HashMap<>(changes);
        entity.updatedAtAttribute().ifPresent(a -> written.put(a, now));
        Map<String, AttributeValue> sets = new HashMap<>();
        written.forEach((name, value) -> {
            AttributeValue stored = mapping.attributeValue(name, value);
            if (stored == null) {
                update.remove(name);
            } else {
                sets.put(name, stored);
            }
        });
        Function<String, Object> values = name -> written.containsKey(name) ? written.get(name) : known.apply(name);
        for (Index index : entity.indexes()) {
            List<String> attributes = new ArrayList<>(index.partitionKey().attributes());
            attributes.addAll(index.sortKey().attributes());
            if (attributes.stream().noneMatch(written::containsKey)) {
                continue;
            }
            for (String attribute : attributes) {
                if (!written.containsKey(attribute) && !entity.keyAttributes().contains(attribute)) {
                    throw new ValidationException(attribute, "must be given too: index " + index.name()
                            + " is built from " + attributes);
                }
            }
            mapping.indexKey(index, values).ifPresentOrElse(sets::putAll, () -> {
                update.remove(index.partitionKeyAttribute());
                update.remove(index.sortKeyAttribute());
            });
        }
        ItemLimits.checkItem(sets);
        sets.forEach(update::set);
        entity.versionAttribute().ifPresent(v -> {
            String name = update.name(v);
            update.setAction(name + " = if_not_exists(" + name + ", " + update.value(AttributeValue.fromN("0"))
                    + ") + " + update.value(AttributeValue.fromN("1")));
        });
    }

    private String existsCondition(Expressions expressions, OptionalLong expectedVersion) {
        StringBuilder condition = new StringBuilder("attribute_exists(" + Entity.PARTITION_KEY + ") AND ")
                .append(expressions.name(Entity.TYPE_ATTRIBUTE)).append(" = ")
                .append(expressions.value(mapping.typeValue()));
        if (expectedVersion.isPresent()) {
            String version = entity.versionAttribute().orElseThrow(() -> new IllegalStateException(
                    entity.type() + " has no version attribute, so it cannot check an expected version"));
            condition.append(" AND ").append(expressions.name(version)).append(" = ")
                    .append(expressions.value(AttributeValue.fromN(Long.toString(expectedVersion.getAsLong()))));
        }
        return condition.toString();
    }

    private RuntimeException conditionFailure(ConditionalCheckFailedException failure) {
        return failure.hasItem() && mapping.isOwnType(failure.item())
                ? new VersionConflictException(entity.type()) : new ItemNotFoundException(entity.type());
    }

    private T read(Map<String, AttributeValue> key) {
        try {
            return mapping.fromItem(client.getItem(GetItemRequest.builder().tableName(table.tableName()).key(key).consistentRead(true).build())
                    .item()).orElseThrow(() -> new ItemNotFoundException(entity.type()));
        } catch (SdkException e) {
            throw AwsFailures.translate("GetItem", e);
        }
    }

    private T merge(T current, T input, Set<String> fields) {
        Map<String, Object> changes = new HashMap<>();
        fields.forEach(name -> changes.put(name, model.value(input, name)));
        return model.with(current, changes);
    }

    private void checkChanges(Map<String, ?> changes) {
        List<ValidationException.Violation> violations = new ArrayList<>();
        for (Map.Entry<String, ?> change : changes.entrySet()) {
            String name = change.getKey();
            RecordModel.Component component = model.component(name);
            if (!replaceable.contains(name)) {
                violations.add(new ValidationException.Violation(name, "cannot be changed"));
                continue;
            }
            Object value = change.getValue();
            if (value == null && component.rawType().isPrimitive()) {
                violations.add(new ValidationException.Violation(name, "must not be null"));
                continue;
            }
            if (value != null && !boxed(component.rawType()).isInstance(value)) {
                throw new IllegalArgumentException("change of '" + name + "' is a " + value.getClass().getSimpleName()
                        + "; " + entity.type() + "." + name + " is a " + component.rawType().getSimpleName());
            }
            try {
                Validation.checkValue(entity.recordType(), name, value);
            } catch (ValidationException e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    private Map<String, ?> idKey(String id) {
        String attribute = entity.idAttribute().orElseThrow(() -> new IllegalStateException(
                entity.type() + " declares no id attribute; pass its key as a map"));
        Map<String, Object> key = new HashMap<>();
        key.put(attribute, id);
        return key;
    }

    private Function<String, Object> keyValues(Scope scope, Map<String, ?> key) {
        Set<String> expected = new LinkedHashSet<>(entity.keyAttributes());
        entity.ownerAttribute().ifPresent(expected::remove);
        if (!key.keySet().equals(expected)) {
            throw new IllegalArgumentException("a key of " + entity.type() + " has the attributes " + expected
                    + ", not " + key.keySet());
        }
        Optional<String> owner = owner(scope);
        return name -> owner.isPresent() && name.equals(entity.ownerAttribute().orElseThrow()) ? owner.get()
                : key.get(name);
    }

    private Optional<String> owner(Scope scope) {
        if (entity.ownerAttribute().isEmpty()) {
            if (scope.ownerId().isPresent()) {
                throw new IllegalArgumentException(entity.type() + " is not owner-scoped, so an owner scope would"
                        + " not restrict anything; pass Scope.unscoped()");
            }
            return Optional.empty();
        }
        return Optional.of(scope.ownerId().orElseThrow(() -> new IllegalArgumentException(
                entity.type() + " is owner-scoped; pass Scope.owner(callerId)")));
    }

    private Instant now() {
        return table.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
    }
}

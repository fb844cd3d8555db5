package io.github.dynacrud.table;

import io.github.dynacrud.ConditionFailedException;
import io.github.dynacrud.ItemAlreadyExistsException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.RetryableException;
import io.github.dynacrud.UniqueConstraintException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.Index;
import io.github.dynacrud.internal.AttributeTypes;
import io.github.dynacrud.internal.AwsFailures;
import io.github.dynacrud.internal.Batches;
import io.github.dynacrud.internal.EntityMapping;
import io.github.dynacrud.internal.Expressions;
import io.github.dynacrud.internal.ItemLimits;
import io.github.dynacrud.internal.RecordModel;
import io.github.dynacrud.internal.Ulid;
import io.github.dynacrud.internal.UniqueGuards;
import io.github.dynacrud.internal.Validation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Reads and writes the items of one entity type. Each operation is one DynamoDB request: conditions replace
 * read-before-write, and a failed condition tells a missing item from a stale version without a second read.
 *
 * <p>The exceptions read first: for an entity with {@linkplain Entity.Builder#unique unique attributes}, a replace,
 * a patch that changes a unique value, and a delete read the item (one consistent {@code GetItem}), then update or
 * delete it together with its guard items in one {@code TransactWriteItems} conditioned on the version read, because
 * the guard of the old value can only be removed when that value is known; for a record with constraints that span
 * attributes, a patch reads the item to validate the merged record. When the item changed between the read and the
 * write, the operation starts again from a new read, a bounded number of times.
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
    /** How many times a read-then-write starts again when the item changed between its read and its write. */
    private static final int READ_WRITE_ATTEMPTS = 3;

    private final SingleTable table;
    private final DynamoDbClient client;
    private final Entity<T> entity;
    private final EntityMapping<T> mapping;
    private final RecordModel<T> model;
    private final KeyQuery<T> queries;
    private final UniqueGuards<T> guards;
    private final WriteConditions conditions;
    private final Set<String> replaceable;
    private final boolean patchReads;
    /** Whether a new value of an attribute can break a constraint, learnt once per attribute. */
    private final Map<String, Boolean> constrained = new ConcurrentHashMap<>();
    /** The key attributes a caller's key names: all but the owner. Made on first use, the same every time. */
    private volatile Set<String> callerKeyAttributes;

    EntityRepository(SingleTable table, Entity<T> entity) {
        this.table = table;
        this.client = table.client();
        this.entity = entity;
        this.mapping = new EntityMapping<>(entity);
        this.model = mapping.model();
        this.queries = new KeyQuery<>(mapping, table.tableName(), table.cursors());
        this.guards = new UniqueGuards<>(mapping, table.tableName());
        this.conditions = new WriteConditions(mapping);
        Set<String> fields = new LinkedHashSet<>();
        for (RecordModel.Component component : model.components()) {
            fields.add(component.name());
        }
        fields.removeAll(entity.keyAttributes());
        for (Optional<String> managed : List.of(entity.versionAttribute(), entity.createdAtAttribute(),
                entity.updatedAtAttribute())) {
            if (managed.isPresent()) {
                fields.remove(managed.get());
            }
        }
        this.replaceable = Set.copyOf(fields);
        // Bootstrapping Hibernate Validator costs most of a second: pay it here, at start-up, not on the first write.
        Validation.prepare(entity.recordType());
        AttributeTypes.prepare(entity.recordType());
        this.patchReads = Validation.spansComponents(entity.recordType());
        if (patchReads && entity.versionAttribute().isEmpty()) {
            throw new IllegalArgumentException(entity.type() + " has constraints that span attributes (on "
                    + entity.recordType().getSimpleName() + " or its getters), so a patch checks them on the item it"
                    + " reads and writes it only if unchanged since: declare a version attribute");
        }
    }

    /** @return the table this repository reads and writes */
    public SingleTable table() {
        return table;
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
        T created = newItem(scope, item, now());
        Map<String, AttributeValue> stored = mapping.toItem(created);
        if (!entity.uniqueAttributes().isEmpty()) {
            guards.create(client, stored, created);
        } else {
            put(stored);
        }
        // Read back from the stored form: storage can normalise values (TTL seconds, decimal scale).
        return mapping.schema().mapToItem(stored);
    }

    /**
     * Completes and validates a new item: the owner from the scope, a new ULID when the id is generated and absent,
     * version 1 and both timestamps. A create and the puts of a batch or a transaction start from it.
     */
    T newItem(Scope scope, T item, Instant now) {
        Map<String, Object> managed = new HashMap<>();
        // Plain conditions rather than lambdas on Optional: each lambda is a class to load on the first create.
        Optional<String> owner = owner(scope);
        if (owner.isPresent()) {
            managed.put(entity.ownerAttribute().orElseThrow(), owner.get());
        }
        Optional<String> id = entity.idAttribute();
        if (id.isPresent() && entity.generatesId() && model.value(item, id.get()) == null) {
            managed.put(id.get(), Ulid.next(table.clock()));
        }
        if (entity.versionAttribute().isPresent()) {
            managed.put(entity.versionAttribute().get(), mapping.versionValue(1));
        }
        for (Optional<String> timestamp : List.of(entity.createdAtAttribute(), entity.updatedAtAttribute())) {
            if (timestamp.isPresent()) {
                managed.put(timestamp.get(), now);
            }
        }
        T created = model.with(item, managed);
        Validation.check(created);
        return created;
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
     * Reads many items by id in {@code BatchGetItem} requests of up to 100 keys, with strongly consistent reads; keys
     * DynamoDB leaves unprocessed are asked again after a short jittered pause, a bounded number of times. The scope
     * is part of every key, so another owner's items are never read.
     *
     * <pre>{@code
     * List<Todo> found = todos.getAll(scope, List.of(firstId, secondId));
     * }</pre>
     *
     * @param scope the caller's scope
     * @param ids   the ids; a repeated id is read once
     * @return the items found, in the order of their first id; missing ones are left out
     * @throws ValidationException when an id could forge another key
     * @throws RetryableException  when keys stay unprocessed
     */
    public List<T> getAll(Scope scope, List<String> ids) {
        return getAllByKeys(scope, ids.stream().map(this::idKey).toList());
    }

    /**
     * Like {@link #getAll(Scope, List)}, for entities whose key has several attributes.
     *
     * @param scope the caller's scope
     * @param keys  for each item, a value for every key attribute except the owner
     * @return the items found, in the order of their first key; missing ones are left out
     */
    public List<T> getAllByKeys(Scope scope, List<? extends Map<String, ?>> keys) {
        List<Map<String, AttributeValue>> primaryKeys = keys.stream().map(key -> key(scope, key)).distinct().toList();
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> found = Batches.get(client, table.tableName(),
                primaryKeys);
        return primaryKeys.stream().map(found::get).map(mapping::fromItem).flatMap(Optional::stream).toList();
    }

    /**
     * Starts a batch of unconditional puts and deletes of this type, written in {@code BatchWriteItem} requests of up
     * to 25. Refused for entities whose guarantees a batch cannot keep: unique attributes (their guards need a
     * transaction) and versions (see {@link #batchWrite(Scope, BatchWrite.Waiver)}).
     *
     * <pre>{@code
     * List<Event> stored = events.batchWrite(scope).put(first).put(second).delete(oldId).run();
     * }</pre>
     *
     * @param scope the caller's scope, for every item of the batch
     * @return the batch
     * @throws IllegalStateException when the entity has unique attributes or a version attribute
     */
    public BatchWrite<T> batchWrite(Scope scope) {
        return batchWrite(scope, null);
    }

    /**
     * Like {@link #batchWrite(Scope)}, for a versioned entity whose puts may overwrite any version and whose deletes
     * may remove any version: the caller waives version checks explicitly.
     *
     * @param scope  the caller's scope, for every item of the batch
     * @param waiver {@link BatchWrite.Waiver#VERSION_CHECKS}
     * @return the batch
     * @throws IllegalStateException when the entity has unique attributes
     */
    public BatchWrite<T> batchWrite(Scope scope, BatchWrite.Waiver waiver) {
        if (!entity.uniqueAttributes().isEmpty()) {
            throw new IllegalStateException(entity.type() + " has unique attributes " + entity.uniqueAttributes()
                    + ", whose guards a batch write cannot keep; use create, delete or a transaction");
        }
        if (entity.versionAttribute().isPresent() && waiver != BatchWrite.Waiver.VERSION_CHECKS) {
            throw new IllegalStateException(entity.type() + " has a version attribute, which a batch write neither"
                    + " checks nor keeps (a put stores version 1); pass BatchWrite.Waiver.VERSION_CHECKS to accept");
        }
        owner(scope);
        return new BatchWrite<>(this, scope);
    }

    /** Renders the primary key of an item of the caller, the owner from the scope. */
    Map<String, AttributeValue> key(Scope scope, Map<String, ?> key) {
        return mapping.primaryKey(keyValues(scope, key));
    }

    EntityMapping<T> mapping() {
        return mapping;
    }

    WriteConditions conditions() {
        return conditions;
    }

    UniqueGuards<T> guards() {
        return guards;
    }

    DynamoDbClient client() {
        return client;
    }

    String tableName() {
        return table.tableName();
    }

    /**
     * Reads some attributes of an item by its id, with a strongly consistent read.
     *
     * <pre>{@code
     * Optional<PartialItem<Todo>> todo = todos.get(scope, id, Projection.of(Todo.ENTITY, "title", "done"));
     * }</pre>
     *
     * @param scope      the caller's scope
     * @param id         the value of the entity's id attribute
     * @param projection the attributes to read
     * @return those attributes, or empty when the item does not exist for this caller
     */
    public Optional<PartialItem<T>> get(Scope scope, String id, Projection<T> projection) {
        requireOwn(projection);
        Map<String, AttributeValue> primaryKey = mapping.primaryKey(keyValues(scope, idKey(id)));
        Expressions names = new Expressions();
        String expression = KeyQuery.projection(names, projection.attributes());
        try {
            Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder().tableName(table.tableName())
                    .key(primaryKey).consistentRead(true).projectionExpression(expression)
                    .expressionAttributeNames(names.names()).build()).item();
            return mapping.isOwnType(item) ? Optional.of(PartialItem.read(projection, mapping, item))
                    : Optional.empty();
        } catch (SdkException e) {
            throw AwsFailures.translate("GetItem", e);
        }
    }

    /**
     * Reads one page of some attributes of items of this type; what a filter skips still costs read capacity.
     *
     * @param scope      the caller's scope
     * @param query      what to read
     * @param projection the attributes to read
     * @return the page
     */
    public Page<PartialItem<T>> query(Scope scope, Query query, Projection<T> projection) {
        requireOwn(projection);
        return queries.run(client, owner(scope), query, filter(query), projection.attributes(),
                item -> mapping.isOwnType(item) ? Optional.of(PartialItem.read(projection, mapping, item))
                        : Optional.empty());
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
        return queries.run(client, owner(scope), query, filter(query));
    }

    private Function<Expressions, String> filter(Query query) {
        return query.filter().map(filter -> (Function<Expressions, String>) expressions ->
                filter.render(new ConditionContext(mapping, expressions))).orElse(null);
    }

    private void requireOwn(Projection<?> projection) {
        if (projection.entity() != entity) {
            throw new IllegalArgumentException("a projection of " + projection.entity().type() + " cannot read a "
                    + entity.type());
        }
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
        return replace(scope, item, Precondition.none());
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
        return replace(scope, item, Precondition.version(expectedVersion));
    }

    /**
     * Like {@link #replace(Scope, Record)}, only if the precondition holds for the stored item.
     *
     * <pre>{@code
     * todos.replace(scope, todo, Precondition.when(Condition.attribute("done").eq(false)));
     * }</pre>
     *
     * @param scope        the caller's scope
     * @param item         the new state, with its key attributes set
     * @param precondition an expected version and/or a condition on the stored item
     * @return the item as stored
     * @throws ItemNotFoundException     when the item does not exist for this caller
     * @throws VersionConflictException  when the stored version differs
     * @throws ConditionFailedException  when the condition is false for the stored item
     * @throws IllegalArgumentException  when the condition names an unknown attribute or a value of the wrong type
     */
    public T replace(Scope scope, T item, Precondition precondition) {
        T input = owned(scope, item);
        Map<String, AttributeValue> key = mapping.primaryKey(name -> model.value(input, name));
        if (!entity.uniqueAttributes().isEmpty()) {
            refuseReadThenWrite(precondition.condition().isPresent(), "a condition");
            return readThenWrite(key, replaceableValues(input), precondition.version());
        }
        return update(key, replacementOf(input), precondition);
    }

    /** The item with the caller's owner, validated whole: what a replace writes. */
    T owned(Scope scope, T item) {
        T input = owner(scope).map(o -> model.with(item, Map.of(entity.ownerAttribute().orElseThrow(), o)))
                .orElse(item);
        Validation.check(input);
        return input;
    }

    private Map<String, Object> replaceableValues(T input) {
        Map<String, Object> values = new HashMap<>();
        replaceable.forEach(name -> values.put(name, model.value(input, name)));
        return values;
    }

    /**
     * Renders the update of a replace of an owned, validated item: every replaceable attribute, the index keys,
     * {@code updatedAt} and the version. A single replace sends it; so does a transaction's replace.
     */
    Expressions replacementOf(T input) {
        Expressions update = new Expressions();
        applyChanges(update, replaceableValues(input), name -> model.value(input, name), now());
        return update;
    }

    /**
     * Changes some attributes of an existing item in one {@code UpdateItem}; a {@code null} value removes the
     * attribute. Each new value is validated against the record's constraints (a {@code @Valid} one with its own),
     * and every index key built from a changed attribute is rebuilt. When the record has constraints that span
     * attributes (class-level ones), or a unique value changes, the item is read first and the merged record is
     * validated and written only if unchanged since its read. No changes write nothing: the item is read and returned
     * as it is.
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
        Changes<T> typed = Changes.of(entity);
        changes.forEach(typed::set);
        return write(scope, key, typed, Precondition.of(expectedVersion));
    }

    /**
     * Applies typed changes, with update operators, to an existing item in one {@code UpdateItem}; new values are
     * validated against the record's constraints, and every index key built from a changed attribute is rebuilt.
     *
     * <pre>{@code
     * Todo saved = todos.patch(scope, id, Changes.of(Todo.ENTITY).set("title", "Ship it"));
     * }</pre>
     *
     * @param scope   the caller's scope
     * @param id      the value of the entity's id attribute
     * @param changes the changes
     * @return the item as stored
     * @throws ValidationException   when a new value breaks a constraint
     * @throws ItemNotFoundException when the item does not exist for this caller
     */
    public T patch(Scope scope, String id, Changes<T> changes) {
        return patch(scope, idKey(id), changes, Precondition.none());
    }

    /**
     * Like {@link #patch(Scope, String, Changes)}, only if the precondition holds for the stored item.
     *
     * @param scope        the caller's scope
     * @param id           the value of the entity's id attribute
     * @param changes      the changes
     * @param precondition an expected version and/or a condition on the stored item
     * @return the item as stored
     * @throws VersionConflictException when the stored version differs
     * @throws ConditionFailedException when the condition is false for the stored item
     */
    public T patch(Scope scope, String id, Changes<T> changes, Precondition precondition) {
        return patch(scope, idKey(id), changes, precondition);
    }

    /**
     * Like {@link #patch(Scope, String, Changes, Precondition)}, for entities whose key has several attributes.
     *
     * @param scope        the caller's scope
     * @param key          a value for every key attribute except the owner
     * @param changes      the changes
     * @param precondition an expected version and/or a condition on the stored item
     * @return the item as stored
     * @throws IllegalArgumentException when the changes are for another entity type
     */
    public T patch(Scope scope, Map<String, ?> key, Changes<T> changes, Precondition precondition) {
        requireOwn(changes);
        checkConstraints(changes.values(), new ArrayList<>());
        return write(scope, key, changes, precondition);
    }

    /**
     * Checks typed changes for a patch without a read (a transaction's) and renders their update; refused where a
     * patch must read first.
     */
    Expressions patchOf(Map<String, ?> key, Changes<T> changes, Function<String, Object> keyValues) {
        requireOwn(changes);
        checkConstraints(changes.values(), new ArrayList<>());
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a patch of " + entity.type() + " without changes writes nothing;"
                    + " check a condition instead");
        }
        if (patchReads || entity.uniqueAttributes().stream().anyMatch(changes.values()::containsKey)) {
            throw new IllegalArgumentException(entity.type() + " has constraints that span attributes, or the"
                    + " changes move a unique value, so its patch reads the item first, which a transaction cannot");
        }
        return updateOf(changes, keyValues);
    }

    private void requireOwn(Changes<T> changes) {
        if (changes.entity() != entity) {
            throw new IllegalArgumentException("changes of " + changes.entity().type() + " cannot patch a "
                    + entity.type());
        }
    }

    private T write(Scope scope, Map<String, ?> key, Changes<T> changes, Precondition precondition) {
        Function<String, Object> keyValues = keyValues(scope, key);
        Map<String, AttributeValue> primaryKey = mapping.primaryKey(keyValues);
        if (changes.isEmpty() && precondition.condition().isEmpty()) {
            return readExpecting(primaryKey, precondition.version());
        }
        if (patchReads || entity.uniqueAttributes().stream().anyMatch(changes.values()::containsKey)) {
            refuseReadThenWrite(changes.hasOperators(), "an update operator");
            refuseReadThenWrite(precondition.condition().isPresent(), "a condition");
            return readThenWrite(primaryKey, changes.values(), precondition.version());
        }
        return update(primaryKey, updateOf(changes, keyValues), changes.bounded(precondition));
    }

    /**
     * Renders the update of typed changes whose values are checked: their actions, {@code updatedAt}, the version and
     * the index keys they rebuild. A single patch sends it as it is; it is also what a patch in a transaction needs.
     */
    Expressions updateOf(Changes<T> changes, Function<String, Object> keyValues) {
        Expressions update = new Expressions();
        applyChanges(update, changes.values(), keyValues, now());
        changes.renderOperators(update, mapping);
        if (update.updateExpression().isEmpty()) {
            // Nothing to change on an entity without version or timestamps: rewrite the type, which the condition has
            // just checked, so the one request still checks the precondition and returns the item.
            update.set(Entity.TYPE_ATTRIBUTE, mapping.typeValue());
        }
        return update;
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
        delete(scope, key, Precondition.of(expectedVersion));
    }

    /**
     * Deletes an item only if the precondition holds for the stored item.
     *
     * <pre>{@code
     * todos.delete(scope, id, Precondition.when(Condition.attribute("done").eq(true)));
     * }</pre>
     *
     * @param scope        the caller's scope
     * @param id           the value of the entity's id attribute
     * @param precondition an expected version and/or a condition on the stored item
     * @throws ItemNotFoundException    when the item does not exist for this caller
     * @throws VersionConflictException when the stored version differs
     * @throws ConditionFailedException when the condition is false for the stored item
     */
    public void delete(Scope scope, String id, Precondition precondition) {
        delete(scope, idKey(id), precondition);
    }

    /**
     * Like {@link #delete(Scope, String, Precondition)}, for entities whose key has several attributes.
     *
     * @param scope        the caller's scope
     * @param key          a value for every key attribute except the owner
     * @param precondition an expected version and/or a condition on the stored item
     */
    public void delete(Scope scope, Map<String, ?> key, Precondition precondition) {
        Map<String, AttributeValue> primaryKey = mapping.primaryKey(keyValues(scope, key));
        if (!entity.uniqueAttributes().isEmpty()) {
            refuseReadThenWrite(precondition.condition().isPresent(), "a condition");
            readThenWrite(primaryKey, null, precondition.version());
            return;
        }
        deleteItem(primaryKey, precondition);
    }

    private void deleteItem(Map<String, AttributeValue> primaryKey, Precondition precondition) {
        Expressions condition = new Expressions();
        String expression = conditions.render(condition, precondition);
        try {
            client.deleteItem(DeleteItemRequest.builder().tableName(table.tableName()).key(primaryKey)
                    .conditionExpression(expression)
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
        } catch (ConditionalCheckFailedException e) {
            throw conditions.failure(e.hasItem() ? e.item() : null, precondition);
        } catch (SdkException e) {
            throw AwsFailures.translate("DeleteItem", e);
        }
    }

    private T update(Map<String, AttributeValue> key, Expressions update, Precondition precondition) {
        String condition = conditions.render(update, precondition);
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
            throw conditions.failure(e.hasItem() ? e.item() : null, precondition);
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

    private String checkedVersionAttribute() {
        return entity.versionAttribute().orElseThrow(() -> new IllegalStateException(
                entity.type() + " has no version attribute, so it cannot check an expected version"));
    }

    private void refuseReadThenWrite(boolean refused, String what) {
        if (refused) {
            throw new IllegalArgumentException(entity.type() + " has unique attributes or constraints that span"
                    + " attributes, so this write reads the item and writes it only if unchanged since, which cannot"
                    + " carry " + what);
        }
    }

    private T read(Map<String, AttributeValue> key) {
        try {
            return mapping.fromItem(client.getItem(GetItemRequest.builder().tableName(table.tableName()).key(key).consistentRead(true).build())
                    .item()).orElseThrow(() -> new ItemNotFoundException(entity.type()));
        } catch (SdkException e) {
            throw AwsFailures.translate("GetItem", e);
        }
    }

    /**
     * Reads the item, which must have the expected version, if any; a patch without changes answers this and writes
     * nothing, so the version stays.
     */
    private T readExpecting(Map<String, AttributeValue> key, OptionalLong expectedVersion) {
        if (expectedVersion.isPresent()) {
            checkedVersionAttribute();
        }
        T current = read(key);
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != mapping.version(current)) {
            throw new VersionConflictException(entity.type());
        }
        return current;
    }

    /**
     * Reads the item, then writes its changed state (or deletes it, for {@code null} changes) conditioned on the
     * version read. When the item changed in between, it starts again, a bounded number of times: a caller without an
     * expected version never sees a conflict it did not ask about, and one with an expected version sees the new
     * version (412) or the missing item (404) on the next read.
     */
    private T readThenWrite(Map<String, AttributeValue> key, Map<String, ?> changes, OptionalLong expectedVersion) {
        for (int attempt = 1; attempt <= READ_WRITE_ATTEMPTS; attempt++) {
            T current = readExpecting(key, expectedVersion);
            try {
                return writeOver(key, current, changes);
            } catch (VersionConflictException | ItemNotFoundException changedSinceRead) {
                // The item changed between the read and the write: read it again.
            }
        }
        throw new RetryableException(entity.type() + " changed between its read and its write "
                + READ_WRITE_ATTEMPTS + " times in a row");
    }

    private T writeOver(Map<String, AttributeValue> key, T current, Map<String, ?> changes) {
        OptionalLong read = OptionalLong.of(mapping.version(current));
        T next = changes == null ? null : model.with(current, changes);
        if (next == null && !guards.movesGuards(current, null)) {
            deleteItem(key, Precondition.of(read));
            return null;
        }
        Expressions expressions = new Expressions();
        Instant now = now();
        if (next != null) {
            Validation.check(next);
            Map<String, Object> values = new HashMap<>();
            replaceable.forEach(name -> values.put(name, model.value(next, name)));
            applyChanges(expressions, values, name -> model.value(current, name), now);
            if (!guards.movesGuards(current, next)) {
                return update(key, expressions, Precondition.of(read));
            }
        }
        String condition = conditions.render(expressions, Precondition.of(read));
        TransactWriteItem write = next == null
                ? TransactWriteItem.builder().delete(d -> d.tableName(table.tableName()).key(key)
                        .conditionExpression(condition).expressionAttributeNames(expressions.names())
                        .expressionAttributeValues(expressions.values())).build()
                : TransactWriteItem.builder().update(u -> u.tableName(table.tableName()).key(key)
                        .updateExpression(expressions.updateExpression()).conditionExpression(condition)
                        .expressionAttributeNames(expressions.names())
                        .expressionAttributeValues(expressions.values())).build();
        guards.write(client, write, key, current, next);
        if (next == null) {
            return null;
        }
        // A transaction returns no item: the stored state is the merged one with the managed values just written.
        Map<String, Object> managed = new HashMap<>();
        managed.put(entity.versionAttribute().orElseThrow(), mapping.versionValue(read.getAsLong() + 1));
        entity.updatedAtAttribute().ifPresent(a -> managed.put(a, now));
        return mapping.schema().mapToItem(mapping.toItem(model.with(next, managed)));
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
            if (value != null && !AttributeTypes.boxed(component.rawType()).isInstance(value)) {
                throw new IllegalArgumentException("change of '" + name + "' is a " + value.getClass().getSimpleName()
                        + "; " + entity.type() + "." + name + " is a " + component.rawType().getSimpleName());
            }
            addViolations(name, value, violations);
        }
        checkConstraints(Map.of(), violations);
    }

    /** Validates new values against the record's constraints, adding to violations already found, and throws them. */
    private void checkConstraints(Map<String, ?> values, List<ValidationException.Violation> violations) {
        values.forEach((name, value) -> addViolations(name, value, violations));
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    private void addViolations(String name, Object value, List<ValidationException.Violation> violations) {
        // Bean Validation walks its metadata and builds a path for every value, even for an attribute it has nothing
        // to check on: most changes (a flag, a date) need none.
        Boolean checked = constrained.get(name);
        if (checked == null) {
            checked = Validation.isConstrained(entity.recordType(), name);
            constrained.put(name, checked);
        }
        if (!checked) {
            return;
        }
        try {
            Validation.checkValue(entity.recordType(), name, value);
        } catch (ValidationException e) {
            violations.addAll(e.violations());
        }
    }

    Map<String, ?> idKey(String id) {
        String attribute = entity.idAttribute().orElseThrow(() -> new IllegalStateException(
                entity.type() + " declares no id attribute; pass its key as a map"));
        Map<String, Object> key = new HashMap<>();
        key.put(attribute, id);
        return key;
    }

    Function<String, Object> keyValues(Scope scope, Map<String, ?> key) {
        Set<String> expected = callerKeyAttributes;
        if (expected == null) {
            Set<String> attributes = new LinkedHashSet<>(entity.keyAttributes());
            entity.ownerAttribute().ifPresent(attributes::remove);
            expected = Collections.unmodifiableSet(attributes);
            callerKeyAttributes = expected;
        }
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

    Instant now() {
        return table.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

package io.github.dynacrud.table;

import io.github.dynacrud.TransactionCanceledException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.internal.EntityMapping;
import io.github.dynacrud.internal.Expressions;
import io.github.dynacrud.internal.UniqueGuards;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Writes of items of any entity types of one table that succeed or fail together, in one
 * {@code TransactWriteItems}: creates, replaces, patches, deletes and condition checks, each with its caller's scope
 * and an optional {@link Precondition}. Every write keeps the guarantees of its single-item form (owner from the
 * scope, key parts checked, the whole record validated, versions and timestamps managed), and the guard items of
 * unique attributes join the same transaction. Get one from {@link SingleTable#transaction()}; it is not thread-safe.
 *
 * <pre>{@code
 * Transaction transaction = table.transaction();
 * Todo todo = transaction.create(todos, scope, Todo.of("Ship it"));
 * transaction.patch(projects, scope, projectId, Changes.of(Project.ENTITY).increment("open", 1),
 *         Precondition.version(project.version()));
 * transaction.commit();
 * }</pre>
 *
 * <p>A transaction holds at most {@value #MAX_WRITES} writes, guard items included, and names each item once;
 * both are checked as actions are added. An entity with unique attributes moves a guard only from a state the caller
 * read: replace or delete it with {@link #replace(EntityRepository, Scope, Record, Record)} or
 * {@link #delete(EntityRepository, Scope, Record)}, which write only if the stored version is the one read.
 */
public final class Transaction {
    /** The most writes DynamoDB takes in one transaction. */
    public static final int MAX_WRITES = 100;

    private final SingleTable table;
    private final TransactionWrites writes = new TransactionWrites(MAX_WRITES);
    private String clientRequestToken;

    Transaction(SingleTable table) {
        this.table = table;
    }

    /**
     * Adds a create: the item is completed and validated as {@link EntityRepository#create} does, and written only if
     * no item has its key; the guards of its unique values are taken in the same transaction.
     *
     * @param repository the item's repository, of this table
     * @param scope      the caller's scope
     * @param item       the new item; owner, version and timestamps in it are ignored
     * @param <T>        the record type
     * @return the item as it is stored once the transaction commits
     */
    public <T extends Record> T create(EntityRepository<T> repository, Scope scope, T item) {
        EntityMapping<T> mapping = own(repository).mapping();
        T created = repository.newItem(scope, item, repository.now());
        Map<String, AttributeValue> stored = mapping.toItem(created);
        List<TransactionWrites.Write> all = new ArrayList<>();
        all.add(new TransactionWrites.Write(TransactWriteItem.builder().put(p -> p.tableName(table.tableName())
                .item(stored).conditionExpression("attribute_not_exists(" + Entity.PARTITION_KEY + ")")).build(),
                old -> TransactionCanceledException.Reason.ALREADY_EXISTS));
        all.addAll(guards(repository.guards(), null, created, stored));
        writes.add(repository.entity().type(), all);
        return mapping.schema().mapToItem(stored);
    }

    /**
     * Adds a replace of every writable attribute of an existing item, as {@link EntityRepository#replace} does.
     *
     * @param repository the item's repository, of this table
     * @param scope      the caller's scope
     * @param item       the new state, with its key attributes set
     * @param <T>        the record type
     * @return this transaction
     */
    public <T extends Record> Transaction replace(EntityRepository<T> repository, Scope scope, T item) {
        return replace(repository, scope, item, Precondition.none());
    }

    /**
     * Adds a replace that is written only if the precondition holds for the stored item.
     *
     * @param repository   the item's repository, of this table
     * @param scope        the caller's scope
     * @param item         the new state, with its key attributes set
     * @param precondition an expected version and/or a condition
     * @param <T>          the record type
     * @return this transaction
     * @throws IllegalArgumentException when the entity has unique attributes: use
     *                                  {@link #replace(EntityRepository, Scope, Record, Record)}
     */
    public <T extends Record> Transaction replace(EntityRepository<T> repository, Scope scope, T item,
            Precondition precondition) {
        refuseUnique(own(repository), "replace");
        T input = repository.owned(scope, item);
        Map<String, AttributeValue> key = repository.mapping().primaryKey(name ->
                repository.mapping().model().value(input, name));
        writes.add(repository.entity().type(), List.of(update(repository, key, repository.replacementOf(input),
                precondition)));
        return this;
    }

    /**
     * Adds a replace of an item the caller read: written only if the stored version is the one read, with the guards
     * of its unique values moved from the old values to the new ones. A guard of an old value that points at another
     * item is never freed: the action fails as {@code VERSION_CONFLICT}, for {@code current} is not the item stored.
     *
     * @param repository the item's repository, of this table; its entity needs a version attribute
     * @param scope      the caller's scope
     * @param current    the item as read, with its version
     * @param next       its new state, with the same key
     * @param <T>        the record type
     * @return this transaction
     */
    public <T extends Record> Transaction replace(EntityRepository<T> repository, Scope scope, T current, T next) {
        T before = repository.owned(scope, current);
        T after = repository.owned(scope, next);
        Map<String, AttributeValue> key = keyOf(own(repository), before);
        if (!key.equals(keyOf(repository, after))) {
            throw new IllegalArgumentException("a replace of " + repository.entity().type()
                    + " cannot change the item's key");
        }
        List<TransactionWrites.Write> all = new ArrayList<>();
        all.add(update(repository, key, repository.replacementOf(after), readVersion(repository, before)));
        all.addAll(guards(repository.guards(), before, after, key));
        writes.add(repository.entity().type(), all);
        return this;
    }

    /**
     * Adds a patch of an existing item with typed changes, in one update as {@link EntityRepository#patch} does.
     *
     * @param repository the item's repository, of this table
     * @param scope      the caller's scope
     * @param id         the value of the entity's id attribute
     * @param changes    the changes, not empty
     * @param <T>        the record type
     * @return this transaction
     */
    public <T extends Record> Transaction patch(EntityRepository<T> repository, Scope scope, String id,
            Changes<T> changes) {
        return patch(repository, scope, repository.idKey(id), changes, Precondition.none());
    }

    /**
     * Adds a patch that is written only if the precondition holds for the stored item.
     *
     * @param repository   the item's repository, of this table
     * @param scope        the caller's scope
     * @param id           the value of the entity's id attribute
     * @param changes      the changes, not empty
     * @param precondition an expected version and/or a condition
     * @param <T>          the record type
     * @return this transaction
     */
    public <T extends Record> Transaction patch(EntityRepository<T> repository, Scope scope, String id,
            Changes<T> changes, Precondition precondition) {
        return patch(repository, scope, repository.idKey(id), changes, precondition);
    }

    /**
     * Like {@link #patch(EntityRepository, Scope, String, Changes, Precondition)}, for keys of several attributes.
     *
     * @param repository   the item's repository, of this table
     * @param scope        the caller's scope
     * @param key          a value for every key attribute except the owner
     * @param changes      the changes, not empty
     * @param precondition an expected version and/or a condition
     * @param <T>          the record type
     * @return this transaction
     * @throws IllegalArgumentException when the changes move a unique value or the record has constraints that span
     *                                  attributes: such a patch needs a read
     */
    public <T extends Record> Transaction patch(EntityRepository<T> repository, Scope scope, Map<String, ?> key,
            Changes<T> changes, Precondition precondition) {
        Function<String, Object> keyValues = own(repository).keyValues(scope, key);
        Expressions update = repository.patchOf(key, changes, keyValues);
        writes.add(repository.entity().type(), List.of(update(repository,
                repository.mapping().primaryKey(keyValues), update, changes.bounded(precondition))));
        return this;
    }

    /**
     * Adds a delete of an existing item.
     *
     * @param repository the item's repository, of this table
     * @param scope      the caller's scope
     * @param id         the value of the entity's id attribute
     * @param <T>        the record type
     * @return this transaction
     */
    public <T extends Record> Transaction delete(EntityRepository<T> repository, Scope scope, String id) {
        return delete(repository, scope, repository.idKey(id), Precondition.none());
    }

    /**
     * Adds a delete that is written only if the precondition holds for the stored item.
     *
     * @param repository   the item's repository, of this table
     * @param scope        the caller's scope
     * @param key          a value for every key attribute except the owner
     * @param precondition an expected version and/or a condition
     * @param <T>          the record type
     * @return this transaction
     * @throws IllegalArgumentException when the entity has unique attributes: use
     *                                  {@link #delete(EntityRepository, Scope, Record)}
     */
    public <T extends Record> Transaction delete(EntityRepository<T> repository, Scope scope, Map<String, ?> key,
            Precondition precondition) {
        refuseUnique(own(repository), "delete");
        writes.add(repository.entity().type(), List.of(delete(repository, repository.key(scope, key),
                precondition)));
        return this;
    }

    /**
     * Adds a delete of an item the caller read: written only if the stored version is the one read, with the guards of
     * its unique values freed. A guard that points at another item is never freed: the action fails as
     * {@code VERSION_CONFLICT}, for {@code current} is not the item stored.
     *
     * @param repository the item's repository, of this table; its entity needs a version attribute
     * @param scope      the caller's scope
     * @param current    the item as read, with its version
     * @param <T>        the record type
     * @return this transaction
     */
    public <T extends Record> Transaction delete(EntityRepository<T> repository, Scope scope, T current) {
        T before = repository.owned(scope, current);
        Map<String, AttributeValue> key = keyOf(own(repository), before);
        List<TransactionWrites.Write> all = new ArrayList<>();
        all.add(delete(repository, key, readVersion(repository, before)));
        all.addAll(guards(repository.guards(), before, null, key));
        writes.add(repository.entity().type(), all);
        return this;
    }

    /**
     * Adds a check that an item exists and meets a precondition; nothing is written to it.
     *
     * @param repository   the item's repository, of this table
     * @param scope        the caller's scope
     * @param id           the value of the entity's id attribute
     * @param precondition an expected version and/or a condition
     * @param <T>          the record type
     * @return this transaction
     */
    public <T extends Record> Transaction check(EntityRepository<T> repository, Scope scope, String id,
            Precondition precondition) {
        Map<String, AttributeValue> key = own(repository).key(scope, repository.idKey(id));
        Expressions condition = new Expressions();
        String expression = repository.conditions().render(condition, precondition);
        writes.add(repository.entity().type(), List.of(new TransactionWrites.Write(TransactWriteItem.builder()
                .conditionCheck(c -> c.tableName(table.tableName()).key(key).conditionExpression(expression)
                        .expressionAttributeNames(condition.names())
                        .expressionAttributeValues(condition.values())
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                old -> repository.conditions().reason(old, precondition))));
        return this;
    }

    /**
     * Makes the commit idempotent for ten minutes: a retry with the same token after a timeout does not write twice.
     *
     * @param token 1 to 36 characters, the same for every attempt of one transaction
     * @return this transaction
     */
    public Transaction clientRequestToken(String token) {
        if (token == null || token.isEmpty() || token.length() > 36) {
            throw new IllegalArgumentException("a client request token has 1 to 36 characters");
        }
        this.clientRequestToken = token;
        return this;
    }

    /**
     * Sends the transaction. A conflict with another transaction on the same items is retried after a short jittered
     * pause, a bounded number of times.
     *
     * @throws TransactionCanceledException         when an action's check failed: nothing was written
     * @throws io.github.dynacrud.RetryableException when conflicts or throttling persist
     * @throws IllegalStateException                 when the transaction has no action
     */
    public void commit() {
        writes.commit(table.client(), clientRequestToken);
    }

    /**
     * Tells whether no action was added, so that a write that turned out to change nothing (a 404, say) can skip
     * {@link #commit()}, which refuses an empty transaction.
     *
     * <pre>{@code
     * if (!transaction.isEmpty()) {
     *     transaction.commit();
     * }
     * }</pre>
     *
     * @return whether the transaction has no action
     */
    public boolean isEmpty() {
        return writes.isEmpty();
    }

    /** Adds a write of dynacrud's own, which no entity describes, as an action of its own. */
    void add(String type, TransactionWrites.Write write) {
        writes.add(type, List.of(write));
    }

    /**
     * Sends the transaction like {@link #commit()}, throwing what {@code whenConflictsPersist} gives for the last
     * conflict's cancellation reasons, one per write in the order added, if anything.
     */
    void commit(Function<List<CancellationReason>, RuntimeException> whenConflictsPersist) {
        writes.commit(table.client(), clientRequestToken, whenConflictsPersist);
    }

    /** @return the table this transaction writes to */
    SingleTable table() {
        return table;
    }

    private <T extends Record> EntityRepository<T> own(EntityRepository<T> repository) {
        if (repository.table() != table) {
            throw new IllegalArgumentException("the repository of " + repository.entity().type()
                    + " belongs to another table than this transaction");
        }
        return repository;
    }

    private void refuseUnique(EntityRepository<?> repository, String action) {
        if (!repository.entity().uniqueAttributes().isEmpty()) {
            throw new IllegalArgumentException(repository.entity().type() + " has unique attributes, whose guards a"
                    + " transaction moves only from the state the caller read: " + action
                    + " it with the item as read (current state and version)");
        }
    }

    private static <T extends Record> Map<String, AttributeValue> keyOf(EntityRepository<T> repository, T item) {
        return repository.mapping().primaryKey(name -> repository.mapping().model().value(item, name));
    }

    private static <T extends Record> Precondition readVersion(EntityRepository<T> repository, T current) {
        if (repository.entity().versionAttribute().isEmpty()) {
            throw new IllegalArgumentException(repository.entity().type() + " has no version attribute, so a"
                    + " transaction cannot tell that the item is still as read");
        }
        return Precondition.version(repository.mapping().version(current));
    }

    private <T extends Record> TransactionWrites.Write update(EntityRepository<T> repository,
            Map<String, AttributeValue> key, Expressions update, Precondition precondition) {
        String condition = repository.conditions().render(update, precondition);
        return new TransactionWrites.Write(TransactWriteItem.builder().update(u -> u.tableName(table.tableName())
                .key(key).updateExpression(update.updateExpression()).conditionExpression(condition)
                .expressionAttributeNames(update.names()).expressionAttributeValues(update.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                old -> repository.conditions().reason(old, precondition));
    }

    private <T extends Record> TransactionWrites.Write delete(EntityRepository<T> repository,
            Map<String, AttributeValue> key, Precondition precondition) {
        Expressions condition = new Expressions();
        String expression = repository.conditions().render(condition, precondition);
        return new TransactionWrites.Write(TransactWriteItem.builder().delete(d -> d.tableName(table.tableName())
                .key(key).conditionExpression(expression).expressionAttributeNames(condition.names())
                .expressionAttributeValues(condition.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                old -> repository.conditions().reason(old, precondition));
    }

    private static <T extends Record> List<TransactionWrites.Write> guards(UniqueGuards<T> guards, T before, T after,
            Map<String, AttributeValue> target) {
        // A guard to free that points at another item means the state given as read is not the stored one.
        return guards.guardWrites(before, after, target).stream().map(guard -> new TransactionWrites.Write(
                guard.write(), old -> guard.takes() ? TransactionCanceledException.Reason.UNIQUE_VALUE_TAKEN
                        : TransactionCanceledException.Reason.VERSION_CONFLICT,
                guard.takes() ? guard.attribute() : null)).toList();
    }
}

package io.github.dynacrud.http;

import io.github.dynacrud.ConditionFailedException;
import io.github.dynacrud.ItemAlreadyExistsException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.TransactionCanceledException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.internal.CollectionKey;
import io.github.dynacrud.table.Changes;
import io.github.dynacrud.table.Condition;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Precondition;
import io.github.dynacrud.table.Scope;
import io.github.dynacrud.table.Transaction;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * A child resource's parent: its key rendered from the child's path values, and a count of children kept on it. A
 * child is created, and deleted, in one transaction with the parent's count, which also proves that the parent
 * exists; the parent's delete is conditioned on a count of zero.
 *
 * @param <P> the parent's record type
 * @param <C> the child's record type
 */
final class ParentLink<P extends Record, C extends Record> {
    private static final Set<Class<?>> COUNTS = Set.of(int.class, Integer.class, long.class, Long.class);

    private final EntityRepository<P> parent;
    private final EntityRepository<C> child;
    private final String count;
    private final CollectionKey key;

    private ParentLink(EntityRepository<P> parent, EntityRepository<C> child, String count, CollectionKey key) {
        this.parent = parent;
        this.child = child;
        this.count = count;
        this.key = key;
    }

    /**
     * Checks a child resource's parent.
     *
     * @param option    the parent the child's options name
     * @param child     the child's repository
     * @param pathKeys  the key attributes the child's path fills
     * @param <C>       the child's record type
     * @return the link
     * @throws IllegalArgumentException naming both entities when the parent's key cannot be rendered from the child's
     *                                  path values and owner, or when the count is not a number attribute of it
     */
    static <C extends Record> ParentLink<?, C> of(ResourceOptions.Parent option, EntityRepository<C> child,
            PathKeys pathKeys) {
        return link(option.repository(), child, option.count(), pathKeys);
    }

    private static <P extends Record, C extends Record> ParentLink<P, C> link(EntityRepository<P> parent,
            EntityRepository<C> child, String count, PathKeys pathKeys) {
        Entity<P> parentEntity = parent.entity();
        String named = "parent " + parentEntity.type() + " of " + child.entity().type();
        if (parent.table() != child.table()) {
            throw new IllegalArgumentException(named + " is in another table, which one transaction cannot write"
                    + " with the child");
        }
        if (!parentEntity.uniqueAttributes().isEmpty() || !child.entity().uniqueAttributes().isEmpty()) {
            throw new IllegalArgumentException(named + ": an entity with unique attributes cannot be a parent or a"
                    + " counted child, whose writes are conditioned without a read");
        }
        RecordComponent component = Arrays.stream(parentEntity.recordType().getRecordComponents())
                .filter(c -> c.getName().equals(count)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        named + ": its count '" + count + "' names no attribute of " + parentEntity.type()));
        if (!COUNTS.contains(component.getType()) || parentEntity.keyAttributes().contains(count)
                || parentEntity.managedAttributes().contains(count)) {
            throw new IllegalArgumentException(named + ": its count '" + count + "' must be an int, Integer, long"
                    + " or Long attribute of " + parentEntity.type() + " outside its key, version and timestamps");
        }
        CollectionKey key;
        try {
            key = new CollectionKey(List.of(parentEntity, child.entity()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(named + " does not share its key: " + e.getMessage(), e);
        }
        Map<String, Object> sample = new LinkedHashMap<>();
        pathKeys.attributes().forEach(attribute -> sample.put(attribute, attribute));
        Set<String> rendered;
        try {
            rendered = new HashSet<>(key.valuesOf(parentEntity, sample).keySet());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(named + " has a key the path " + pathKeys.attributes()
                    + " does not give: " + e.getMessage(), e);
        }
        parentEntity.ownerAttribute().ifPresent(rendered::add);
        parentEntity.keyAttributes().stream().filter(a -> !rendered.contains(a)).findFirst().ifPresent(a -> {
            throw new IllegalArgumentException(named + ": its key attribute '" + a + "' is not given by the child's"
                    + " path parameters " + pathKeys.attributes() + " at the same place of the key");
        });
        return new ParentLink<>(parent, child, count, key);
    }

    /** @return the parent's repository */
    EntityRepository<P> parent() {
        return parent;
    }

    /** @return the parent's attribute counting the children */
    String count() {
        return count;
    }

    /**
     * Renders the parent's key from the child's path values.
     *
     * @param pathValues the child's path values
     * @return the parent's key, owner aside
     */
    Map<String, Object> parentKey(Map<String, Object> pathValues) {
        return key.valuesOf(parent.entity(), pathValues);
    }

    /**
     * Tells whether the parent exists for the caller.
     *
     * @param scope      the caller's scope
     * @param pathValues the child's path values
     * @return whether it exists
     */
    boolean parentExists(Scope scope, Map<String, Object> pathValues) {
        return parent.get(scope, parentKey(pathValues)).isPresent();
    }

    /**
     * Creates a child and adds one to its parent's count, in one transaction.
     *
     * @param scope      the caller's scope
     * @param item       the child
     * @param pathValues the child's path values
     * @return the child as stored
     * @throws ItemNotFoundException      naming the parent when it does not exist for the caller
     * @throws ItemAlreadyExistsException when a child with its key exists
     */
    C create(Scope scope, C item, Map<String, Object> pathValues) {
        Transaction transaction = parent.table().transaction();
        C created = addCreate(transaction, scope, item, pathValues);
        try {
            transaction.commit();
        } catch (TransactionCanceledException e) {
            throw createFailure(e);
        }
        return created;
    }

    /**
     * Adds a child's create and the increment of its parent's count, as the transaction's next two actions.
     *
     * @param transaction the transaction, whose actions so far must not touch the child or its parent
     * @param scope       the caller's scope
     * @param item        the child
     * @param pathValues  the child's path values
     * @return the child as it will be stored
     */
    C addCreate(Transaction transaction, Scope scope, C item, Map<String, Object> pathValues) {
        C created = transaction.create(child, scope, item);
        transaction.patch(parent, scope, parentKey(pathValues), Changes.of(parent.entity()).increment(count, 1),
                Precondition.none());
        return created;
    }

    /**
     * Answers a cancelled transaction whose first two actions are those of {@link #addCreate}: the failure the single
     * create would throw.
     *
     * @param cancelled the cancellation
     * @return the failure to throw
     */
    RuntimeException createFailure(TransactionCanceledException cancelled) {
        return failure(cancelled, reason -> reason == TransactionCanceledException.Reason.ALREADY_EXISTS
                ? new ItemAlreadyExistsException(child.entity().type()) : null);
    }

    /**
     * Deletes a child and takes one from its parent's count, in one transaction.
     *
     * @param scope           the caller's scope
     * @param key             the child's key
     * @param pathValues      the child's path values
     * @param expectedVersion the child's expected version, if any
     * @throws ItemNotFoundException    when the child, or its parent, does not exist for the caller
     * @throws VersionConflictException when the child is at another version
     */
    void delete(Scope scope, Map<String, Object> key, Map<String, Object> pathValues, OptionalLong expectedVersion) {
        Transaction transaction = parent.table().transaction();
        transaction.delete(child, scope, key, expectedVersion.isPresent()
                ? Precondition.version(expectedVersion.getAsLong()) : Precondition.none());
        commit(transaction.patch(parent, scope, parentKey(pathValues),
                Changes.of(parent.entity()).decrement(count, 1), Precondition.none()), reason -> switch (reason) {
                    case NOT_FOUND -> new ItemNotFoundException(child.entity().type());
                    case VERSION_CONFLICT -> new VersionConflictException(child.entity().type());
                    default -> null;
                });
    }

    /**
     * Commits a transaction whose first action writes the child and whose second updates the parent, answering its
     * cancellation as the single writes would: a missing parent is a 404 naming it.
     */
    private void commit(Transaction transaction,
            Function<TransactionCanceledException.Reason, RuntimeException> childFailure) {
        try {
            transaction.commit();
        } catch (TransactionCanceledException e) {
            throw failure(e, childFailure);
        }
    }

    private RuntimeException failure(TransactionCanceledException cancelled,
            Function<TransactionCanceledException.Reason, RuntimeException> childFailure) {
        RuntimeException failure = childFailure.apply(cancelled.reasons().get(0));
        if (failure != null) {
            return failure;
        }
        if (cancelled.reasons().get(1) == TransactionCanceledException.Reason.NOT_FOUND) {
            return new ItemNotFoundException(parent.entity().type());
        }
        return cancelled;
    }

    /**
     * The condition of a parent's delete: none of the children a count counts are left.
     *
     * @param counts the parent's count attributes
     * @return the condition
     */
    static Condition noChildren(Set<String> counts) {
        return counts.stream().map(c -> Condition.attribute(c).notExists().or(Condition.attribute(c).eq(0)))
                .reduce(Condition::and).orElseThrow();
    }

    /**
     * Answers a parent's delete refused by its count.
     *
     * @param parentType the parent's entity type
     * @return a 409 saying it still has children
     */
    static ConditionFailedException stillHasChildren(String parentType) {
        return new ConditionFailedException(parentType, "still has children; delete them first");
    }
}

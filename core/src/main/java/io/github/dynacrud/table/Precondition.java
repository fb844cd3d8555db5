package io.github.dynacrud.table;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What must hold for a replace, patch or delete to be written, besides the item existing: an expected version, a
 * {@link Condition} on the stored item, or both. A write that breaks it fails in the same single request with
 * {@link io.github.dynacrud.VersionConflictException} (stale version) or
 * {@link io.github.dynacrud.ConditionFailedException} (condition false), told apart from
 * {@link io.github.dynacrud.ItemNotFoundException} by the item DynamoDB returns with the failure.
 *
 * <pre>{@code
 * todos.delete(scope, id, Precondition.version(3).and(Condition.attribute("done").eq(true)));
 * }</pre>
 */
public final class Precondition {
    private static final Precondition NONE = new Precondition(null, null);

    private final Long version;
    private final Condition condition;

    private Precondition(Long version, Condition condition) {
        this.version = version;
        this.condition = condition;
    }

    /** @return a precondition that asks only that the item exists */
    public static Precondition none() {
        return NONE;
    }

    /**
     * Expects a version: the one the caller last read.
     *
     * @param expected the version
     * @return the precondition
     */
    public static Precondition version(long expected) {
        return new Precondition(expected, null);
    }

    /**
     * Expects a condition on the stored item.
     *
     * @param condition the condition
     * @return the precondition
     */
    public static Precondition when(Condition condition) {
        return NONE.and(condition);
    }

    /**
     * Adds a condition that must hold too.
     *
     * @param condition the condition
     * @return a new precondition with both
     */
    public Precondition and(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        return new Precondition(version, this.condition == null ? condition : this.condition.and(condition));
    }

    /** @return the expected version, if any */
    public OptionalLong version() {
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /** @return the condition on the stored item, if any */
    public Optional<Condition> condition() {
        return Optional.ofNullable(condition);
    }

    static Precondition of(OptionalLong expectedVersion) {
        return expectedVersion.isPresent() ? version(expectedVersion.getAsLong()) : NONE;
    }
}

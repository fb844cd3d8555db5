package io.github.dynacrud;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A transaction was cancelled, so none of its actions was written (HTTP 409). It tells, for each action in the order
 * they were added, what failed, read from DynamoDB's cancellation reasons and the old items returned with them,
 * without a second read.
 *
 * <pre>{@code
 * try {
 *     table.transaction().patch(todos, scope, id, changes, Precondition.version(3)).commit();
 * } catch (TransactionCanceledException e) {
 *     if (e.reasons().get(0) == TransactionCanceledException.Reason.VERSION_CONFLICT) { ... }
 * }
 * }</pre>
 */
public class TransactionCanceledException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /** What happened to one action of a cancelled transaction. */
    public enum Reason {
        /** The action's own checks passed; another action cancelled the transaction. */
        NONE,
        /** The item to replace, patch, delete or check does not exist for the caller. */
        NOT_FOUND,
        /** An item with the key of the item to create exists. */
        ALREADY_EXISTS,
        /** The stored version is not the expected one. */
        VERSION_CONFLICT,
        /** A unique value the action would take is taken. */
        UNIQUE_VALUE_TAKEN,
        /** The item exists, at the expected version if any, but the caller's condition is false. */
        CONDITION_FAILED
    }

    private final List<Reason> reasons;

    /**
     * Creates the failure.
     *
     * @param entityTypes the entity type of each action, in order
     * @param reasons     what happened to each action, in the same order
     */
    public TransactionCanceledException(List<String> entityTypes, List<Reason> reasons) {
        super(409, "the transaction was cancelled: " + IntStream.range(0, reasons.size())
                .filter(i -> reasons.get(i) != Reason.NONE)
                .mapToObj(i -> "action " + i + " (" + entityTypes.get(i) + ") " + reasons.get(i))
                .collect(Collectors.joining(", ")));
        this.reasons = List.copyOf(reasons);
    }

    /**
     * Returns what happened to each action.
     *
     * @return one reason per action, in the order the actions were added
     */
    public List<Reason> reasons() {
        return reasons;
    }
}

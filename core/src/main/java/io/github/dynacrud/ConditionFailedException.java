package io.github.dynacrud;

/**
 * The item exists, at the expected version if one was given, but does not meet the condition the caller attached to
 * the write, so nothing was written (HTTP 409).
 */
public class ConditionFailedException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure for one entity type.
     *
     * @param entityType the entity type that was being written
     */
    public ConditionFailedException(String entityType) {
        super(409, entityType + " does not meet the condition of this write");
    }

    /**
     * Creates the failure with the reason the condition stands for, such as a parent that still has children.
     *
     * <pre>{@code
     * throw new ConditionFailedException("Notebook", "still has children; delete them first");
     * }</pre>
     *
     * @param entityType the entity type that was being written
     * @param reason     what about the item refused the write, without internal detail
     */
    public ConditionFailedException(String entityType, String reason) {
        super(409, entityType + " " + reason);
    }
}

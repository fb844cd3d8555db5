package io.github.dynacrud;

/** The item exists but its version is not the one the caller expected: a concurrent write won (HTTP 412). */
public class VersionConflictException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure for one entity type.
     *
     * @param entityType the entity type that was being written
     */
    public VersionConflictException(String entityType) {
        super(412, entityType + " was changed by another request; read it again and retry");
    }
}

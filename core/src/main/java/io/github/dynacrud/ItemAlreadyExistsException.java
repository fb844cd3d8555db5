package io.github.dynacrud;

/** An item with the same primary key already exists, so a create was refused (HTTP 409). */
public class ItemAlreadyExistsException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure for one entity type.
     *
     * @param entityType the entity type that was being created
     */
    public ItemAlreadyExistsException(String entityType) {
        super(409, entityType + " already exists");
    }
}

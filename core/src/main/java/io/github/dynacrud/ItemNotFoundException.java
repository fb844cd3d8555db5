package io.github.dynacrud;

/** The item does not exist, belongs to another entity type, or lies outside the caller's scope (HTTP 404). */
public class ItemNotFoundException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure for one entity type.
     *
     * @param entityType the entity type that was looked for, such as {@code "Todo"}
     */
    public ItemNotFoundException(String entityType) {
        super(404, entityType + " not found");
    }
}

package io.github.dynacrud;

/** A value declared unique is already taken by another item (HTTP 409). */
public class UniqueConstraintException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    private final String attribute;

    /**
     * Creates the failure for one unique attribute.
     *
     * @param entityType the entity type that was being written
     * @param attribute  the unique attribute whose value is taken, such as {@code "email"}
     */
    public UniqueConstraintException(String entityType, String attribute) {
        super(409, entityType + " " + attribute + " is already taken");
        this.attribute = attribute;
    }

    /**
     * Returns the unique attribute whose value is taken.
     *
     * @return the attribute name
     */
    public String attribute() {
        return attribute;
    }
}

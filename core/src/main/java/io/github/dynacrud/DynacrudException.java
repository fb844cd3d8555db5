package io.github.dynacrud;

/**
 * Base class of every failure dynacrud reports to its callers.
 *
 * <p>Each subclass stands for one kind of failure and carries the one HTTP status it maps to, so the HTTP
 * layer turns any of them into a response in one place. Messages never contain item data or request bodies.
 */
public abstract class DynacrudException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates a failure with a message for developers and the HTTP status it maps to.
     *
     * @param status  the HTTP status code of this kind of failure
     * @param message what went wrong, without item data
     */
    protected DynacrudException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * Returns the HTTP status this failure maps to.
     *
     * @return an HTTP status code, such as 404
     */
    public int status() {
        return status;
    }
}

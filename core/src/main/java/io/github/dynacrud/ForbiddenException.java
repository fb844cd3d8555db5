package io.github.dynacrud;

/** The principal lacks a scope the route requires (HTTP 403). */
public class ForbiddenException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what is wrong, for the API's caller; never a rejected value
     */
    public ForbiddenException(String message) {
        super(403, message);
    }
}

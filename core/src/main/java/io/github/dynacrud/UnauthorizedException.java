package io.github.dynacrud;

/** The request carries no authenticated principal (HTTP 401). */
public class UnauthorizedException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what is wrong, for the API's caller; never a rejected value
     */
    public UnauthorizedException(String message) {
        super(401, message);
    }
}

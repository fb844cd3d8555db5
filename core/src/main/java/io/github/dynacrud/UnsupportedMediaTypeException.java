package io.github.dynacrud;

/** The request body's Content-Type is not JSON (HTTP 415). */
public class UnsupportedMediaTypeException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what is wrong, for the API's caller; never a rejected value
     */
    public UnsupportedMediaTypeException(String message) {
        super(415, message);
    }
}

package io.github.dynacrud;

/** The request body is larger than the configured limit (HTTP 413). */
public class PayloadTooLargeException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what is wrong, for the API's caller; never a rejected value
     */
    public PayloadTooLargeException(String message) {
        super(413, message);
    }
}

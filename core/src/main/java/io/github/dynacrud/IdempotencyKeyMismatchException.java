package io.github.dynacrud;

/**
 * An {@code Idempotency-Key} was sent again with another request than the one it first came with (HTTP 422): another
 * method, path or body. Nothing was written; the client must use a new key for a new request.
 */
public class IdempotencyKeyMismatchException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /** Creates the failure. */
    public IdempotencyKeyMismatchException() {
        super(422, "the Idempotency-Key was already used with another request; send a new key with a new request");
    }
}

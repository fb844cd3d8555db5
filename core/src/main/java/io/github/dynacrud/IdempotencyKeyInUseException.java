package io.github.dynacrud;

/**
 * Another request with the same {@code Idempotency-Key} kept conflicting with this one in DynamoDB (HTTP 409, with
 * {@code Retry-After}). Nothing was written by this request; sent again, it gets the stored response of the request
 * that won.
 */
public class IdempotencyKeyInUseException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /** Creates the failure. */
    public IdempotencyKeyInUseException() {
        super(409, "another request with this Idempotency-Key is being written; retry after the delay given");
    }
}

package io.github.dynacrud;

/**
 * DynamoDB could not serve the request for a passing reason (throttling, a service error, a conflicting
 * transaction, a network failure), even after the SDK's own retries (HTTP 503). The same request may succeed later.
 */
public class RetryableException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what failed, without item data
     */
    public RetryableException(String message) {
        super(503, message);
    }
}

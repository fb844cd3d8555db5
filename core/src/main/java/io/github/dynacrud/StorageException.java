package io.github.dynacrud;

/**
 * DynamoDB refused a request for a reason retrying will not fix (HTTP 500). The message names the operation, the
 * AWS error code and request id, never item data; the SDK's exception is not chained because its message may.
 */
public class StorageException extends DynacrudException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what failed, without item data
     */
    public StorageException(String message) {
        super(500, message);
    }
}

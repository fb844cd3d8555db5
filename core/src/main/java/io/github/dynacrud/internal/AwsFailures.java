package io.github.dynacrud.internal;

import io.github.dynacrud.DynacrudException;
import io.github.dynacrud.RetryableException;
import io.github.dynacrud.StorageException;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns SDK failures that the repository does not handle itself into dynacrud's: passing ones (throttling, 5xx,
 * network) into {@link RetryableException}, the rest into {@link StorageException}. Neither keeps the SDK's
 * message, which can quote item data: only the operation, AWS error code, HTTP status and request id.
 */
public final class AwsFailures {
    private AwsFailures() {
    }

    /**
     * Translates a failure of one DynamoDB operation.
     *
     * @param operation such as {@code "PutItem"}
     * @param failure   what the SDK threw
     * @return the exception to throw
     */
    public static DynacrudException translate(String operation, SdkException failure) {
        if (failure instanceof SdkServiceException service) {
            String code = failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    ? aws.awsErrorDetails().errorCode() : "unknown error";
            String description = "DynamoDB " + operation + " failed: " + code + " (HTTP " + service.statusCode()
                    + ", request id " + service.requestId() + ")";
            if (service.isThrottlingException() || service.statusCode() >= 500 || service.retryable()) {
                return new RetryableException(description);
            }
            return new StorageException(description);
        }
        if (failure instanceof SdkClientException && (failure.retryable() || causedByIo(failure))) {
            return new RetryableException("DynamoDB " + operation + " could not be reached: "
                    + failure.getClass().getSimpleName());
        }
        return new StorageException("DynamoDB " + operation + " failed: " + failure.getClass().getSimpleName());
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}

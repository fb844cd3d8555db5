package io.github.dynacrud.internal;

import io.github.dynacrud.DynacrudException;
import io.github.dynacrud.RetryableException;
import io.github.dynacrud.StorageException;
import io.github.dynacrud.ValidationException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns SDK failures that the repository does not handle itself into dynacrud's: passing ones (throttling, 5xx,
 * network) into {@link RetryableException}, the rest into {@link StorageException}. Neither keeps the SDK's
 * message, which can quote item data: only the operation, AWS error code, HTTP status and request id.
 *
 * <p>A {@code ValidationException} caused by item data that {@link ItemLimits} could not foresee (an update growing an
 * item past 400 KB) is the client's: a {@link ValidationException} on the whole item ({@value #ITEM_FIELD} as its
 * field) with a message of dynacrud's, never DynamoDB's.
 */
public final class AwsFailures {
    /** The field of a violation about the item as a whole. */
    public static final String ITEM_FIELD = "";
    /** The message of an item-data failure that only DynamoDB detected. */
    public static final String ITEM_LIMIT_MESSAGE = "the item breaks a DynamoDB limit: at most 400 KB, numbers of at"
            + " most 38 significant digits, keys of at most 2048 and 1024 bytes, at most 32 levels of nesting";

    /** What DynamoDB's messages about item data say, in lower case; its other validation failures are ours. */
    private static final List<String> ITEM_DATA_MESSAGES = List.of("item size", "number overflow",
            "number underflow", "significant digits", "precision", "nesting levels", "may not be empty",
            "empty string", "size limit exceeded", "key values must be under", "contains duplicates",
            "empty attribute name");

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
            if ("ValidationException".equals(code)) {
                Optional<ValidationException> itemData = itemData(failure.getMessage());
                if (itemData.isPresent()) {
                    return itemData.get();
                }
            }
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

    /**
     * Reads a DynamoDB validation message, of a request or of one action of a cancelled transaction, as the client's
     * failure when it is about item data.
     *
     * @param message DynamoDB's message, possibly {@code null}
     * @return a {@link ValidationException} on the whole item with a message of dynacrud's, or empty when the
     *         refusal is not about item data (then it is dynacrud's own)
     */
    public static Optional<ValidationException> itemData(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (ITEM_DATA_MESSAGES.stream().noneMatch(lower::contains)) {
            return Optional.empty();
        }
        return Optional.of(new ValidationException(ITEM_FIELD,
                lower.contains("item size") ? ItemLimits.SIZE_MESSAGE : ITEM_LIMIT_MESSAGE));
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

package io.github.dynacrud.internal;

import io.github.dynacrud.RetryableException;
import io.github.dynacrud.StorageException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * Sends DynamoDB transactions and reads their cancellations the same way for every caller: a cancellation by
 * conflicts with other transactions alone is retried a bounded number of times, a failed condition is the caller's to
 * type, item data DynamoDB refused is the client's {@code ValidationException} (as for a single write), passing
 * refusals are a {@link RetryableException} and the rest a {@link StorageException}.
 */
public final class Transactions {
    private static final String CONFLICT = "TransactionConflict";
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /** Cancellation codes that a later attempt can overcome, besides a conflict, which is retried here. */
    private static final Set<String> PASSING = Set.of("ThrottlingError", "ProvisionedThroughputExceeded",
            "RequestLimitExceeded", "InternalServerError");

    private Transactions() {
    }

    /**
     * Sends one {@code TransactWriteItems}, again after a pause while only conflicts cancel it.
     *
     * @param client        the DynamoDB client
     * @param request       the transaction
     * @param failIfChecked given the cancellation reasons when a condition failed: throws the typed failure
     */
    public static void write(DynamoDbClient client, TransactWriteItemsRequest request,
            Consumer<List<CancellationReason>> failIfChecked) {
        write(client, request, failIfChecked, reasons -> null);
    }

    /**
     * Sends one {@code TransactWriteItems} like {@link #write(DynamoDbClient, TransactWriteItemsRequest, Consumer)},
     * throwing what {@code whenConflictsPersist} gives for the last attempt's cancellation reasons, when it gives
     * something, once that attempt conflicted.
     *
     * @param client               the DynamoDB client
     * @param request              the transaction
     * @param failIfChecked        given the cancellation reasons when a condition failed: throws the typed failure
     * @param whenConflictsPersist given the last conflict's reasons: the failure to throw instead of the retryable
     *                             one, or {@code null}
     */
    public static void write(DynamoDbClient client, TransactWriteItemsRequest request,
            Consumer<List<CancellationReason>> failIfChecked,
            Function<List<CancellationReason>, RuntimeException> whenConflictsPersist) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(request);
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                if (reasons.stream().anyMatch(reason -> CONDITION_FAILED.equals(reason.code()))) {
                    failIfChecked.accept(reasons);
                }
                retryOnlyConflicts("TransactWriteItems", e);
                RuntimeException persisting = attempt >= Backoff.ATTEMPTS ? whenConflictsPersist.apply(reasons)
                        : null;
                if (persisting != null) {
                    throw persisting;
                }
                Backoff.pause(attempt, "DynamoDB TransactWriteItems conflicted with another transaction");
            } catch (TransactionInProgressException e) {
                throw new RetryableException("DynamoDB TransactWriteItems with this client request token is still"
                        + " in progress");
            } catch (SdkException e) {
                throw AwsFailures.translate("TransactWriteItems", e);
            }
        }
    }

    /**
     * Throws the failure of a cancelled transaction unless conflicts with other transactions cancelled it alone,
     * which a later attempt can overcome.
     *
     * @param operation such as {@code "TransactGetItems"}
     * @param cancelled the cancellation
     */
    public static void retryOnlyConflicts(String operation, TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons()
                : List.of();
        List<String> codes = reasons.stream().map(CancellationReason::code)
                .filter(code -> code != null && !"None".equals(code)).distinct().toList();
        if (codes.equals(List.of(CONFLICT))) {
            return;
        }
        reasons.stream().filter(reason -> "ValidationError".equals(reason.code()))
                .map(reason -> AwsFailures.itemData(reason.message())).flatMap(Optional::stream).findFirst()
                .ifPresent(itemData -> {
                    throw itemData;
                });
        String description = "DynamoDB " + operation + " was cancelled: " + codes;
        throw !codes.isEmpty() && PASSING.containsAll(codes) ? new RetryableException(description)
                : new StorageException(description);
    }
}

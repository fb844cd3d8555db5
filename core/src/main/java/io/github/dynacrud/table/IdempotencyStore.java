package io.github.dynacrud.table;

import io.github.dynacrud.IdempotencyKeyInUseException;
import io.github.dynacrud.IdempotencyKeyMismatchException;
import io.github.dynacrud.StorageException;
import io.github.dynacrud.TransactionCanceledException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.KeyTemplate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Idempotency records in the table, written in the same {@code TransactWriteItems} as the write they protect: the
 * record's {@code Put} succeeds only if no unexpired record has its key, so a repeated request writes nothing and
 * gets the first response back from the cancellation's old item, without a second read. A record lives for a
 * period (24 hours by default) and holds its expiry, in epoch seconds, in the attribute the table's TTL deletes by;
 * an expired record counts as absent even before TTL removes it.
 *
 * <pre>{@code
 * IdempotencyStore store = IdempotencyStore.builder().expiryAttribute("expiresAt").period(Duration.ofHours(24)).build();
 * Transaction transaction = table.transaction();
 * Todo todo = transaction.create(todos, scope, input);
 * Optional<StoredResponse> earlier = store.commit(transaction, scopeOfTheKey, fingerprint, responseFor(todo));
 * }</pre>
 */
public final class IdempotencyStore {
    /** The expiry attribute by default. */
    public static final String DEFAULT_EXPIRY_ATTRIBUTE = "expiresAt";
    /** How long a record lives by default. */
    public static final Duration DEFAULT_PERIOD = Duration.ofHours(24);

    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,254}");
    private static final String TYPE = "Idempotency";
    private static final String CONFLICT = "TransactionConflict";

    private final String expiryAttribute;
    private final Duration period;

    private IdempotencyStore(Builder b) {
        this.expiryAttribute = b.expiryAttribute;
        this.period = b.period;
    }

    /** @return a store with the default expiry attribute and period */
    public static IdempotencyStore defaults() {
        return builder().build();
    }

    /** @return a builder with the default expiry attribute and period */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the attribute holding a record's expiry in epoch seconds: the table's TTL attribute */
    public String expiryAttribute() {
        return expiryAttribute;
    }

    /** @return how long a record lives */
    public Duration period() {
        return period;
    }

    /**
     * Adds the idempotency record to a transaction and commits it. The record is written only if no unexpired record
     * has the same scope; when one has, nothing is written and its response is returned, if it was stored for the
     * same fingerprint.
     *
     * @param transaction the transaction holding the protected writes; committed here
     * @param scope       what the key is unique within: the caller, the route and the key itself, unambiguously joined
     * @param fingerprint what identifies the request under the key, such as a hash of its method, path and body
     * @param response    the response to store if the transaction commits
     * @return empty when the transaction committed; else the response stored by the earlier request
     * @throws IdempotencyKeyMismatchException when the scope's record was stored for another fingerprint
     * @throws IdempotencyKeyInUseException    when the record itself kept conflicting with another transaction
     * @throws TransactionCanceledException    when another action of the transaction failed its checks
     */
    public Optional<StoredResponse> commit(Transaction transaction, String scope, String fingerprint,
            StoredResponse response) {
        long now = transaction.table().clock().instant().getEpochSecond();
        AtomicReference<Map<String, AttributeValue>> earlier = new AtomicReference<>();
        transaction.add(TYPE, new TransactionWrites.Write(put(transaction.table().tableName(), scope, fingerprint,
                response, now), old -> {
                    earlier.set(old);
                    return TransactionCanceledException.Reason.ALREADY_EXISTS;
                }));
        try {
            // The key is in use only when the record itself conflicted: the record is the transaction's last write.
            // Conflicts on the other writes alone (a parent's count, say) fail as they do without a key.
            transaction.commit(reasons -> !reasons.isEmpty()
                    && CONFLICT.equals(reasons.get(reasons.size() - 1).code()) ? new IdempotencyKeyInUseException()
                    : null);
            return Optional.empty();
        } catch (TransactionCanceledException e) {
            Map<String, AttributeValue> old = earlier.get();
            if (old == null) {
                throw e;
            }
            if (!fingerprint.equals(text(old, "fingerprint"))) {
                throw new IdempotencyKeyMismatchException();
            }
            return Optional.of(response(old));
        }
    }

    private TransactWriteItem put(String tableName, String scope, String fingerprint, StoredResponse response,
            long now) {
        String key = Entity.IDEMPOTENCY_PREFIX + KeyTemplate.SEPARATOR + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(sha256(scope));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Entity.PARTITION_KEY, AttributeValue.fromS(key));
        item.put(Entity.SORT_KEY, AttributeValue.fromS(Entity.IDEMPOTENCY_PREFIX));
        item.put(Entity.TYPE_ATTRIBUTE, AttributeValue.fromS(TYPE));
        item.put("fingerprint", AttributeValue.fromS(fingerprint));
        item.put("status", AttributeValue.fromN(Integer.toString(response.status())));
        item.put("headers", AttributeValue.fromM(response.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, h -> AttributeValue.fromS(h.getValue())))));
        item.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(response.body())));
        item.put(expiryAttribute, AttributeValue.fromN(Long.toString(now + period.toSeconds())));
        return TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(" + Entity.PARTITION_KEY + ") OR #expiry <= :now")
                .expressionAttributeNames(Map.of("#expiry", expiryAttribute))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now))))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
    }

    private static StoredResponse response(Map<String, AttributeValue> old) {
        Map<String, String> headers = new HashMap<>();
        AttributeValue stored = old.get("headers");
        if (stored != null && stored.hasM()) {
            stored.m().forEach((name, value) -> headers.put(name, value.s()));
        }
        AttributeValue body = old.get("body");
        try {
            return new StoredResponse(Integer.parseInt(text(old, "status")), headers,
                    body == null || body.b() == null ? new byte[0] : body.b().asByteArray());
        } catch (RuntimeException e) {
            throw new StorageException("an idempotency record in the table cannot be read back");
        }
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s() != null ? value.s() : value.n();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Configures a store. */
    public static final class Builder {
        private String expiryAttribute = DEFAULT_EXPIRY_ATTRIBUTE;
        private Duration period = DEFAULT_PERIOD;

        private Builder() {
        }

        /**
         * Sets the attribute holding each record's expiry in epoch seconds: the attribute the table's TTL is enabled
         * on, which may be the one entities' TTL uses.
         *
         * @param attribute such as {@code "expiresAt"}
         * @return this builder
         * @throws IllegalArgumentException when it is not a plain attribute name or is one of dynacrud's own
         */
        public Builder expiryAttribute(String attribute) {
            Objects.requireNonNull(attribute, "attribute");
            if (!ATTRIBUTE.matcher(attribute).matches() || attribute.equals(Entity.PARTITION_KEY)
                    || attribute.equals(Entity.SORT_KEY) || attribute.equals(Entity.TYPE_ATTRIBUTE)
                    || Map.of("fingerprint", 1, "status", 1, "headers", 1, "body", 1).containsKey(attribute)) {
                throw new IllegalArgumentException("expiry attribute '" + attribute + "' is not a plain attribute"
                        + " name of its own (a letter, then letters, digits or _, and none of PK, SK, _type,"
                        + " fingerprint, status, headers, body)");
            }
            this.expiryAttribute = attribute;
            return this;
        }

        /**
         * Sets how long a record lives, and so how long a repeated request is answered from it.
         *
         * @param period from one second to 365 days
         * @return this builder
         * @throws IllegalArgumentException when the period is out of that range
         */
        public Builder period(Duration period) {
            Objects.requireNonNull(period, "period");
            if (period.toSeconds() < 1 || period.compareTo(Duration.ofDays(365)) > 0) {
                throw new IllegalArgumentException("idempotency period " + period
                        + " is out of range: give one second to 365 days");
            }
            this.period = period;
            return this;
        }

        /** @return the store */
        public IdempotencyStore build() {
            return new IdempotencyStore(this);
        }
    }
}

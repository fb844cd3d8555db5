package io.github.dynacrud.http;

import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.table.IdempotencyStore;
import io.github.dynacrud.table.SingleTable;
import io.github.dynacrud.table.StoredResponse;
import io.github.dynacrud.table.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Answers requests that carry an {@code Idempotency-Key} once: the first one's writes and an idempotency record with
 * its response go in one {@code TransactWriteItems}; a repeat with the same key, caller, method, path and body writes
 * nothing and gets that response again, byte for byte, with {@code Idempotent-Replayed: true}. The same key with
 * another request is a 422; a key that is not 1 to 255 visible ASCII characters is a 400. A request without the
 * header is written as usual, in one transaction. A resource turns it on with
 * {@link ResourceOptions.Builder#idempotency(Idempotency)}; a custom route calls {@link #respond}.
 *
 * <pre>{@code
 * Idempotency idempotency = Idempotency.of(IdempotencyStore.defaults());
 * router.post("/inbox", request -> {
 *     Principal caller = request.principal().orElseThrow(() -> new UnauthorizedException("sign in first"));
 *     return idempotency.respond(request, caller.subject(), table, transaction ->
 *             json.created(request, json.withJsonNames(() ->
 *                     transaction.create(todos, Scope.owner(caller.subject()), json.read(request)))));
 * });
 * }</pre>
 */
public final class Idempotency {
    /** The request header carrying the key. */
    public static final String KEY_HEADER = "Idempotency-Key";
    /** The response header marking a replayed response. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** The response headers a record keeps besides the status and body. */
    public static final List<String> STORED_HEADERS = List.of("Content-Type", "ETag", "Location");

    private final IdempotencyStore store;

    private Idempotency(IdempotencyStore store) {
        this.store = store;
    }

    /**
     * Answers idempotent requests with records in a store.
     *
     * @param store where the records go, and for how long
     * @return the idempotency
     */
    public static Idempotency of(IdempotencyStore store) {
        return new Idempotency(Objects.requireNonNull(store, "store"));
    }

    /** @return the store of the records */
    public IdempotencyStore store() {
        return store;
    }

    /**
     * Runs a write in a new transaction of the table and commits it, with the idempotency record of its response when
     * the request carries a key. The write adds its actions to the transaction and returns the response they make;
     * only a 2xx response is stored, and a failed write stores nothing, so its key can be used again. A response that is
     * not stored, from a write that added no action (a 404, say), is answered without a request to DynamoDB.
     *
     * @param request the request
     * @param caller  who sends it, such as the token's subject (not a tenant its users share); one caller's key never
     *                replays for another
     * @param table   the table to write to
     * @param write   adds the writes to the transaction and makes the response
     * @return the response of this request, or the stored response of the first one with the key
     * @throws BadRequestException naming the header when the key is malformed
     * @throws io.github.dynacrud.IdempotencyKeyMismatchException when the key came with another request
     * @throws io.github.dynacrud.IdempotencyKeyInUseException when a request with the same key kept conflicting
     */
    public HttpResponse respond(HttpRequest request, String caller, SingleTable table,
            Function<Transaction, HttpResponse> write) {
        Objects.requireNonNull(caller, "caller");
        String key = request.header(KEY_HEADER).map(Idempotency::checked).orElse(null);
        Transaction transaction = table.transaction();
        HttpResponse response = write.apply(transaction);
        if (key == null || response.status() < 200 || response.status() > 299) {
            // A write that changed nothing, such as a 404, has nothing to commit.
            if (!transaction.isEmpty()) {
                transaction.commit();
            }
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        STORED_HEADERS.forEach(name -> response.headers().first(name).ifPresent(value -> headers.put(name, value)));
        return store.commit(transaction, joined(caller, request.method(), request.path(), key),
                        fingerprint(request), new StoredResponse(response.status(), headers, response.body()))
                .map(Idempotency::replay).orElse(response);
    }

    private static String checked(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new BadRequestException(KEY_HEADER, "must be 1 to 255 visible ASCII characters");
        }
        return key;
    }

    private static HttpResponse replay(StoredResponse stored) {
        String contentType = stored.headers().get("Content-Type");
        HttpResponse response = contentType == null ? HttpResponse.empty(stored.status())
                : HttpResponse.bytes(stored.status(), contentType, stored.body());
        for (Map.Entry<String, String> header : stored.headers().entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response.withHeader(REPLAYED_HEADER, "true");
    }

    /** The request's identity under its key: SHA-256 of its method, path and body bytes. */
    private static String fingerprint(HttpRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(joined(request.method(), request.path()).getBytes(StandardCharsets.UTF_8));
            digest.update(request.body());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Joins parts with their lengths, so that no two different lists of parts join to the same text. */
    private static String joined(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            joined.append(part.length()).append(':').append(part);
        }
        return joined.toString();
    }
}

package io.github.dynacrud.table;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The response an idempotent request answered, as its {@link IdempotencyStore idempotency record} keeps it for
 * replays: the status, the headers that describe the body and the written item, and the body's bytes.
 *
 * @param status  the HTTP status, such as 201
 * @param headers headers by name, such as {@code Content-Type}, {@code ETag} and {@code Location}
 * @param body    the body's bytes, empty for none
 */
public record StoredResponse(int status, Map<String, String> headers, byte[] body) {
    /** Checks and copies the parts. */
    public StoredResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not an HTTP status");
        }
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** @return a copy of the body's bytes */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredResponse that && status == that.status && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "StoredResponse[status=" + status + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
}

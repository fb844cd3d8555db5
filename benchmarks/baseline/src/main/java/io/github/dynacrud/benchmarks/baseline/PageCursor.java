package io.github.dynacrud.benchmarks.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Turns DynamoDB's last evaluated key into an opaque cursor and back, never outside the caller's partition. */
final class PageCursor {
    // Far above any key this table writes; it bounds what a caller can make us decode and parse.
    private static final int MAX_LENGTH = 1024;

    private final ObjectMapper mapper;

    PageCursor(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Encodes a base-table key as unpadded base64url of {@code {"PK":..,"SK":..}}. */
    String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        try {
            byte[] json = mapper.writeValueAsBytes(mapper.createObjectNode()
                    .put("PK", lastEvaluatedKey.get("PK").s())
                    .put("SK", lastEvaluatedKey.get("SK").s()));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes a cursor into an exclusive start key, refusing one that is malformed or points outside the partition.
     *
     * @param cursor    the caller's cursor
     * @param partition the caller's partition key value
     * @return the key to start after
     */
    Map<String, AttributeValue> decode(String cursor, String partition) {
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        JsonNode key;
        try {
            key = mapper.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
        if (key == null || !key.isObject() || key.size() != 2) {
            throw invalid();
        }
        String pk = key.path("PK").textValue();
        String sk = key.path("SK").textValue();
        // A cursor is the caller's text: without these checks it could page through another user's todos.
        if (!partition.equals(pk) || sk == null || !sk.startsWith(TodoTable.SORT_KEY_PREFIX)) {
            throw invalid();
        }
        return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk));
    }

    private static HttpProblem invalid() {
        return HttpProblem.badRequest("'cursor' is not a cursor this API returned");
    }
}

package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynacrud.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CursorCodecTest {
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** The format byte and the 8-byte binding digest: 9 bytes, exactly the first 12 base64 characters. */
    private static final int BINDING_CHARS = 12;

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_SECRET = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);

    private static final String BINDING = String.join("\n", "app", "", "USER#u1", "", "asc", "Todo");
    private static final String INDEX_BINDING = String.join("\n", "app", "GSI1", "USER#u1", "begins_with DONE#false#",
            "asc", "Todo");
    private static final Set<String> KEY_NAMES = Set.of("PK", "SK");
    private static final Set<String> INDEX_KEY_NAMES = Set.of("PK", "SK", "GSI1PK", "GSI1SK");

    private static Map<String, AttributeValue> primaryKey() {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("PK", AttributeValue.fromS("USER#u1"));
        key.put("SK", AttributeValue.fromS("TODO#01JABCDEFGHJKMNPQRSTVWXYZ0"));
        return key;
    }

    private static Map<String, AttributeValue> indexKey() {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("GSI1PK", AttributeValue.fromS("USER#u1"));
        key.put("GSI1SK", AttributeValue.fromS("DONE#false#01JABCDEFGHJKMNPQRSTVWXYZ0"));
        key.put("PK", AttributeValue.fromS("USER#u1"));
        key.put("SK", AttributeValue.fromS("TODO#01JABCDEFGHJKMNPQRSTVWXYZ0"));
        return key;
    }

    /** A real cursor of each shape: both kinds of query, unsigned and signed. */
    static Stream<Arguments> cursors() {
        return Stream.of(
                Arguments.of("table query", primaryKey(), BINDING, KEY_NAMES),
                Arguments.of("index query", indexKey(), INDEX_BINDING, INDEX_KEY_NAMES));
    }

    // ---- round trip -----------------------------------------------------------------------------------------

    @Test
    void encodeAndDecode_onManyThreadsAtOnce_agreeWithOneThread() throws Exception {
        // GIVEN one codec shared by every thread, as a handler shares it between requests
        CursorCodec codec = new CursorCodec(SECRET);
        String expected = new CursorCodec(SECRET).encode(primaryKey(), BINDING);

        // WHEN
        List<String> seen = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                results.add(threads.submit(() -> {
                    String cursor = codec.encode(primaryKey(), BINDING);
                    return codec.decode(cursor, BINDING, KEY_NAMES).equals(primaryKey()) ? cursor : "mismatch";
                }));
            }
            for (Future<String> result : results) {
                seen.add(result.get());
            }
        } finally {
            threads.shutdownNow();
        }

        // THEN
        assertThat(seen).hasSize(400).containsOnly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cursors")
    void decode_unsignedCursorOfSameQuery_returnsTheKey(String name, Map<String, AttributeValue> key, String binding,
            Set<String> keyNames) {
        // GIVEN
        CursorCodec codec = new CursorCodec(new byte[0]);
        String cursor = codec.encode(key, binding);

        // WHEN
        Map<String, AttributeValue> decoded = codec.decode(cursor, binding, keyNames);

        // THEN
        assertThat(decoded).isEqualTo(key);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cursors")
    void decode_signedCursorOfSameQuery_returnsTheKey(String name, Map<String, AttributeValue> key, String binding,
            Set<String> keyNames) {
        // GIVEN
        CursorCodec codec = new CursorCodec(SECRET);
        String cursor = codec.encode(key, binding);

        // WHEN
        Map<String, AttributeValue> decoded = codec.decode(cursor, binding, keyNames);

        // THEN
        assertThat(decoded).isEqualTo(key);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void encode_signedCursor_isSixteenBytesLongerThanUnsigned() {
        // GIVEN
        Map<String, AttributeValue> key = primaryKey();

        // WHEN
        byte[] unsigned = Base64.getUrlDecoder().decode(new CursorCodec(new byte[0]).encode(key, BINDING));
        byte[] signed = Base64.getUrlDecoder().decode(new CursorCodec(SECRET).encode(key, BINDING));

        // THEN
        assertThat(signed).hasSize(unsigned.length + 16);
        assertThat(Arrays.copyOf(signed, unsigned.length)).isEqualTo(unsigned);
    }

    @Test
    void decode_nonAsciiKeyValues_comeBackEqual() {
        // GIVEN
        CursorCodec codec = new CursorCodec(SECRET);
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("USER#\u00e9l\u00e8ve\ud83d\ude00"),
                "SK", AttributeValue.fromS(""));
        String cursor = codec.encode(key, BINDING);

        // WHEN
        Map<String, AttributeValue> decoded = codec.decode(cursor, BINDING, KEY_NAMES);

        // THEN
        assertThat(decoded).isEqualTo(key);
    }

    // ---- binding and key names ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"other-table\n\nUSER#u1\n\nasc\nTodo", "app\nGSI1\nUSER#u1\n\nasc\nTodo",
        "app\n\nUSER#u2\n\nasc\nTodo", "app\n\nUSER#u1\nbegins_with TODO#\nasc\nTodo", "app\n\nUSER#u1\n\ndesc\nTodo",
        "app\n\nUSER#u1\n\nasc\nNote", ""})
    void decode_cursorOfAnotherQuery_isRefused(String otherBinding) {
        // GIVEN
        CursorCodec codec = new CursorCodec(new byte[0]);
        String cursor = codec.encode(primaryKey(), BINDING);

        // WHEN / THEN
        assertThatThrownBy(() -> codec.decode(cursor, otherBinding, KEY_NAMES))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessage("cursor is invalid or belongs to another query");
    }

    @Test
    void decode_signedCursorOfAnotherQuery_isRefused() {
        // GIVEN
        CursorCodec codec = new CursorCodec(SECRET);
        String cursor = codec.encode(primaryKey(), BINDING);

        // WHEN / THEN
        assertThatThrownBy(() -> codec.decode(cursor, INDEX_BINDING, KEY_NAMES))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void decode_tableCursorUsedForIndexQuery_isRefusedForItsKeyNames() {
        // GIVEN: same binding, so only the key names tell the two apart
        CursorCodec codec = new CursorCodec(SECRET);
        String cursor = codec.encode(primaryKey(), BINDING);

        // WHEN / THEN
        assertThatThrownBy(() -> codec.decode(cursor, BINDING, INDEX_KEY_NAMES))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void decode_indexCursorUsedForTableQuery_isRefusedForItsKeyNames() {
        // GIVEN
        CursorCodec codec = new CursorCodec(new byte[0]);
        String cursor = codec.encode(indexKey(), BINDING);

        // WHEN / THEN
        assertThatThrownBy(() -> codec.decode(cursor, BINDING, KEY_NAMES))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void decode_keyWithOtherAttributeNames_isRefused() {
        // GIVEN
        CursorCodec codec = new CursorCodec(new byte[0]);
        String cursor = codec.encode(Map.of("PK", AttributeValue.fromS("USER#u1"),
                "email", AttributeValue.fromS("a@b.c")), BINDING);

        // WHEN / THEN
        assertThatThrownBy(() -> codec.decode(cursor, BINDING, KEY_NAMES))
                .isInstanceOf(InvalidCursorException.class);
    }

    // ---- secrets --------------------------------------------------------------------------------------------

    @Test
    void decode_signedCursorWithAnotherSecret_isRefused() {
        // GIVEN
        String cursor = new CursorCodec(SECRET).encode(primaryKey(), BINDING);
        CursorCodec other = new CursorCodec(OTHER_SECRET);

        // WHEN / THEN
        assertThatThrownBy(() -> other.decode(cursor, BINDING, KEY_NAMES))
                .isInstanceOf(InvalidCursorException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cursors")
    void decode_unsignedCursorBySignedCodec_isRefused(String name, Map<String, AttributeValue> key, String binding,
            Set<String> keyNames) {
        // GIVEN
        String cursor = new CursorCodec(new byte[0]).encode(key, binding);
        CursorCodec signed = new CursorCodec(SECRET);

        // WHEN / THEN
        assertThatThrownBy(() -> signed.decode(cursor, binding, keyNames))
                .isInstanceOf(InvalidCursorException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cursors")
    void decode_signedCursorByUnsignedCodec_isRefused(String name, Map<String, AttributeValue> key, String binding,
            Set<String> keyNames) {
        // GIVEN
        String cursor = new CursorCodec(SECRET).encode(key, binding);
        CursorCodec unsigned = new CursorCodec(new byte[0]);

        // WHEN / THEN
        assertThatThrownBy(() -> unsigned.decode(cursor, binding, keyNames))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void constructor_copiesTheSecret() {
        // GIVEN
        byte[] secret = SECRET.clone();
        CursorCodec codec = new CursorCodec(secret);
        String cursor = codec.encode(primaryKey(), BINDING);

        // WHEN
        Arrays.fill(secret, (byte) 0);

        // THEN
        assertThat(codec.decode(cursor, BINDING, KEY_NAMES)).isEqualTo(primaryKey());
    }

    // ---- single-character changes ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("cursors")
    void decode_signedCursorWithAnySingleCharacterChanged_isRefused(String name, Map<String, AttributeValue> key,
            String binding, Set<String> keyNames) {
        // GIVEN
        CursorCodec codec = new CursorCodec(SECRET);
        String cursor = codec.encode(key, binding);

        // WHEN
        List<String> accepted = new ArrayList<>();
        for (int position = 0; position < cursor.length(); position++) {
            for (char replacement : BASE64URL.toCharArray()) {
                if (replacement == cursor.charAt(position)) {
                    continue;
                }
                String altered = replace(cursor, position, replacement);
                try {
                    Map<String, AttributeValue> decoded = codec.decode(altered, binding, keyNames);
                    accepted.add("position " + position + " of " + cursor.length() + ": '" + cursor.charAt(position)
                            + "' -> '" + replacement + "' decoded to " + (decoded.equals(key) ? "the same key"
                            : "another key"));
                } catch (InvalidCursorException expected) {
                    // refused, as it should be
                }
            }
        }

        // THEN
        assertThat(accepted).as("single-character changes a signed codec accepted").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cursors")
    void decode_unsignedCursorWithAnySingleCharacterChanged_isRefusedOrReadsAnotherKeyOfTheSameQuery(String name,
            Map<String, AttributeValue> key, String binding, Set<String> keyNames) {
        // GIVEN
        CursorCodec codec = new CursorCodec(new byte[0]);
        String cursor = codec.encode(key, binding);
        byte[] original = Base64.getUrlDecoder().decode(cursor);

        // WHEN
        List<String> wronglyAccepted = new ArrayList<>();
        int refused = 0;
        int acceptedAsAnotherKey = 0;
        for (int position = 0; position < cursor.length(); position++) {
            for (char replacement : BASE64URL.toCharArray()) {
                if (replacement == cursor.charAt(position)) {
                    continue;
                }
                String altered = replace(cursor, position, replacement);
                Map<String, AttributeValue> decoded;
                try {
                    decoded = codec.decode(altered, binding, keyNames);
                } catch (InvalidCursorException expected) {
                    refused++;
                    continue;
                }
                // Unsigned cursors carry no MAC, so a changed key is acceptable, but only when the format byte
                // and the binding digest (the first 12 characters) still match the query, and the key did change.
                byte[] alteredBytes = Base64.getUrlDecoder().decode(altered);
                boolean bindingIntact = position >= BINDING_CHARS
                        && Arrays.equals(Arrays.copyOf(alteredBytes, 9), Arrays.copyOf(original, 9));
                if (bindingIntact && !decoded.equals(key) && decoded.keySet().equals(keyNames)) {
                    acceptedAsAnotherKey++;
                } else {
                    wronglyAccepted.add("position " + position + " of " + cursor.length() + ": '"
                            + cursor.charAt(position) + "' -> '" + replacement + "' decoded to "
                            + (decoded.equals(key) ? "the same key" : "another key")
                            + (bindingIntact ? "" : " with the binding changed"));
                }
            }
        }

        // THEN
        assertThat(wronglyAccepted).as("single-character changes an unsigned codec wrongly accepted").isEmpty();
        assertThat(refused).as("refused changes").isGreaterThanOrEqualTo(BINDING_CHARS * 63);
        assertThat(acceptedAsAnotherKey).as("changes read as another key").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cursors")
    void decode_unsignedCursorWithBindingCharacterChanged_isRefused(String name, Map<String, AttributeValue> key,
            String binding, Set<String> keyNames) {
        // GIVEN
        CursorCodec codec = new CursorCodec(new byte[0]);
        String cursor = codec.encode(key, binding);

        // WHEN
        List<String> accepted = new ArrayList<>();
        for (int position = 0; position < BINDING_CHARS; position++) {
            for (char replacement : BASE64URL.toCharArray()) {
                if (replacement != cursor.charAt(position)) {
                    try {
                        codec.decode(replace(cursor, position, replacement), binding, keyNames);
                        accepted.add(position + ":" + replacement);
                    } catch (InvalidCursorException expected) {
                        // refused, as it should be
                    }
                }
            }
        }

        // THEN
        assertThat(accepted).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cursors")
    void decode_truncatedSignedCursor_isRefused(String name, Map<String, AttributeValue> key, String binding,
            Set<String> keyNames) {
        // GIVEN
        CursorCodec codec = new CursorCodec(SECRET);
        String cursor = codec.encode(key, binding);

        // WHEN
        List<Integer> acceptedLengths = new ArrayList<>();
        for (int length = 1; length < cursor.length(); length++) {
            try {
                codec.decode(cursor.substring(0, length), binding, keyNames);
                acceptedLengths.add(length);
            } catch (InvalidCursorException expected) {
                // refused, as it should be
            }
        }

        // THEN
        assertThat(acceptedLengths).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cursors")
    void decode_signedCursorWithCharactersAppended_isRefused(String name, Map<String, AttributeValue> key,
            String binding, Set<String> keyNames) {
        // GIVEN
        CursorCodec codec = new CursorCodec(SECRET);
        String cursor = codec.encode(key, binding);

        // WHEN
        List<String> acceptedSuffixes = new ArrayList<>();
        for (String suffix : List.of("A", "AA", "AAA", "AAAA", "_", "=", "==", "A=", "A==")) {
            try {
                codec.decode(cursor + suffix, binding, keyNames);
                acceptedSuffixes.add(suffix);
            } catch (InvalidCursorException expected) {
                // refused, as it should be
            }
        }

        // THEN
        assertThat(acceptedSuffixes).as("suffixes a signed codec accepted after a %d-character cursor",
                cursor.length()).isEmpty();
    }

    // ---- garbage --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "AA", "AAAA", "not a cursor", "!!!!", "AQ==", "====", "QUFBQUFBQUFBQUFB",
        "eyJQSyI6IlVTRVIjdTEifQ", "AQAAAAAAAAAAAA", "%41%42", "AAAA\n", "\u00e9\u00e9\u00e9\u00e9"})
    void decode_garbage_isRefused(String garbage) {
        // GIVEN
        CursorCodec unsigned = new CursorCodec(new byte[0]);
        CursorCodec signed = new CursorCodec(SECRET);

        // WHEN / THEN
        assertThatThrownBy(() -> unsigned.decode(garbage, BINDING, KEY_NAMES))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> signed.decode(garbage, BINDING, KEY_NAMES))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void decode_hugeCursor_isRefused() {
        // GIVEN
        CursorCodec codec = new CursorCodec(new byte[0]);
        String huge = "A".repeat(1_000_000);

        // WHEN / THEN
        assertThatThrownBy(() -> codec.decode(huge, BINDING, KEY_NAMES))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void decode_cursorWithLongKeyJustOverTheLimit_isRefused() {
        // GIVEN
        CursorCodec codec = new CursorCodec(new byte[0]);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("PK", AttributeValue.fromS("USER#u1"));
        key.put("SK", AttributeValue.fromS("x".repeat(3100)));
        String cursor = codec.encode(key, BINDING);

        // WHEN / THEN
        assertThat(cursor.length()).isGreaterThan(4096);
        assertThatThrownBy(() -> codec.decode(cursor, BINDING, KEY_NAMES))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void decode_cursorWithLongKeyJustUnderTheLimit_isAccepted() {
        // GIVEN
        CursorCodec codec = new CursorCodec(new byte[0]);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("PK", AttributeValue.fromS("USER#u1"));
        key.put("SK", AttributeValue.fromS("x".repeat(3000)));
        String cursor = codec.encode(key, BINDING);

        // WHEN
        Map<String, AttributeValue> decoded = codec.decode(cursor, BINDING, KEY_NAMES);

        // THEN
        assertThat(cursor.length()).isLessThanOrEqualTo(4096);
        assertThat(decoded).isEqualTo(key);
    }

    private static String replace(String text, int position, char replacement) {
        char[] chars = text.toCharArray();
        chars[position] = replacement;
        return new String(chars);
    }
}

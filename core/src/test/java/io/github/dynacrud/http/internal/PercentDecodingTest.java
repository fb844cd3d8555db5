package io.github.dynacrud.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PercentDecodingTest {

    static Stream<Arguments> pathSegments() {
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("", ""),
                Arguments.of("a%20b", "a b"),
                Arguments.of("a+b", "a+b"),
                Arguments.of("a%2Bb", "a+b"),
                Arguments.of("%2F", "/"),
                Arguments.of("%2f", "/"),
                Arguments.of("%252F", "%2F"),
                Arguments.of("%25", "%"),
                Arguments.of("caf%C3%A9", "café"),
                Arguments.of("caf%c3%a9", "café"),
                Arguments.of("café", "café"),
                Arguments.of("café%20x", "café x"),
                Arguments.of("%F0%9F%98%80", "\uD83D\uDE00"),
                Arguments.of("\uD83D\uDE00%21", "\uD83D\uDE00!"),
                Arguments.of("%41%42%43", "ABC"),
                Arguments.of("%00", "\u0000"));
    }

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @MethodSource("pathSegments")
    void decode_validSegment_decodesOnceKeepingPlus(String encoded, String decoded) {
        // GIVEN / WHEN
        Optional<String> result = PercentDecoding.decode(encoded);

        // THEN
        assertThat(result).contains(decoded);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"%", "%2", "a%", "a%4", "%zz", "%g0", "%0g", "% 20", "%-1", "%E9", "caf%E9",
            "%C3", "%C3%28", "%C0%AF", "%ED%A0%80", "%FF", "%F8%88%80%80%80",
            // Unicode digits are not hex digits: Character.digit would accept these fullwidth forms
            "%\uFF12\uFF26", "%\u0662\u0660"})
    void decode_malformedEscapeOrInvalidUtf8_isEmpty(String encoded) {
        // GIVEN / WHEN
        Optional<String> result = PercentDecoding.decode(encoded);

        // THEN
        assertThat(result).isEmpty();
    }

    static Stream<Arguments> queryValues() {
        return Stream.of(
                Arguments.of("a+b", "a b"),
                Arguments.of("a%2Bb", "a+b"),
                Arguments.of("a%20b", "a b"),
                Arguments.of("plain", "plain"),
                Arguments.of("++", "  "),
                Arguments.of("%252B", "%2B"),
                Arguments.of("caf%C3%A9+au+lait", "café au lait"));
    }

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @MethodSource("queryValues")
    void decodeQuery_validValue_decodesOnceWithPlusAsSpace(String encoded, String decoded) {
        // GIVEN / WHEN
        Optional<String> result = PercentDecoding.decodeQuery(encoded);

        // THEN
        assertThat(result).contains(decoded);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"a+%zz", "%E9+", "+%", "%C0%AF"})
    void decodeQuery_malformedValue_isEmpty(String encoded) {
        // GIVEN / WHEN
        Optional<String> result = PercentDecoding.decodeQuery(encoded);

        // THEN
        assertThat(result).isEmpty();
    }
}

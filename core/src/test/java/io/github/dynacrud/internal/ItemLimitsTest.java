package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.dynacrud.ValidationException;
import io.github.dynacrud.ValidationException.Violation;
import io.github.dynacrud.entity.KeyTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemLimitsTest {
    private static List<Violation> violations(Map<String, AttributeValue> item) {
        return assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> ItemLimits.checkItem(item))
                .actual().violations();
    }

    private static AttributeValue nestedMaps(int levels) {
        AttributeValue value = AttributeValue.fromS("v");
        for (int i = 0; i < levels; i++) {
            value = AttributeValue.fromM(Map.of("m", value));
        }
        return value;
    }

    @Test
    void size_countsNamesAndValuesAsDynamoDbDocumentsThem() {
        // GIVEN: "s" 1+3, "n" 1+(3 digits -> 2)+1, "b" 1+1, "l" 1+3+(1+1)+(1+1), "m" 1+3+(1+1+2), "é" 2+1
        Map<String, AttributeValue> item = Map.of(
                "s", AttributeValue.fromS("abc"),
                "n", AttributeValue.fromN("12.300"),
                "b", AttributeValue.fromBool(true),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromBool(false))),
                "m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("vv"))),
                "\u00e9", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[1])));

        // WHEN
        long size = ItemLimits.size(item);

        // THEN
        assertThat(size).isEqualTo(4 + 4 + 2 + 8 + 8 + 3);
    }

    @Test
    void checkItem_exactly400KiB_passes_oneByteMore_namesTheLargestAttribute() {
        // GIVEN: PK and SK of 3 bytes each, "text" of 4 + n
        int fits = ItemLimits.MAX_ITEM_BYTES - 6 - 4;
        Map<String, AttributeValue> exact = Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("b"),
                "text", AttributeValue.fromS("x".repeat(fits)));
        Map<String, AttributeValue> over = Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("b"),
                "text", AttributeValue.fromS("x".repeat(fits + 1)));

        // WHEN / THEN
        assertThatCode(() -> ItemLimits.checkItem(exact)).doesNotThrowAnyException();
        assertThat(violations(over)).containsExactly(new Violation("text", ItemLimits.SIZE_MESSAGE));
    }

    @Test
    void checkItem_multiByteText_isMeasuredInUtf8Bytes() {
        // GIVEN: 140,000 characters of 3 bytes each: 420,000 bytes
        Map<String, AttributeValue> item = Map.of("text", AttributeValue.fromS("\u20ac".repeat(140_000)));

        // WHEN / THEN
        assertThat(violations(item)).containsExactly(new Violation("text", ItemLimits.SIZE_MESSAGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e200", "1E+126", "1E-131", "-1e-200", "1234567890123456789012345678901234567890",
        "1.0E200", "Infinity", "NaN", "1e9999999999"})
    void checkItem_numberDynamoDbCannotHold_namesTheAttribute(String number) {
        // GIVEN
        Map<String, AttributeValue> item = Map.of("amount", AttributeValue.fromN(number));

        // WHEN / THEN
        assertThat(violations(item)).containsExactly(new Violation("amount", ItemLimits.NUMBER_MESSAGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "0.000", "1E-130", "9.9999999999999999999999999999999999999E+125",
        "-9.9999999999999999999999999999999999999E+125", "12345678901234567890123456789012345678000000",
        "1.4E-45", "1.7976931348623157E125", "9223372036854775807"})
    void checkItem_numberDynamoDbHolds_passes(String number) {
        // GIVEN
        Map<String, AttributeValue> item = Map.of("amount", AttributeValue.fromN(number));

        // WHEN / THEN
        assertThatCode(() -> ItemLimits.checkItem(item)).doesNotThrowAnyException();
    }

    @Test
    void checkItem_nestedNumbersAndNumberSets_areCheckedToo() {
        // GIVEN
        Map<String, AttributeValue> item = Map.of(
                "list", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("x", AttributeValue.fromN("1e200"))))),
                "set", AttributeValue.fromNs(List.of("1", "1e-300")),
                "twice", AttributeValue.fromNs(List.of("1.0", "1.00")));

        // WHEN / THEN
        assertThat(violations(item)).containsExactlyInAnyOrder(
                new Violation("list", ItemLimits.NUMBER_MESSAGE),
                new Violation("set", ItemLimits.NUMBER_MESSAGE),
                new Violation("twice", "must not hold the same number twice"));
    }

    @Test
    void checkItem_31NestedContainers_pass_32Fail() {
        // GIVEN: the item is the first level, so an attribute holds at most 31 nested maps or lists
        Map<String, AttributeValue> deepest = Map.of("deep", nestedMaps(31));
        AttributeValue lists = AttributeValue.fromS("v");
        for (int i = 0; i < 32; i++) {
            lists = AttributeValue.fromL(List.of(lists));
        }

        // WHEN / THEN
        assertThatCode(() -> ItemLimits.checkItem(deepest)).doesNotThrowAnyException();
        assertThat(violations(Map.of("deep", nestedMaps(32), "lists", lists))).containsExactlyInAnyOrder(
                new Violation("deep", "must not nest deeper than DynamoDB's 32 levels"),
                new Violation("lists", "must not nest deeper than DynamoDB's 32 levels"));
    }

    @Test
    void checkItem_emptySetsAndEmptyMapKeys_areRefused_emptyStringsAreNot() {
        // GIVEN
        Map<String, AttributeValue> item = Map.of(
                "labels", AttributeValue.fromM(Map.of("inner", AttributeValue.fromSs(List.of()))),
                "numbers", AttributeValue.fromNs(List.of()),
                "attributes", AttributeValue.fromM(Map.of("", AttributeValue.fromS("v"))),
                "note", AttributeValue.fromS(""));

        // WHEN / THEN
        assertThat(violations(item)).containsExactlyInAnyOrder(
                new Violation("labels", "must not be an empty set"),
                new Violation("numbers", "must not be an empty set"),
                new Violation("attributes", "must not have an empty key"));
    }

    @Test
    void checkKey_measuresUtf8Bytes_andNamesEveryPlaceholder() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("A#{a}#{b}");
        String fits = "\u00e9".repeat(511) + "x";
        String over = "\u00e9".repeat(512) + "x";

        // WHEN / THEN
        assertThat(ItemLimits.checkKey(template, fits, ItemLimits.MAX_SORT_KEY_BYTES)).isEqualTo(fits);
        assertThat(assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> ItemLimits.checkKey(template, over, ItemLimits.MAX_SORT_KEY_BYTES))
                .actual().violations()).containsExactly(
                new Violation("a", "makes a key longer than DynamoDB's limit of 1024 bytes"),
                new Violation("b", "makes a key longer than DynamoDB's limit of 1024 bytes"));
    }

    @Test
    void utf8Length_countsEachEncodingWidth() {
        // GIVEN / WHEN / THEN: 1, 2, 3 and 4 bytes, and an unpaired surrogate as 3
        assertThat(ItemLimits.utf8Length("a\u00e9\u20ac\ud83d\ude00\ud800")).isEqualTo(1 + 2 + 3 + 4 + 3);
    }
}

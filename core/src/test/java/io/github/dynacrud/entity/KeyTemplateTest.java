package io.github.dynacrud.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynacrud.ValidationException;
import io.github.dynacrud.ValidationException.Violation;
import io.github.dynacrud.entity.KeyTemplate.Segment;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTemplateTest {

    /** An enum whose {@code toString} differs from its name, so rendering by name is observable. */
    enum Status {
        OPEN {
            @Override
            public String toString() {
                return "open (not done)";
            }
        }
    }

    private record Point(int x, int y) {
    }

    // ---- parse and attributes -------------------------------------------------------------------------------

    @Test
    void parse_literalsAndPlaceholders_keepsSegmentsInOrder() {
        // GIVEN
        String pattern = "DONE#{done}#{id}";

        // WHEN
        KeyTemplate template = KeyTemplate.parse(pattern);

        // THEN
        assertThat(template.pattern()).isEqualTo("DONE#{done}#{id}");
        assertThat(template.segments()).containsExactly(
                new Segment("DONE", null), new Segment(null, "done"), new Segment(null, "id"));
        assertThat(template.attributes()).containsExactly("done", "id");
        assertThat(template).hasToString("DONE#{done}#{id}");
    }

    @Test
    void parse_everyAllowedLiteralCharacterAndPlaceholderName_isAccepted() {
        // GIVEN
        String pattern = "a-Z_0.9:x#{_private$1}";

        // WHEN
        KeyTemplate template = KeyTemplate.parse(pattern);

        // THEN
        assertThat(template.segments()).containsExactly(new Segment("a-Z_0.9:x", null),
                new Segment(null, "_private$1"));
    }

    @Test
    void attributes_literalOnlyTemplate_isEmpty() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("PROFILE");

        // WHEN
        List<String> attributes = template.attributes();

        // THEN
        assertThat(attributes).isEmpty();
        assertThat(template.segments()).containsExactly(new Segment("PROFILE", null));
    }

    static Stream<Arguments> invalidTemplates() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("USER#", ""),
                Arguments.of("#{id}", ""),
                Arguments.of("USER##{id}", ""),
                Arguments.of("USER#{owner id}", "{owner id}"),
                Arguments.of("USER#{a}{b}", "{a}{b}"),
                Arguments.of("USER#x{id}", "x{id}"),
                Arguments.of("USER#{}", "{}"),
                Arguments.of("USER#{1id}", "{1id}"),
                Arguments.of("USER#{id", "{id"),
                Arguments.of("USER#id}", "id}"),
                Arguments.of("USER/{id}", "USER/{id}"),
                Arguments.of("USER#{id}#caf\u00e9", "caf\u00e9"),
                Arguments.of("USER# {id}", " {id}"));
    }

    @ParameterizedTest
    @MethodSource("invalidTemplates")
    void parse_invalidSegment_namesTheTemplateAndTheSegment(String pattern, String offending) {
        // GIVEN
        String expected = "key template '" + pattern + "' has an invalid segment '" + offending
                + "': use letters, digits, '_', '.', ':' or '-', or one {attribute} per segment";

        // WHEN / THEN
        assertThatThrownBy(() -> KeyTemplate.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected);
    }

    @Test
    void parse_emptySegmentBetweenSeparators_namesTheEmptySegment() {
        // GIVEN
        String pattern = "USER##{id}";

        // WHEN / THEN
        assertThatThrownBy(() -> KeyTemplate.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key template 'USER##{id}' has an invalid segment '': use letters, digits, '_', '.',"
                        + " ':' or '-', or one {attribute} per segment");
    }

    @Test
    void parse_null_isRefused() {
        // GIVEN
        String pattern = null;

        // WHEN / THEN
        assertThatThrownBy(() -> KeyTemplate.parse(pattern))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key template");
    }

    @Test
    void constructor_noSegments_namesTheTemplate() {
        // GIVEN
        List<Segment> segments = List.of();

        // WHEN / THEN
        assertThatThrownBy(() -> new KeyTemplate("EMPTY", segments))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key template 'EMPTY' has no segments");
    }

    @Test
    void segment_bothOrNeitherPart_isRefused() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> new Segment("A", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a segment is either a literal or a placeholder");
        assertThatThrownBy(() -> new Segment(null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a segment is either a literal or a placeholder");
    }

    // ---- literalPrefix, render, renderPrefix ----------------------------------------------------------------

    @Test
    void literalPrefix_literalThenPlaceholder_endsWithSeparator() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("TODO#{id}");

        // WHEN
        String prefix = template.literalPrefix();

        // THEN
        assertThat(prefix).isEqualTo("TODO#");
    }

    @Test
    void literalPrefix_severalLiteralsBeforeFirstPlaceholder_keepsThemAll() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("ORG#acme#USER#{id}#TAIL");

        // WHEN
        String prefix = template.literalPrefix();

        // THEN
        assertThat(prefix).isEqualTo("ORG#acme#USER#");
    }

    @Test
    void literalPrefix_noPlaceholder_isTheWholeKeyWithoutTrailingSeparator() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("USER#PROFILE");

        // WHEN
        String prefix = template.literalPrefix();

        // THEN
        assertThat(prefix).isEqualTo("USER#PROFILE");
    }

    @Test
    void literalPrefix_startsWithPlaceholder_isEmpty() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("{id}#TODO");

        // WHEN
        String prefix = template.literalPrefix();

        // THEN
        assertThat(prefix).isEmpty();
    }

    @Test
    void render_everyValuePresent_joinsSegmentsWithoutTrailingSeparator() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("DONE#{done}#{id}");

        // WHEN
        String key = template.render(Map.of("done", "true", "id", "01J"));

        // THEN
        assertThat(key).isEqualTo("DONE#true#01J");
    }

    @Test
    void render_templateEndingWithLiteral_endsWithThatLiteral() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("USER#{id}#PROFILE");

        // WHEN
        String key = template.render(Map.of("id", "u1"));

        // THEN
        assertThat(key).isEqualTo("USER#u1#PROFILE");
    }

    @Test
    void render_ignoresValuesTheTemplateDoesNotName() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("USER#{ownerId}");

        // WHEN
        String key = template.render(Map.of("ownerId", "u1", "title", "x"));

        // THEN
        assertThat(key).isEqualTo("USER#u1");
    }

    @Test
    void render_missingValue_namesTheTemplateAndTheAttribute() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("DONE#{done}#{id}");

        // WHEN / THEN
        assertThatThrownBy(() -> template.render(Map.of("done", "true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key template 'DONE#{done}#{id}' needs a value for 'id'");
    }

    @Test
    void render_nullValue_namesTheAttribute() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("DONE#{done}#{id}");
        Map<String, String> values = new java.util.HashMap<>();
        values.put("done", null);
        values.put("id", "01J");

        // WHEN / THEN
        assertThatThrownBy(() -> template.render(values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key template 'DONE#{done}#{id}' needs a value for 'done'");
    }

    @Test
    void renderPrefix_firstPlaceholderOnly_endsWithSeparator() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("DONE#{done}#{id}");

        // WHEN
        String prefix = template.renderPrefix(Map.of("done", "true"));

        // THEN
        assertThat(prefix).isEqualTo("DONE#true#");
    }

    @Test
    void renderPrefix_laterValueWithoutEarlierOne_stopsAtFirstMissingPlaceholder() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("DONE#{done}#{id}");

        // WHEN
        String prefix = template.renderPrefix(Map.of("id", "01J"));

        // THEN
        assertThat(prefix).isEqualTo("DONE#");
    }

    @Test
    void renderPrefix_everyValuePresent_isTheFullKey() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("DONE#{done}#{id}");

        // WHEN
        String prefix = template.renderPrefix(Map.of("done", "false", "id", "01J"));

        // THEN
        assertThat(prefix).isEqualTo("DONE#false#01J").isEqualTo(template.render(Map.of("done", "false",
                "id", "01J")));
    }

    @Test
    void renderPrefix_partialValue_doesNotMatchLongerValue() {
        // GIVEN
        KeyTemplate template = KeyTemplate.parse("DONE#{done}#{id}");
        String stored = template.render(Map.of("done", "trueish", "id", "01J"));

        // WHEN
        String prefix = template.renderPrefix(Map.of("done", "true"));

        // THEN
        assertThat(stored).doesNotStartWith(prefix);
        assertThat(template.render(Map.of("done", "true", "id", "01J"))).startsWith(prefix);
    }

    // ---- KeyParts -------------------------------------------------------------------------------------------

    @Test
    void check_null_namesTheField() {
        // GIVEN
        Object value = null;

        // WHEN / THEN
        assertThatThrownBy(() -> KeyParts.check("ownerId", value))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).containsExactly(new Violation("ownerId", "must not be null"));
                    assertThat(e.status()).isEqualTo(422);
                })
                .hasMessage("ownerId: must not be null");
    }

    @Test
    void check_empty_namesTheField() {
        // GIVEN
        String value = "";

        // WHEN / THEN
        assertThatThrownBy(() -> KeyParts.check("id", value))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("id", "must not be empty")))
                .hasMessage("id: must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "a#b", "u1#TODO", "#start", "end#"})
    void check_containsSeparator_namesTheField(String value) {
        // GIVEN
        String field = "id";

        // WHEN / THEN
        assertThatThrownBy(() -> KeyParts.check(field, value))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("id", "must not contain '#'")))
                .hasMessage("id: must not contain '#'");
    }

    @Test
    void check_over256Characters_namesTheField() {
        // GIVEN
        String value = "a".repeat(257);

        // WHEN / THEN
        assertThatThrownBy(() -> KeyParts.check("email", value))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("email", "must be at most 256 bytes in UTF-8")))
                .hasMessage("email: must be at most 256 bytes in UTF-8");
    }

    @Test
    void check_exactly256Characters_isAccepted() {
        // GIVEN
        String value = "a".repeat(256);

        // WHEN
        String part = KeyParts.check("email", value);

        // THEN
        assertThat(part).isEqualTo(value).hasSize(KeyParts.MAX_LENGTH);
    }

    @Test
    void check_multiByteText_isMeasuredInUtf8Bytes() {
        // GIVEN 128 two-byte characters fit exactly; 86 three-byte ones (258 bytes) do not
        String fits = "\u00e9".repeat(128);
        String over = "\u20ac".repeat(86);

        // WHEN / THEN
        assertThat(KeyParts.check("email", fits)).isEqualTo(fits);
        assertThatThrownBy(() -> KeyParts.check("email", over))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("email", "must be at most 256 bytes in UTF-8")));
    }

    @Test
    void check_bigDecimal_isRenderedPlainly() {
        // GIVEN
        BigDecimal scientific = new BigDecimal("1E+3");
        BigDecimal withScale = new BigDecimal("12.50");

        // WHEN
        String plain = KeyParts.check("amount", scientific);
        String scaled = KeyParts.check("amount", withScale);

        // THEN
        assertThat(scientific.toString()).isEqualTo("1E+3");
        assertThat(plain).isEqualTo("1000");
        // as DynamoDB stores the number, so a key part and the stored value never differ
        assertThat(scaled).isEqualTo("12.5");
    }

    @Test
    void check_instantsOfAnyPrecision_sortInTimeOrder() {
        // GIVEN instants in time order, with 0, 3, 6 and 9 fraction digits in Instant.toString
        List<Instant> times = List.of(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-01-02T03:04:05.000000001Z"), Instant.parse("2026-01-02T03:04:05.000001Z"),
                Instant.parse("2026-01-02T03:04:05.5Z"), Instant.parse("2026-01-02T03:04:05.999999999Z"),
                Instant.parse("2026-01-02T03:04:06Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"));

        // WHEN
        List<String> parts = times.stream().map(time -> KeyParts.check("at", time)).toList();

        // THEN
        assertThat(parts).isSorted().doesNotHaveDuplicates()
                .allSatisfy(part -> assertThat(part).hasSize("2026-01-02T03:04:05.000000000Z".length()));
        assertThat(parts.get(4)).isEqualTo("2026-01-02T03:04:05.500000000Z");
    }

    @Test
    void check_instantOutsideFourDigitYears_isRefused() {
        // GIVEN instants whose ISO form has a sign, which would sort before year 0000
        List<Instant> times = List.of(Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T00:00:00Z"));

        // WHEN / THEN
        assertThat(times).allSatisfy(time -> assertThatThrownBy(() -> KeyParts.check("at", time))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("at", "must be in the years 0000 to 9999"))));
    }

    @Test
    void check_intsAndLongs_sortNumerically_negativesIncluded() {
        // GIVEN numbers in order
        List<Long> numbers = List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1_000_000_000_000L,
                (long) Integer.MIN_VALUE, -10L, -9L, -1L, 0L, 1L, 9L, 10L, (long) Integer.MAX_VALUE, Long.MAX_VALUE);

        // WHEN
        List<String> parts = numbers.stream().map(number -> KeyParts.check("n", number)).toList();

        // THEN: in string order too, and an int renders as the long of the same value
        assertThat(parts).isSorted().doesNotHaveDuplicates();
        assertThat(KeyParts.check("n", -10)).isEqualTo(parts.get(4));
        assertThat(KeyParts.check("n", Integer.MAX_VALUE)).isEqualTo(parts.get(11));
        assertThat(parts.get(0)).isEqualTo("-0000000000000000000");
        assertThat(parts.get(12)).isEqualTo("9223372036854775807");
    }

    @Test
    void check_enumWithCustomToString_isRenderedByName() {
        // GIVEN
        Status value = Status.OPEN;

        // WHEN
        String part = KeyParts.check("status", value);

        // THEN
        assertThat(value.toString()).isEqualTo("open (not done)");
        assertThat(part).isEqualTo("OPEN");
    }

    @Test
    void check_otherScalars_areRenderedWithToString() {
        // GIVEN
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        LocalDate day = LocalDate.of(2026, 2, 3);

        // WHEN / THEN
        assertThat(KeyParts.check("at", at)).isEqualTo("2026-01-02T03:04:05.000000000Z");
        assertThat(KeyParts.check("day", day)).isEqualTo("2026-02-03");
        assertThat(KeyParts.check("done", true)).isEqualTo("true");
        assertThat(KeyParts.check("count", 7)).isEqualTo("0000000000000000007");
        assertThat(KeyParts.check("count", -7)).isEqualTo("-9223372036854775801");
        assertThat(KeyParts.check("big", 9_007_199_254_740_993L)).isEqualTo("0009007199254740993");
        assertThat(KeyParts.check("id", "01J")).isEqualTo("01J");
    }

    @Test
    void isKeyType_scalarsAndEnums_areKeyTypes() {
        // GIVEN
        List<Class<?>> types = List.of(String.class, Boolean.class, boolean.class, Integer.class, int.class,
                Long.class, long.class, BigDecimal.class, LocalDate.class, Instant.class, Status.class);

        // WHEN / THEN
        assertThat(types).allSatisfy(type -> assertThat(KeyParts.isKeyType(type)).as(type.getName()).isTrue());
    }

    @Test
    void isKeyType_floatsCollectionsAndRecords_areNotKeyTypes() {
        // GIVEN
        List<Class<?>> types = List.of(double.class, Double.class, float.class, short.class, Short.class,
                Object.class, List.class, Set.class, Map.class, Point.class, java.time.LocalDateTime.class,
                java.math.BigInteger.class, byte[].class, char.class);

        // WHEN / THEN
        assertThat(types).allSatisfy(type -> assertThat(KeyParts.isKeyType(type)).as(type.getName()).isFalse());
    }
}

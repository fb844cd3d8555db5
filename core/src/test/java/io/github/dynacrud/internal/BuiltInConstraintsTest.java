package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.ValidationException.Violation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltInConstraintsTest {
    /** Every constraint and type the built-in checks take, with bounds at their edges. */
    record Checked(@NotBlank @Size(min = 2, max = 5) String name, @NotEmpty List<String> tags,
            @Size(max = 2) Map<String, String> labels, @Min(1) @Max(10) int rank, @Min(-5) Long offset,
            @NotNull Boolean flag, @Max(3) short small, @Deprecated String free) {
    }

    /**
     * An accessor of its own, which answers something other than the field, with a constraint of its own, which
     * Hibernate Validator does not check: {@code code()} is not a getter's name.
     */
    record OwnAccessor(@Size(max = 3) String code) {
        @Override
        @NotBlank
        public String code() {
            return code == null ? null : code.trim();
        }
    }

    record CustomMessage(@NotBlank(message = "say something") String text) {
    }

    record InGroup(@NotBlank(groups = Marker.class) String text) {
    }

    interface Marker {
    }

    /**
     * Expressions whose text holds what message interpolation treats specially ({@code {}}, {@code $}, {@code \\},
     * quotes, EL), with flags.
     */
    record Patterned(@Pattern(regexp = "[a-z]+") String word,
            @Pattern(regexp = "^\\d{3}-\\d{4}$") String phone,
            @Pattern(regexp = "\\$\\{[a-z]+\\}|#\\{x\\}") String expression,
            @Pattern(regexp = "[{}\\\\\"']+") String specials,
            @Pattern(regexp = "ab+c", flags = {Pattern.Flag.CASE_INSENSITIVE, Pattern.Flag.COMMENTS}) String flagged,
            @NotBlank @Pattern(regexp = ".*\\S.*", flags = Pattern.Flag.DOTALL) @Size(max = 4) String combined) {
    }

    record BadExpression(@Pattern(regexp = "[a-") String text) {
    }

    record PatternOnNumber(@Pattern(regexp = "[0-9]+") Integer count) {
    }

    record PatternWithMessage(@Pattern(regexp = "[a-z]+", message = "lower case only") String text) {
    }

    record EmailConstraint(@Email String email) {
    }

    record Cascaded(@Valid Checked inner) {
    }

    record OnElements(List<@NotBlank String> tags) {
    }

    record SizeOfNumber(@Size(max = 3) Integer count) {
    }

    record BadBounds(@Size(min = 3, max = 1) String text) {
    }

    record MinOfDecimal(@Min(1) Double amount) {
    }

    record ConstrainedGetter(String text) {
        @NotNull
        public String shout() {
            return text == null ? null : text.toUpperCase(java.util.Locale.ROOT);
        }
    }

    interface Named {
        @NotBlank
        String name();
    }

    record FromInterface(String name) implements Named {
    }

    record OnArray(@NotEmpty String[] names) {
    }

    /** A getter's name, whose constraints Hibernate Validator checks as the property {@code ready}'s. */
    record GetterNamedAccessor(@NotNull Boolean isReady) {
    }

    record Unconstrained(String id, int count, @Deprecated List<String> tags) {
    }

    @Test
    @SuppressWarnings("unchecked") // the values are picked from lists of the components' types
    void violations_everyCombinationOfValues_matchHibernateValidatorExactly() {
        // GIVEN values on both sides of each bound, cycled through so that many combinations meet
        List<?> names = Arrays.asList(null, "", " ", "\u2003", "a", "ab", "abcde", "abcdef", " x ");
        List<?> tags = Arrays.asList(null, List.of(), List.of("x"));
        List<?> labels = Arrays.asList(null, Map.of(), Map.of("a", "1", "b", "2", "c", "3"));
        List<?> ranks = List.of(0, 1, 10, 11, Integer.MIN_VALUE);
        List<?> offsets = Arrays.asList(null, -6L, -5L, Long.MAX_VALUE);
        List<?> flags = Arrays.asList(null, true);
        List<?> smalls = List.of((short) 3, (short) 4);
        BuiltInConstraints constraints = BuiltInConstraints.of(Checked.class).orElseThrow();
        int compared = 0;

        for (int i = 0; i < 9 * 5 * 4 * 7; i++) {
            Checked item = new Checked((String) pick(names, i), (List<String>) pick(tags, i),
                    (Map<String, String>) pick(labels, i), (Integer) pick(ranks, i), (Long) pick(offsets, i),
                    (Boolean) pick(flags, i), (Short) pick(smalls, i), "free");

            // WHEN
            List<Violation> builtIn = Validation.ordered(constraints.violations(item));

            // THEN
            assertThat(builtIn).as("item %d", i).isEqualTo(Validation.ordered(Validation.hibernateViolations(item)));
            compared += builtIn.size();
        }
        assertThat(compared).as("violations compared").isGreaterThan(1000);
    }

    @Test
    void violations_patternsWithSpecialCharactersAndFlags_matchHibernateValidatorExactly() {
        // GIVEN values matching and failing each expression, cycled through so that many combinations meet
        List<?> words = Arrays.asList(null, "", "abc", "Abc", "a b");
        List<?> phones = Arrays.asList(null, "555-1234", "555-12345", "5551234", "\u0665\u0665\u0665-1234");
        List<?> expressions = Arrays.asList(null, "${abc}", "#{x}", "${}", "{abc}");
        List<?> specials = Arrays.asList(null, "{}", "\\\"'", "$", "");
        List<?> flagged = Arrays.asList(null, "ABBC", "abc", "ab c", "ac");
        List<?> combined = Arrays.asList(null, "", " ", "x\n", "a\nb", "abcde");
        BuiltInConstraints constraints = BuiltInConstraints.of(Patterned.class).orElseThrow();
        int compared = 0;

        for (int i = 0; i < 5 * 5 * 6 * 5; i++) {
            Patterned item = new Patterned((String) pick(words, i), (String) pick(phones, i),
                    (String) pick(expressions, i), (String) pick(specials, i), (String) pick(flagged, i),
                    (String) pick(combined, i));

            // WHEN
            List<Violation> builtIn = Validation.ordered(constraints.violations(item));

            // THEN
            assertThat(builtIn).as("item %d", i).isEqualTo(Validation.ordered(Validation.hibernateViolations(item)));
            compared += builtIn.size();
        }
        assertThat(compared).as("violations compared").isGreaterThan(1000);
        assertThat(constraints.violations("expression", "{abc}"))
                .containsExactly(new Violation("expression", "must match \"\\$\\{[a-z]+\\}|#\\{x\\}\""));
    }

    @Test
    void violationsOfAValue_eachComponentAndValue_matchHibernateValidatorExactly() {
        // GIVEN
        BuiltInConstraints constraints = BuiltInConstraints.of(Checked.class).orElseThrow();
        Map<String, List<?>> values = Map.of("name", Arrays.asList(null, "", " ", "ab", "abcdef"),
                "tags", Arrays.asList(null, List.of(), List.of("x")),
                "rank", List.of(0, 5, 11), "offset", Arrays.asList(null, -6L, 0L),
                "flag", Arrays.asList(null, false), "free", Arrays.asList(null, ""));

        values.forEach((attribute, candidates) -> candidates.forEach(value -> {
            // WHEN
            List<Violation> builtIn = Validation.ordered(constraints.violations(attribute, value));

            // THEN
            assertThat(builtIn).as("%s = %s", attribute, value).isEqualTo(
                    Validation.ordered(Validation.hibernateViolations(Checked.class, attribute, value)));
        }));
    }

    @Test
    void violations_ownAccessorAndField_checkEachTheirOwnValueAsHibernateValidatorDoes() {
        // GIVEN
        BuiltInConstraints constraints = BuiltInConstraints.of(OwnAccessor.class).orElseThrow();

        for (String code : Arrays.asList(null, "  ", " ab ", "abcd", "  abcd  ")) {
            OwnAccessor item = new OwnAccessor(code);

            // WHEN
            List<Violation> builtIn = Validation.ordered(constraints.violations(item));

            // THEN
            assertThat(builtIn).as("code '%s'", code)
                    .isEqualTo(Validation.ordered(Validation.hibernateViolations(item)));
        }
        assertThat(Validation.ordered(constraints.violations(new OwnAccessor("  abcd  "))))
                .containsExactly(new Violation("code", "size must be between 0 and 3"));
    }

    @Test
    void of_constraintsOtherThanTheCommonBuiltInOnes_leavesTheRecordToHibernateValidator() {
        List<Class<?>> others = List.of(CustomMessage.class, InGroup.class, BadExpression.class,
                PatternOnNumber.class, PatternWithMessage.class,
                EmailConstraint.class, Cascaded.class, OnElements.class, SizeOfNumber.class, BadBounds.class,
                MinOfDecimal.class, ConstrainedGetter.class, FromInterface.class, OnArray.class, GetterNamedAccessor.class, ValidationTest.Period.class);

        List<Class<?>> takenOver = new ArrayList<>();
        for (Class<?> type : others) {
            if (BuiltInConstraints.of(type).isPresent()) {
                takenOver.add(type);
            }
        }

        assertThat(takenOver).isEmpty();
    }

    @Test
    void of_aRecordWithoutConstraints_constrainsNothing() {
        // WHEN
        BuiltInConstraints constraints = BuiltInConstraints.of(Unconstrained.class).orElseThrow();

        // THEN
        assertThat(constraints.constrains("id")).isFalse();
        assertThat(constraints.constrains("tags")).isFalse();
        assertThat(constraints.violations(new Unconstrained(null, 0, null))).isEmpty();
        assertThat(Validation.hibernateViolations(new Unconstrained(null, 0, null))).isEmpty();
    }

    @Test
    void of_aClassThatIsNotARecord_leavesItToHibernateValidator() {
        assertThat(BuiltInConstraints.of(Object.class)).isEmpty();
        assertThat(BuiltInConstraints.of(String.class)).isEmpty();
    }

    @Test
    void findsConfiguration_anApplicationsMessageBundle_leavesValidationToHibernateValidator(@TempDir Path resources)
            throws Exception {
        // GIVEN
        Files.writeString(resources.resolve("ValidationMessages.properties"),
                "jakarta.validation.constraints.NotBlank.message = say something\n");

        // WHEN / THEN
        try (URLClassLoader loader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)) {
            assertThat(BuiltInConstraints.findsConfiguration(loader)).isTrue();
        }
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThat(BuiltInConstraints.findsConfiguration(empty)).isFalse();
        }
    }

    @Test
    void constrains_tellsTheComponentsThatCarryConstraints() {
        BuiltInConstraints constraints = BuiltInConstraints.of(Checked.class).orElseThrow();

        assertThat(constraints.constrains("name")).isTrue();
        assertThat(constraints.constrains("small")).isTrue();
        assertThat(constraints.constrains("free")).isFalse();
        assertThat(constraints.constrains("missing")).isFalse();
    }

    private static Object pick(List<?> values, int i) {
        return values.get(Math.floorMod(i * 7 + i / values.size(), values.size()));
    }
}

package io.github.dynacrud.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * What one built-in constraint allows, and what it says otherwise: Hibernate Validator's result and English message
 * for the constraints {@link BuiltInConstraints} takes over.
 *
 * @param kind    the constraint
 * @param min     its lower bound, for {@code @Size} and {@code @Min}
 * @param max     its upper bound, for {@code @Size} and {@code @Max}
 * @param regexp  its compiled expression, for {@code @Pattern}
 * @param message its message, parameters filled in
 */
record BuiltInRule(Kind kind, long min, long max, java.util.regex.Pattern regexp, String message) {
    private static final String CONSTRAINTS = "jakarta.validation.constraints.";

    /**
     * Reads one annotation.
     *
     * @param annotation an annotation of a record component
     * @param type       the component's class
     * @return its rule, or empty when it is not a built-in constraint checked here, with its default message and group,
     *         on a type Hibernate Validator checks it on, with bounds it accepts
     */
    static Optional<BuiltInRule> of(Annotation annotation, Class<?> type) {
        if (annotation instanceof NotNull notNull && isDefault(notNull.message(), notNull.groups(), "NotNull")) {
            return Optional.of(new BuiltInRule(Kind.NOT_NULL, 0, 0, null, "must not be null"));
        }
        if (annotation instanceof NotBlank notBlank && isDefault(notBlank.message(), notBlank.groups(), "NotBlank")
                && CharSequence.class.isAssignableFrom(type)) {
            return Optional.of(new BuiltInRule(Kind.NOT_BLANK, 0, 0, null, "must not be blank"));
        }
        if (annotation instanceof NotEmpty notEmpty && isDefault(notEmpty.message(), notEmpty.groups(), "NotEmpty")
                && Kind.hasSize(type)) {
            return Optional.of(new BuiltInRule(Kind.NOT_EMPTY, 0, 0, null, "must not be empty"));
        }
        if (annotation instanceof Size size && isDefault(size.message(), size.groups(), "Size")
                && Kind.hasSize(type) && size.min() >= 0 && size.max() >= size.min()) {
            return Optional.of(new BuiltInRule(Kind.SIZE, size.min(), size.max(), null,
                    "size must be between " + size.min() + " and " + size.max()));
        }
        if (annotation instanceof Min min && isDefault(min.message(), min.groups(), "Min") && Kind.isWhole(type)) {
            return Optional.of(new BuiltInRule(Kind.MIN, min.value(), 0, null,
                    "must be greater than or equal to " + min.value()));
        }
        if (annotation instanceof Max max && isDefault(max.message(), max.groups(), "Max") && Kind.isWhole(type)) {
            return Optional.of(new BuiltInRule(Kind.MAX, 0, max.value(), null,
                    "must be less than or equal to " + max.value()));
        }
        if (annotation instanceof Pattern pattern && isDefault(pattern.message(), pattern.groups(), "Pattern")
                && CharSequence.class.isAssignableFrom(type)) {
            java.util.regex.Pattern regexp = compile(pattern);
            return regexp == null ? Optional.empty() : Optional.of(new BuiltInRule(Kind.PATTERN, 0, 0, regexp,
                    "must match \"" + pattern.regexp() + "\""));
        }
        return Optional.empty();
    }

    /**
     * Compiles a {@code @Pattern}'s expression with its flags, as Hibernate Validator does; an expression that does
     * not compile ({@code null} here) is left to Hibernate Validator, which reports it in its own words.
     */
    private static java.util.regex.Pattern compile(Pattern pattern) {
        int flags = 0;
        for (Pattern.Flag flag : pattern.flags()) {
            flags |= flag.getValue();
        }
        try {
            return java.util.regex.Pattern.compile(pattern.regexp(), flags);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    private static boolean isDefault(String message, Class<?>[] groups, String name) {
        return groups.length == 0 && message.equals("{" + CONSTRAINTS + name + ".message}");
    }

    /**
     * Checks a value.
     *
     * @param value the value, possibly {@code null}
     * @return {@code true} when the constraint holds, as Hibernate Validator decides it
     */
    boolean allows(Object value) {
        return switch (kind) {
            case NOT_NULL -> value != null;
            case NOT_BLANK -> value != null && !value.toString().isBlank();
            case NOT_EMPTY -> value != null && Kind.size(value) > 0;
            case SIZE -> value == null || Kind.size(value) >= min && Kind.size(value) <= max;
            case MIN -> value == null || ((Number) value).longValue() >= min;
            case MAX -> value == null || ((Number) value).longValue() <= max;
            case PATTERN -> value == null || regexp.matcher((CharSequence) value).matches();
        };
    }

    /** The built-in constraints checked here, and the types they apply to. */
    enum Kind {
        NOT_NULL, NOT_BLANK, NOT_EMPTY, SIZE, MIN, MAX, PATTERN;

        private static final Set<Class<?>> WHOLE = Set.of(long.class, Long.class, int.class, Integer.class,
                short.class, Short.class, byte.class, Byte.class);

        static boolean hasSize(Class<?> type) {
            return CharSequence.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)
                    || Map.class.isAssignableFrom(type);
        }

        static boolean isWhole(Class<?> type) {
            return WHOLE.contains(type);
        }

        static int size(Object value) {
            if (value instanceof CharSequence text) {
                return text.length();
            }
            if (value instanceof Collection<?> collection) {
                return collection.size();
            }
            return ((Map<?, ?>) value).size();
        }
    }
}

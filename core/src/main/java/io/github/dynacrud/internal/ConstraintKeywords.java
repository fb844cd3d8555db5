package io.github.dynacrud.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.CompositionType;
import org.hibernate.validator.constraints.ConstraintComposition;
import org.hibernate.validator.constraints.Length;
import org.hibernate.validator.constraints.UniqueElements;

/**
 * Bean Validation constraints as JSON Schema 2020-12 keywords, each exactly as strict as its validator: a constraint
 * with no such keyword ({@code @Past}, a custom one) adds none, at most a {@code description}. A composed constraint
 * adds the keywords of the constraints it is made of, when all of them must hold.
 */
public final class ConstraintKeywords {
    /**
     * Finds a character that {@link String#isBlank()}, and so {@code @NotBlank}, does not count as white space; written
     * out, since a regular expression's {@code \s} is another set.
     */
    public static final String NOT_BLANK = "[^\\t\\n\\u000B\\f\\r\\u001C-\\u001F \\u1680\\u2000-\\u2006"
            + "\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000]";

    /** Java regular expression syntax that ECMA 262, the dialect of JSON Schema, lacks or reads otherwise. */
    private static final java.util.regex.Pattern NOT_ECMA = java.util.regex.Pattern.compile(
            "\\\\[AZzGQEhHRXpP]|\\(\\?[a-zA-Z-]|\\(\\?>|&&|[*+?}]\\+");

    /** What JSON a schema describes, which decides what a constraint means for it. */
    public enum Kind {
        /** A JSON string. */
        STRING,
        /** A JSON number without fraction. */
        INTEGER,
        /** Any JSON number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A JSON array. */
        ARRAY,
        /** A JSON object. */
        OBJECT,
        /** Anything else, such as a reference to a record's schema. */
        OTHER
    }

    private ConstraintKeywords() {
    }

    /**
     * Tells whether constraints refuse {@code null}: {@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}, or a
     * constraint composed of one of them.
     *
     * @param constraints the constraints of one value
     * @return {@code true} when a {@code null} value breaks one
     */
    public static boolean forbidNull(Collection<? extends ConstraintDescriptor<?>> constraints) {
        for (ConstraintDescriptor<?> constraint : constraints) {
            Annotation annotation = constraint.getAnnotation();
            if (annotation instanceof NotNull || annotation instanceof NotBlank || annotation instanceof NotEmpty
                    || allMustHold(constraint) && forbidNull(constraint.getComposingConstraints())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the keywords of constraints to a value's schema.
     *
     * @param schema      the schema, changed in place
     * @param kind        what JSON it describes
     * @param nullable    whether it also accepts {@code null}
     * @param constraints the constraints of the value
     */
    public static void apply(ObjectNode schema, Kind kind, boolean nullable,
            Collection<? extends ConstraintDescriptor<?>> constraints) {
        // Validation hands constraints over in no order; sorted, the same record always gives the same schema.
        List<ConstraintDescriptor<?>> sorted = new ArrayList<>(constraints);
        sorted.sort(Comparator.comparing((ConstraintDescriptor<?> c) -> c.getAnnotation().annotationType().getName())
                .thenComparing(c -> c.getAnnotation().toString()));
        for (ConstraintDescriptor<?> constraint : sorted) {
            applyOne(schema, kind, nullable, constraint.getAnnotation());
            if (allMustHold(constraint)) {
                apply(schema, kind, nullable, constraint.getComposingConstraints());
            }
        }
    }

    /**
     * Writes a Java regular expression, which a constraint matches against the whole value, as a JSON Schema pattern,
     * which matches anywhere in it.
     *
     * @param regex a {@link java.util.regex.Pattern} expression
     * @param flags its flags
     * @return the anchored expression, or empty when it uses flags or syntax that ECMA 262 lacks
     */
    public static Optional<String> ecmaPattern(String regex, Pattern.Flag[] flags) {
        if (flags.length > 0 || NOT_ECMA.matcher(regex).find()) {
            return Optional.empty();
        }
        return Optional.of("^(?:" + regex + ")$");
    }

    private static boolean allMustHold(ConstraintDescriptor<?> constraint) {
        ConstraintComposition composition = constraint.getAnnotation().annotationType()
                .getAnnotation(ConstraintComposition.class);
        return composition == null || composition.value() == CompositionType.AND;
    }

    private static void applyOne(ObjectNode schema, Kind kind, boolean nullable, Annotation annotation) {
        boolean numeric = kind == Kind.INTEGER || kind == Kind.NUMBER;
        if (annotation instanceof NotBlank && kind == Kind.STRING) {
            SchemaKeywords.atLeast(schema, "minLength", BigDecimal.ONE);
            SchemaKeywords.pattern(schema, NOT_BLANK);
        } else if (annotation instanceof NotEmpty) {
            count(schema, kind, 1, Integer.MAX_VALUE);
        } else if (annotation instanceof Size size) {
            count(schema, kind, size.min(), size.max());
        } else if (annotation instanceof Length length && kind == Kind.STRING) {
            count(schema, kind, length.min(), length.max());
        } else if (annotation instanceof Min min && numeric) {
            SchemaKeywords.atLeast(schema, "minimum", BigDecimal.valueOf(min.value()));
        } else if (annotation instanceof Max max && numeric) {
            SchemaKeywords.atMost(schema, "maximum", BigDecimal.valueOf(max.value()));
        } else if (annotation instanceof DecimalMin min && numeric) {
            SchemaKeywords.atLeast(schema, min.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(min.value()));
        } else if (annotation instanceof DecimalMax max && numeric) {
            SchemaKeywords.atMost(schema, max.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(max.value()));
        } else if (numeric && applySign(schema, kind, annotation)) {
            return;
        } else if (annotation instanceof Pattern pattern && kind == Kind.STRING) {
            regex(schema, pattern.regexp(), pattern.flags());
        } else if (annotation instanceof Email email && kind == Kind.STRING) {
            // @Email takes the empty string, which the email format does not.
            ArrayNode either = schema.putArray("anyOf");
            either.addObject().put("format", "email");
            either.addObject().put("maxLength", 0);
            if (!email.regexp().equals(".*")) {
                regex(schema, email.regexp(), email.flags());
            }
        } else if (kind == Kind.BOOLEAN && (annotation instanceof AssertTrue || annotation instanceof AssertFalse)) {
            SchemaKeywords.constant(schema, annotation instanceof AssertTrue, nullable);
        } else if (annotation instanceof UniqueElements && kind == Kind.ARRAY) {
            schema.put("uniqueItems", true);
        } else if (annotation instanceof Null) {
            schema.putNull("const");
        } else {
            describeTime(schema, annotation);
        }
    }

    /** Adds the keywords of a sign or digits constraint, telling whether it was one. */
    private static boolean applySign(ObjectNode schema, Kind kind, Annotation annotation) {
        if (annotation instanceof Positive) {
            SchemaKeywords.atLeast(schema, "exclusiveMinimum", BigDecimal.ZERO);
        } else if (annotation instanceof PositiveOrZero) {
            SchemaKeywords.atLeast(schema, "minimum", BigDecimal.ZERO);
        } else if (annotation instanceof Negative) {
            SchemaKeywords.atMost(schema, "exclusiveMaximum", BigDecimal.ZERO);
        } else if (annotation instanceof NegativeOrZero) {
            SchemaKeywords.atMost(schema, "maximum", BigDecimal.ZERO);
        } else if (annotation instanceof Digits digits) {
            // At most n integer digits is |x| < 10^n; at most f fraction digits is a multiple of 10^-f.
            BigDecimal bound = BigDecimal.TEN.pow(digits.integer());
            SchemaKeywords.atLeast(schema, "exclusiveMinimum", bound.negate());
            SchemaKeywords.atMost(schema, "exclusiveMaximum", bound);
            if (kind == Kind.NUMBER) {
                schema.set("multipleOf", SchemaKeywords.number(BigDecimal.ONE.movePointLeft(digits.fraction())));
            }
        } else {
            return false;
        }
        return true;
    }

    private static void count(ObjectNode schema, Kind kind, int min, int max) {
        String unit = switch (kind) {
            case STRING -> "Length";
            case ARRAY -> "Items";
            case OBJECT -> "Properties";
            default -> null;
        };
        if (unit == null) {
            return;
        }
        if (min > 0) {
            SchemaKeywords.atLeast(schema, "min" + unit, BigDecimal.valueOf(min));
        }
        if (max < Integer.MAX_VALUE) {
            SchemaKeywords.atMost(schema, "max" + unit, BigDecimal.valueOf(max));
        }
    }

    private static void regex(ObjectNode schema, String regex, Pattern.Flag[] flags) {
        ecmaPattern(regex, flags).ifPresentOrElse(pattern -> SchemaKeywords.pattern(schema, pattern),
                () -> SchemaKeywords.describe(schema, "must match the Java regular expression " + regex
                        + (flags.length > 0 ? " with flags " + java.util.Arrays.toString(flags) : "")));
    }

    private static void describeTime(ObjectNode schema, Annotation annotation) {
        if (annotation instanceof Past) {
            SchemaKeywords.describe(schema, "must be in the past");
        } else if (annotation instanceof PastOrPresent) {
            SchemaKeywords.describe(schema, "must be in the past or the present");
        } else if (annotation instanceof Future) {
            SchemaKeywords.describe(schema, "must be in the future");
        } else if (annotation instanceof FutureOrPresent) {
            SchemaKeywords.describe(schema, "must be in the future or the present");
        }
    }
}

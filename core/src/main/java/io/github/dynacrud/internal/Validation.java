package io.github.dynacrud.internal;

import io.github.dynacrud.ValidationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bean Validation with one Hibernate Validator factory per process, built on first use with the
 * {@link ParameterMessageInterpolator}, so no expression language is loaded, and English messages whatever the
 * machine's locale, so API responses do not change with where they run.
 */
public final class Validation {
    private Validation() {
    }

    private static final class Holder {
        static final Validator VALIDATOR = jakarta.validation.Validation.byProvider(HibernateValidator.class)
                .configure()
                .defaultLocale(Locale.ENGLISH)
                .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ENGLISH), Locale.ENGLISH, false))
                .buildValidatorFactory()
                .getValidator();
    }

    /**
     * Builds the validator and a type's constraint metadata now, so the first request does not pay for them.
     *
     * @param type a record class
     */
    public static void prepare(Class<?> type) {
        Holder.VALIDATOR.getConstraintsForClass(type);
    }

    /**
     * Validates a whole record.
     *
     * @param item the record
     * @throws ValidationException listing every violation, sorted by field
     */
    public static void check(Object item) {
        throwIfAny(Holder.VALIDATOR.validate(item));
    }

    /**
     * Validates one would-be value of a record component, as a partial update would set it.
     *
     * @param type      the record class
     * @param attribute the component name
     * @param value     the new value, possibly {@code null}
     * @param <T>       the record type
     * @throws ValidationException listing every violation
     */
    public static <T> void checkValue(Class<T> type, String attribute, Object value) {
        throwIfAny(Holder.VALIDATOR.validateValue(type, attribute, value));
    }

    /**
     * Tells whether a value of one component could break a constraint: the component carries constraints (on itself,
     * its elements or cascaded), or the record has class-level constraints, which may read any component.
     *
     * @param type      the record class
     * @param attribute the component name
     * @return {@code true} when a new value of the component needs validating
     */
    public static boolean isConstrained(Class<?> type, String attribute) {
        var bean = Holder.VALIDATOR.getConstraintsForClass(type);
        return bean.hasConstraints() || bean.getConstraintsForProperty(attribute) != null;
    }

    private static <T> void throwIfAny(Set<ConstraintViolation<T>> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations.stream()
                    .map(v -> new ValidationException.Violation(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(ValidationException.Violation::field)
                            .thenComparing(ValidationException.Violation::message))
                    .distinct()
                    .toList());
        }
    }
}

package io.github.dynacrud.internal;

import io.github.dynacrud.ValidationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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
     * Returns a type's constraint metadata, as validation applies it: what a schema of the type's JSON describes.
     *
     * @param type a record class
     * @return its constraints
     */
    public static BeanDescriptor constraints(Class<?> type) {
        return Holder.VALIDATOR.getConstraintsForClass(type);
    }

    /**
     * Validates a whole record.
     *
     * @param item the record
     * @throws ValidationException listing every violation, sorted by field
     */
    public static void check(Object item) {
        throwIfAny(violations("", Holder.VALIDATOR.validate(item)));
    }

    /**
     * Validates one would-be value of a record component, as a partial update would set it: the component's own
     * constraints, those on its elements ({@code List<@NotBlank String>}) and, for a {@code @Valid} component, the
     * value's own constraints, named as a whole-record validation names them ({@code address.city}). Nothing else
     * cascades: an entity cannot store a container of records ({@code List<@Valid Stop>}), so a value never holds one.
     *
     * @param type      the record class
     * @param attribute the component name
     * @param value     the new value, possibly {@code null}
     * @param <T>       the record type
     * @throws ValidationException listing every violation
     */
    public static <T> void checkValue(Class<T> type, String attribute, Object value) {
        List<ValidationException.Violation> found = violations("",
                Holder.VALIDATOR.validateValue(type, attribute, value));
        PropertyDescriptor property = Holder.VALIDATOR.getConstraintsForClass(type)
                .getConstraintsForProperty(attribute);
        if (value != null && property != null && property.isCascaded()) {
            found.addAll(violations(attribute, Holder.VALIDATOR.validate(value)));
        }
        throwIfAny(found);
    }

    /**
     * Tells whether one would-be value of a record component passes {@link #checkValue}.
     *
     * @param type      the record class
     * @param attribute the component name
     * @param value     the value, possibly {@code null}
     * @return {@code true} when it breaks no constraint
     */
    public static boolean accepts(Class<?> type, String attribute, Object value) {
        try {
            checkValue(type, attribute, value);
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    /**
     * Tells whether some of a record's constraints span several components, on the record itself or on a getter that
     * is not a component's accessor, so that a partial update can only be checked on the whole record it makes.
     *
     * @param type a record class
     * @return {@code true} when such a constraint exists
     */
    public static boolean spansComponents(Class<? extends Record> type) {
        BeanDescriptor bean = Holder.VALIDATOR.getConstraintsForClass(type);
        Set<String> components = Set.copyOf(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .toList());
        return !bean.getConstraintDescriptors().isEmpty() || bean.getConstrainedProperties().stream()
                .anyMatch(property -> !components.contains(property.getPropertyName()));
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

    private static List<ValidationException.Violation> violations(String prefix,
            Collection<? extends ConstraintViolation<?>> violations) {
        List<ValidationException.Violation> found = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations) {
            String path = violation.getPropertyPath().toString();
            String field = prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "." + path;
            found.add(new ValidationException.Violation(field, violation.getMessage()));
        }
        return found;
    }

    private static void throwIfAny(List<ValidationException.Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations.stream()
                    .sorted(Comparator.comparing(ValidationException.Violation::field)
                            .thenComparing(ValidationException.Violation::message))
                    .distinct()
                    .toList());
        }
    }
}

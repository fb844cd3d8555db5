package io.github.dynacrud.internal;

import jakarta.validation.groups.Default;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.util.Objects;
import java.util.Set;

/**
 * What validation checks on one value (a record component, or an element of a container): the constraints of the
 * default group, which is the one dynacrud validates, those on its elements, and whether it cascades into a record.
 *
 * @param constraints the value's own constraints
 * @param elements    the constraints on its type arguments ({@code List<@NotBlank String>})
 * @param cascaded    whether validation goes into the value ({@code @Valid})
 */
public record ValueChecks(Set<ConstraintDescriptor<?>> constraints, Set<ContainerElementTypeDescriptor> elements,
        boolean cascaded) {
    /** A value nothing checks. */
    public static final ValueChecks NONE = new ValueChecks(Set.of(), Set.of(), false);

    /**
     * Finds what validation checks on a record component.
     *
     * @param type      the record class
     * @param component the component name
     * @return its checks, {@link #NONE} when it has none
     */
    public static ValueChecks of(Class<?> type, String component) {
        PropertyDescriptor property = Validation.constraints(type).getConstraintsForProperty(component);
        return property == null ? NONE : new ValueChecks(property.findConstraints()
                .unorderedAndMatchingGroups(Default.class).getConstraintDescriptors(),
                property.getConstrainedContainerElementTypes(), property.isCascaded());
    }

    /**
     * Returns what validation checks on a type argument's values: a list's elements, a map's keys or values.
     *
     * @param index the type argument's position, such as 1 for a map's values
     * @return their checks, {@link #NONE} when they have none
     */
    public ValueChecks element(int index) {
        for (ContainerElementTypeDescriptor element : elements) {
            if (Objects.equals(element.getTypeArgumentIndex(), index) || element.getTypeArgumentIndex() == null) {
                return new ValueChecks(element.findConstraints().unorderedAndMatchingGroups(Default.class)
                        .getConstraintDescriptors(), element.getConstrainedContainerElementTypes(),
                        element.isCascaded());
            }
        }
        return NONE;
    }

    /** @return whether a {@code null} value breaks a constraint */
    public boolean forbidNull() {
        return ConstraintKeywords.forbidNull(constraints);
    }

    /**
     * Tells whether a record type has constraints anywhere, on itself, its components or their elements, or cascades.
     *
     * @param type a record class
     * @return {@code true} when validating a value of the type can fail
     */
    public static boolean constrained(Class<?> type) {
        return Validation.constraints(type).isBeanConstrained();
    }
}

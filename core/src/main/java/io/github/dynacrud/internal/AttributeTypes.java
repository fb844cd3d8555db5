package io.github.dynacrud.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checks values that code names by attribute (in conditions and changes) against the record's component types, and
 * converts single elements of list and set attributes as the item mapping stores them.
 */
public final class AttributeTypes {
    private static final ClassValue<RecordModel<?>> MODELS = new ClassValue<>() {
        @Override
        protected RecordModel<?> computeValue(Class<?> type) {
            return RecordModel.of(type);
        }
    };

    private AttributeTypes() {
    }

    /**
     * Builds a record type's model now, at start-up, rather than on the first typed change or projection.
     *
     * @param recordType the record class
     */
    public static void prepare(Class<?> recordType) {
        MODELS.get(recordType);
    }

    /**
     * Finds a component of a record type, with the model built once per type.
     *
     * @param recordType the record class
     * @param attribute  the component name
     * @return the component
     * @throws IllegalArgumentException when the record has no such component
     */
    public static RecordModel.Component component(Class<?> recordType, String attribute) {
        return MODELS.get(recordType).component(attribute);
    }

    /**
     * Refuses a value that is not of the component's type.
     *
     * @param component the component
     * @param value     the value, not {@code null}
     * @param use       what the value is for, such as {@code "a condition on"}
     * @throws IllegalArgumentException naming the attribute and both types
     */
    public static void check(RecordModel.Component component, Object value, String use) {
        requireType(boxed(component.rawType()), component, value, use);
    }

    /**
     * Refuses elements that are not of a list or set component's element type, and an empty collection.
     *
     * @param component a {@code List} or {@code Set} component
     * @param elements  the elements
     * @param use       what the elements are for
     * @throws IllegalArgumentException when the component is no list or set, or an element has another type
     */
    public static void checkElements(RecordModel.Component component, Collection<?> elements, String use) {
        if (elements == null || elements.isEmpty()) {
            throw new IllegalArgumentException(use + " '" + component.name() + "' needs at least one element");
        }
        Class<?> type = elementType(component, use);
        elements.forEach(element -> requireType(type, component, element, use));
    }

    /**
     * Returns the element class of a list or set component.
     *
     * @param component the component
     * @param use       what the element is for, named in the failure
     * @return the element class, {@code Object} when the type argument is not a class
     * @throws IllegalArgumentException when the component is no list or set
     */
    public static Class<?> elementType(RecordModel.Component component, String use) {
        if (component.rawType() != List.class && component.rawType() != Set.class) {
            throw new IllegalArgumentException(use + " '" + component.name()
                    + "' needs a List or Set attribute; it is a "
                    + component.rawType().getSimpleName());
        }
        if (component.genericType() instanceof ParameterizedType parameterized) {
            Type argument = parameterized.getActualTypeArguments()[0];
            if (argument instanceof Class<?> type) {
                return type;
            }
            if (argument instanceof ParameterizedType nested && nested.getRawType() instanceof Class<?> type) {
                return type;
            }
        }
        return Object.class;
    }

    /**
     * Converts one element of a list or set component as the mapping stores it inside the collection.
     *
     * @param mapping   the entity's mapping
     * @param component a {@code List} or {@code Set} component
     * @param element   the element, already checked
     * @return the element's stored form
     */
    public static AttributeValue element(EntityMapping<?> mapping, RecordModel.Component component, Object element) {
        AttributeValue whole = mapping.attributeValue(component.name(),
                component.rawType() == Set.class ? Set.of(element) : List.of(element));
        if (whole.hasL()) {
            return whole.l().get(0);
        } else if (whole.hasSs()) {
            return AttributeValue.fromS(whole.ss().get(0));
        } else if (whole.hasNs()) {
            return AttributeValue.fromN(whole.ns().get(0));
        }
        return AttributeValue.fromB(whole.bs().get(0));
    }

    /**
     * Tells whether a component holds a number.
     *
     * @param component the component
     * @return {@code true} for primitive numbers, their boxes and {@code BigDecimal}/{@code BigInteger}
     */
    public static boolean isNumber(RecordModel.Component component) {
        Class<?> type = boxed(component.rawType());
        return Number.class.isAssignableFrom(type);
    }

    /**
     * Returns the box of a primitive type.
     *
     * @param type a type
     * @return its box, or the type itself when it is not primitive
     */
    public static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
    }

    private static void requireType(Class<?> type, RecordModel.Component component, Object value, String use) {
        if (value == null) {
            throw new IllegalArgumentException(use + " '" + component.name() + "' has a null value");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(use + " '" + component.name() + "' has a "
                    + value.getClass().getSimpleName() + " value; it holds " + type.getSimpleName() + "s");
        }
    }
}
